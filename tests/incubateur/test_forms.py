import datetime

import pytest
from django.core.exceptions import ValidationError

from incubateur.forms import EmploiCreeForm, FormationSessionForm, StageChangeForm
from incubateur.models import Stage, StageChange
from tests.factories import PersonFactory

from .factories import ComiteFactory, FormationFactory, PresentationFactory, ProjetFactory

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
    projet = ProjetFactory(history=history)
    form = StageChangeForm({"stage": new_stage, "date": "2020-06-01", "reason": reason}, projet=projet)
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "motif" in form.errors["reason"][0]


def test_change_stage_checks_the_rules_itself():
    projet = ProjetFactory(history=[(Stage.LANCEMENT, D(2020, 1, 1))])
    with pytest.raises(ValidationError):
        projet.change_stage(Stage.PRE_INCUBATION, D(2020, 2, 1))
    assert StageChange.objects.count() == 1


def test_record_decision_refuses_a_project_not_presented():
    comite, projet = ComiteFactory(), ProjetFactory(history=[(Stage.PRE_INCUBATION, D(2020, 1, 1))])
    with pytest.raises(ValidationError, match="n'a pas été présenté"):
        comite.record_decision(projet, "admis")
    projet.refresh_from_db()
    assert projet.stage == Stage.PRE_INCUBATION


def test_admission_of_a_project_already_launched_keeps_its_stage():
    presentation = PresentationFactory(projet=ProjetFactory(history=[(Stage.LANCEMENT, D(2020, 1, 1))]))
    presentation.comite.record_decision(presentation.projet, "admis")
    assert presentation.projet.stage_changes.count() == 1


@pytest.mark.parametrize(("number", "message"), [(-1, "négatif"), (0, "au moins un")])
def test_jobs_created_must_be_positive(number, message):
    form = EmploiCreeForm({"number": number, "date": "2020-06-01"}, projet=ProjetFactory())
    assert not form.is_valid()
    assert message in form.errors["number"][0]


def test_a_session_may_be_exactly_full(user_with_role):
    people = PersonFactory.create_batch(2)
    data = {"date": "2020-12-10", "capacity": 2, "participants": [p.pk for p in people]}
    form = FormationSessionForm(data, user=user_with_role("incubateur"), formation=FormationFactory())
    assert form.is_valid(), form.errors


def test_person_choices_exclude_people_of_other_programmes(user_with_role):
    holder = PersonFactory()
    ProjetFactory(holders=[holder])
    form = FormationSessionForm(user=user_with_role("incubateur"), formation=FormationFactory())
    assert holder in form.fields["participants"].queryset
