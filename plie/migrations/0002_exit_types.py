"""The exit types of DESIGN.md, each in its category (coordination edits them in the admin)."""

from django.db import migrations

EXIT_TYPES = [
    ("CDI", "positive"),
    ("CDD de 6 mois ou plus", "positive"),
    ("Intérim cumulé de 6 mois ou plus", "positive"),
    ("Contrat de professionnalisation", "positive"),
    ("Contrat d'apprentissage", "positive"),
    ("Création d'entreprise", "positive"),
    ("Formation qualifiante", "positive"),
    ("Déménagement", "administrative"),
    ("Retraite", "administrative"),
    ("Abandon", "autre"),
    ("Raisons de santé", "autre"),
    ("Durée maximale de parcours atteinte", "autre"),
]


def load(apps, schema_editor):
    ExitType = apps.get_model("plie", "ExitType")
    for position, (name, category) in enumerate(EXIT_TYPES, start=1):
        ExitType.objects.get_or_create(name=name, defaults={"category": category, "position": position})


def unload(apps, schema_editor):
    apps.get_model("plie", "ExitType").objects.filter(name__in=[name for name, _ in EXIT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("plie", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
