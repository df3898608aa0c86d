"""Reference data every installation needs: the communes of the territory and the role groups."""

from django.db import migrations

SEIGNANX = "Communauté de communes du Seignanx"
PAYS_BASQUE = "Communauté d'agglomération du Pays Basque"
MACS = "Communauté de communes Maremne Adour Côte-Sud"

# INSEE code, name, postal code, département, EPCI, latitude, longitude.
COMMUNES = [
    ("40312", "Tarnos", "40220", "40", SEIGNANX, 43.5406, -1.4613),
    ("40212", "Ondres", "40440", "40", SEIGNANX, 43.5642, -1.4450),
    ("40273", "Saint-Martin-de-Seignanx", "40390", "40", SEIGNANX, 43.5436, -1.3856),
    ("40249", "Saint-André-de-Seignanx", "40390", "40", SEIGNANX, 43.5575, -1.3486),
    ("40251", "Saint-Barthélemy", "40390", "40", SEIGNANX, 43.5186, -1.3353),
    ("40043", "Biarrotte", "40390", "40", SEIGNANX, 43.5564, -1.2767),
    ("40044", "Biaudos", "40390", "40", SEIGNANX, 43.5567, -1.3017),
    ("40266", "Saint-Laurent-de-Gosse", "40390", "40", SEIGNANX, 43.5283, -1.2717),
    ("40133", "Labenne", "40530", "40", MACS, 43.5947, -1.4258),
    ("40065", "Capbreton", "40130", "40", MACS, 43.6431, -1.4317),
    ("40296", "Seignosse", "40510", "40", MACS, 43.6897, -1.3739),
    ("40284", "Saint-Vincent-de-Tyrosse", "40230", "40", MACS, 43.6603, -1.3042),
    ("40088", "Dax", "40100", "40", "Communauté d'agglomération du Grand Dax", 43.7100, -1.0539),
    ("40192", "Mont-de-Marsan", "40000", "40", "Mont de Marsan Agglomération", 43.8903, -0.4997),
    ("64140", "Boucau", "64340", "64", PAYS_BASQUE, 43.5236, -1.4856),
    ("64102", "Bayonne", "64100", "64", PAYS_BASQUE, 43.4933, -1.4753),
    ("64024", "Anglet", "64600", "64", PAYS_BASQUE, 43.4850, -1.5194),
    ("64122", "Biarritz", "64200", "64", PAYS_BASQUE, 43.4832, -1.5586),
    ("64125", "Bidart", "64210", "64", PAYS_BASQUE, 43.4378, -1.5906),
    ("64483", "Saint-Jean-de-Luz", "64500", "64", PAYS_BASQUE, 43.3881, -1.6631),
    ("64260", "Hendaye", "64700", "64", PAYS_BASQUE, 43.3586, -1.7744),
    ("64256", "Hasparren", "64240", "64", PAYS_BASQUE, 43.3842, -1.3050),
    ("64547", "Urt", "64240", "64", PAYS_BASQUE, 43.4931, -1.2967),
    ("64445", "Pau", "64000", "64", "Communauté d'agglomération Pau Béarn Pyrénées", 43.2951, -0.3708),
]

ROLES = [
    "coordination", "partenaire", "membre",
    "plie", "plie-lecture", "gpect", "gpect-lecture", "circuits", "circuits-lecture",
    "incubateur", "incubateur-lecture", "ptce", "ptce-lecture",
]  # fmt: skip


def load(apps, schema_editor):
    Commune = apps.get_model("cbe_portal", "Commune")
    Group = apps.get_model("auth", "Group")
    for insee_code, name, postal_code, departement, epci, latitude, longitude in COMMUNES:
        Commune.objects.update_or_create(
            insee_code=insee_code,
            defaults=dict(
                name=name, postal_code=postal_code, departement=departement, epci=epci,
                latitude=latitude, longitude=longitude,
            ),
        )  # fmt: skip
    for role in ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("cbe_portal", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
