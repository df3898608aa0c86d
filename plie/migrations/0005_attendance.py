"""Session attendees through an explicit model, so that deleting a pathway cannot take its
attendances along (the figures count them). The auto-created table already has the right columns:
the state changes, then the table takes the model's name and the unique pair a named constraint."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plie", "0004_related_names_and_protect")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Attendance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attendances",
                                to="plie.session",
                                verbose_name="séance",
                            ),
                        ),
                        (
                            "parcours",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="attendances",
                                to="plie.parcours",
                                verbose_name="parcours",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "présence à une séance",
                        "verbose_name_plural": "présences à des séances",
                        "db_table": "plie_session_attendees",
                        "unique_together": {("session", "parcours")},
                    },
                ),
                migrations.AlterField(
                    model_name="session",
                    name="attendees",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="sessions",
                        through="plie.Attendance",
                        to="plie.parcours",
                        verbose_name="participant·es",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="attendance", table=None),
        migrations.AlterUniqueTogether(name="attendance", unique_together=set()),
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.UniqueConstraint(fields=("session", "parcours"), name="plie_attendance_once"),
        ),
    ]
