"""The migration that adds the decision links fills them in for the existing histories."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

D = datetime.date
BEFORE, AFTER = [("incubateur", "0002_english_names")], [("incubateur", "0004_link_history")]


@pytest.mark.long
@pytest.mark.django_db(transaction=True)
def test_existing_histories_get_their_previous_stages_and_decisions():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        Project, StageChange = apps.get_model("incubateur", "Project"), apps.get_model("incubateur", "StageChange")
        Committee, Presentation = (
            apps.get_model("incubateur", "Committee"),
            apps.get_model("incubateur", "Presentation"),
        )
        project = Project.objects.create(name="Recyclerie", theme="reemploi", stage="incubation")
        for stage, day in [
            ("idee", D(2019, 1, 5)),
            ("pre_incubation", D(2019, 3, 1)),
            ("incubation", D(2019, 10, 17)),
        ]:
            StageChange.objects.create(project=project, stage=stage, date=day)
        committee = Committee.objects.create(date=D(2019, 10, 17))
        Presentation.objects.create(committee=committee, project=project, decision="admis")

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        StageChange = apps.get_model("incubateur", "StageChange")
        history = StageChange.objects.filter(project_id=project.pk).order_by("date")
        assert [(c.previous_stage, c.stage) for c in history] == [
            ("", "idee"), ("idee", "pre_incubation"), ("pre_incubation", "incubation"),
        ]  # fmt: skip
        assert [c.presentation_id is not None for c in history] == [False, False, True]
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
