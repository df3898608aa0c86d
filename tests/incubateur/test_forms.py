import datetime

import pytest
from django.core.exceptions import ValidationError

from incubateur.forms import CreatedJobForm, StageChangeForm, TrainingSessionForm
from incubateur.models import CreatedJob, Stage, StageChange, TrainingSession
from tests.factories import PersonFactory

from .factories import PresentationFactory, ProjectFactory, TrainingFactory

D = datetime.date


@pytest.mark.parametrize(
    ("history", "new_stage", "reason", "valid"),
    [
        ([(Stage.INCUBATION, D(2020, 1, 1))], Stage.LANCEMENT, "", True),
        ([(Stage.INCUBATION, D(2020, 1, 1))], Stage.INCUBATION, "", True),  # same stage: not backwards
        ([(Stage.INCUBATION, D(2020, 1, 1))], Stage.IDEE, "", False),
        ([(Stage.INCUBATION, D(2020, 1, 1))], Stage.IDEE, "Projet mis en pause", True),
        ([(Stage.SORTI, D(2020, 1, 1))], Stage.LANCEMENT, "", False),
        ([], Stage.LANCEMENT, "", True),  # no history yet: anything goes
    ],
)
def test_stage_change_form(history, new_stage, reason, valid):
    project = ProjectFactory(history=history)
    form = StageChangeForm({"stage": new_stage, "date": "2020-06-01", "reason": reason}, project=project)
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "motif" in form.errors["reason"][0]


def test_change_stage_checks_the_rules_itself():
    project = ProjectFactory(history=[(Stage.LANCEMENT, D(2020, 1, 1))])
    with pytest.raises(ValidationError):
        project.change_stage(Stage.PRE_INCUBATION, D(2020, 2, 1))
    assert StageChange.objects.count() == 1


def test_a_decision_cannot_be_changed_once_the_project_moved_on():
    presentation = PresentationFactory(committee__date=D(2020, 2, 13))
    presentation.record_decision("admis", "", user=None)
    project = presentation.project
    project.change_stage(Stage.LANCEMENT, D(2020, 9, 1))
    with pytest.raises(ValidationError, match="a changé d'étape depuis ce comité"):
        presentation.record_decision("ajourne", "", user=None)
    project.refresh_from_db()
    assert project.stage == Stage.LANCEMENT and project.stage_changes.count() == 3
    presentation.refresh_from_db()
    assert presentation.decision == "admis"


def test_admission_of_a_project_already_launched_keeps_its_stage():
    presentation = PresentationFactory(project=ProjectFactory(history=[(Stage.LANCEMENT, D(2020, 1, 1))]))
    presentation.record_decision("admis", "", user=None)
    assert presentation.project.stage_changes.count() == 1


@pytest.mark.parametrize(("number", "message"), [(-1, "négatif"), (0, "au moins un")])
def test_jobs_created_must_be_positive(number, message):
    form = CreatedJobForm({"number": number, "date": "2020-06-01"}, instance=CreatedJob(project=ProjectFactory()))
    assert not form.is_valid()
    assert message in form.errors["number"][0]


def test_a_session_may_be_exactly_full(user_with_role):
    people = PersonFactory.create_batch(2)
    data = {"date": "2020-12-10", "capacity": 2, "participants": [p.pk for p in people]}
    session = TrainingSession(training=TrainingFactory())
    form = TrainingSessionForm(data, user=user_with_role("incubateur"), instance=session)
    assert form.is_valid(), form.errors


def test_person_choices_exclude_people_of_other_programmes(user_with_role):
    holder = PersonFactory()
    ProjectFactory(holders=[holder])
    form = TrainingSessionForm(user=user_with_role("incubateur"), instance=TrainingSession(training=TrainingFactory()))
    assert holder in form.fields["participants"].queryset
