"""English model names (STYLE's naming rule): the tables follow; the data stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plie", "0002_exit_types")]
    operations = [
        migrations.RenameModel("Etape", "Step"),
        migrations.RenameModel("Entretien", "Interview"),
        migrations.RenameModel("ActionCollective", "CollectiveAction"),
        migrations.RenameModel("Seance", "Session"),
        migrations.RenameModel("AideRepas", "MealAid"),
    ]
