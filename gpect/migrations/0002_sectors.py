from django.db import migrations

# The 13 activity sectors of the GPECT's employer file.
SECTORS = [
    "BTP et éco-construction",
    "Industrie",
    "Commerce",
    "Services à la personne",
    "Hôtellerie-restauration",
    "Transport et logistique",
    "Agriculture et agroalimentaire",
    "Santé et action sociale",
    "Administration et collectivités",
    "Numérique",
    "Environnement et recyclage",
    "Culture, sport et loisirs",
    "Économie sociale et solidaire",
]


def load_sectors(apps, schema_editor):
    Sector = apps.get_model("gpect", "Sector")
    for position, name in enumerate(SECTORS, start=1):
        Sector.objects.update_or_create(name=name, defaults={"position": position})


def unload_sectors(apps, schema_editor):
    apps.get_model("gpect", "Sector").objects.filter(name__in=SECTORS).delete()


class Migration(migrations.Migration):
    dependencies = [("gpect", "0001_initial")]
    operations = [migrations.RunPython(load_sectors, unload_sectors)]
