"""The incubator's models, fields and reverse relations in English; data kept as it is."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cbe_portal", "0001_initial"),
        ("incubateur", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Projet", "Project"),
        migrations.RenameModel("PremierAccueil", "Reception"),
        migrations.RenameModel("ComiteOrientation", "Committee"),
        migrations.RenameModel("RendezVous", "Appointment"),
        migrations.RenameModel("TempsCollectif", "CollectiveTime"),
        migrations.RenameModel("Formation", "Training"),
        migrations.RenameModel("FormationSession", "TrainingSession"),
        migrations.RenameModel("StructureCreee", "CreatedStructure"),
        migrations.RenameModel("EmploiCree", "CreatedJob"),
        migrations.RenameField("stagechange", "projet", "project"),
        migrations.RenameField("reception", "projet", "project"),
        migrations.RenameField("committee", "projets", "projects"),
        migrations.RenameField("presentation", "comite", "committee"),
        migrations.RenameField("presentation", "projet", "project"),
        migrations.RenameField("appointment", "projet", "project"),
        migrations.RenameField("appointment", "accompagnant", "member"),
        migrations.RenameField("trainingsession", "formation", "training"),
        migrations.RenameField("createdstructure", "projet", "project"),
        migrations.RenameField("createdjob", "projet", "project"),
        migrations.AlterModelOptions(
            name='presentation',
            options={'ordering': ['committee__date', 'project__name'], 'verbose_name': 'présentation en comité', 'verbose_name_plural': 'présentations en comité'},
        ),
        migrations.AlterField(
            model_name='appointment',
            name='member',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='incubateur.collectivemember', verbose_name='structure accompagnante'),
        ),
        migrations.AlterField(
            model_name='appointment',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appointments', to='incubateur.project', verbose_name='projet'),
        ),
        migrations.AlterField(
            model_name='collectivemember',
            name='organisation',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='incubateur_member', to='cbe_portal.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='collectivemember',
            name='people',
            field=models.ManyToManyField(blank=True, related_name='incubateur_collective_members', to='cbe_portal.person', verbose_name='accompagnant·es'),
        ),
        migrations.AlterField(
            model_name='collectivetime',
            name='attendees',
            field=models.ManyToManyField(blank=True, related_name='incubateur_collective_times', to='cbe_portal.person', verbose_name='porteur·ses présent·es'),
        ),
        migrations.AlterField(
            model_name='committee',
            name='members_present',
            field=models.ManyToManyField(blank=True, related_name='committees', to='incubateur.collectivemember', verbose_name='membres présents'),
        ),
        migrations.AlterField(
            model_name='committee',
            name='projects',
            field=models.ManyToManyField(related_name='committees', through='incubateur.Presentation', to='incubateur.project', verbose_name='projets présentés'),
        ),
        migrations.AlterField(
            model_name='createdjob',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to='incubateur.project', verbose_name='projet'),
        ),
        migrations.AlterField(
            model_name='createdstructure',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incubateur_created_structures', to='cbe_portal.organisation', verbose_name='structure'),
        ),
        migrations.AlterField(
            model_name='project',
            name='holders',
            field=models.ManyToManyField(related_name='incubateur_projects', to='cbe_portal.person', verbose_name='porteur·ses'),
        ),
        migrations.AlterField(
            model_name='reception',
            name='persons',
            field=models.ManyToManyField(related_name='incubateur_receptions', to='cbe_portal.person', verbose_name='personnes reçues'),
        ),
        migrations.AlterField(
            model_name='reception',
            name='project',
            field=models.ForeignKey(blank=True, help_text="Le projet issu de cette idée, s'il existe.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='receptions', to='incubateur.project', verbose_name='projet'),
        ),
        migrations.AlterField(
            model_name='trainingsession',
            name='participants',
            field=models.ManyToManyField(blank=True, related_name='incubateur_training_sessions', to='cbe_portal.person', verbose_name='participant·es'),
        ),
        # The index and the constraint follow the renamed columns in the database: only the state changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='presentation',
                    name='incubateur_presentation_unique',
                ),
                migrations.RemoveIndex(
                    model_name='stagechange',
                    name='incubateur_stagechange_idx',
                ),
                migrations.AddIndex(
                    model_name='stagechange',
                    index=models.Index(fields=['project', 'date'], name='incubateur_stagechange_idx'),
                ),
                migrations.AddConstraint(
                    model_name='presentation',
                    constraint=models.UniqueConstraint(fields=('committee', 'project'), name='incubateur_presentation_unique', violation_error_message='Ce projet est déjà présenté à ce comité.'),
                ),
            ],
        ),
    ]
