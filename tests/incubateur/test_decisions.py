"""A committee's decision moves the project it is about, and changing the decision moves it back:
the history says who changed what, when, from which stage to which."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from incubateur import indicators
from incubateur.models import Presentation, Stage, StageChange
from tests.factories import UserFactory

from .factories import PresentationFactory, ProjectFactory

D = datetime.date


@pytest.fixture
def editor(client):
    user = UserFactory(roles=["incubateur"], first_name="Maïté", last_name="Lafitte")
    client.force_login(user)
    client.user = user
    return client


def decide(client, presentation, decision, comment=""):
    url = reverse("incubateur:presentation_edit", args=[presentation.pk])
    return client.post(url, {"decision": decision, "comment": comment})


def test_changing_an_admission_to_an_adjournment_moves_the_project_back(editor):
    presentation = PresentationFactory(
        committee__date=D(2020, 10, 8), project=ProjectFactory(history=[(Stage.PRE_INCUBATION, D(2020, 5, 1))])
    )
    project = presentation.project
    assert decide(editor, presentation, "admis").status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.INCUBATION
    assert indicators.for_year(2020)["nouveaux_projets_incubes"] == 1

    assert decide(editor, presentation, "ajourne", "Modèle économique à revoir").status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.PRE_INCUBATION
    # The admission never happened: the year's figures no longer count a new incubation.
    assert indicators.for_year(2020)["nouveaux_projets_incubes"] == 0
    correction = project.latest_change()
    assert (correction.stage, correction.previous_stage, correction.date) == (
        Stage.PRE_INCUBATION, Stage.INCUBATION, D(2020, 10, 8),
    )  # fmt: skip
    assert correction.recorded_by == editor.user and correction.created_at is not None
    assert correction.reason == (
        "Décision du comité d'orientation du 08/10/2020 modifiée : « Admis en incubation » → « Ajourné »."
    )
    assert not StageChange.objects.filter(stage=Stage.INCUBATION).exists()

    content = editor.get(project.get_absolute_url()).content.decode()
    assert "Maïté Lafitte" in content and escape(correction.reason) in content


def test_an_adjourned_project_admitted_later_enters_incubation_on_the_committee_date(editor):
    presentation = PresentationFactory(committee__date=D(2020, 2, 13), decision="ajourne")
    decide(editor, presentation, "admis")
    change = presentation.project.stage_changes.get(stage=Stage.INCUBATION)
    assert (change.date, change.previous_stage, change.presentation, change.recorded_by) == (
        D(2020, 2, 13), Stage.PRE_INCUBATION, presentation, editor.user,
    )  # fmt: skip


def test_a_reorientation_takes_the_project_out_and_a_correction_brings_it_back(editor):
    presentation = PresentationFactory(committee__date=D(2020, 10, 8))
    decide(editor, presentation, "reoriente", "Vers la coopérative d'activité et d'emploi")
    project = presentation.project
    project.refresh_from_db()
    assert project.stage == Stage.SORTI
    decide(editor, presentation, "admis")
    project.refresh_from_db()
    assert project.stage == Stage.INCUBATION
    assert list(project.stage_changes.values_list("previous_stage", "stage")) == [
        ("", Stage.PRE_INCUBATION), (Stage.SORTI, Stage.INCUBATION),
    ]  # fmt: skip


def test_a_decision_is_refused_on_the_field_once_the_project_moved_on(editor):
    presentation = PresentationFactory(committee__date=D(2020, 2, 13))
    decide(editor, presentation, "admis")
    presentation.project.change_stage(Stage.LANCEMENT, D(2020, 9, 1))
    response = decide(editor, presentation, "ajourne")
    assert response.status_code == 200
    assert "a changé d'étape depuis ce comité" in response.context["form"].errors["decision"][0]
    assert Presentation.objects.get().decision == "admis"


def test_a_committee_whose_decisions_moved_projects_keeps_its_date(editor):
    presentation = PresentationFactory(committee__date=D(2020, 2, 13))
    decide(editor, presentation, "admis")
    committee = presentation.committee
    committee.refresh_from_db()
    data = {
        "date": "2020-02-20",
        "projects": [presentation.project_id],
        "loaded_version": committee.updated_at.isoformat(),
    }
    response = editor.post(reverse("incubateur:committee_edit", args=[committee.pk]), data)
    assert "modifiez d'abord ces décisions" in response.context["form"].errors["date"][0]
    committee.refresh_from_db()
    assert committee.date == D(2020, 2, 13)


def test_a_presentation_whose_decision_moved_the_project_is_deleted_once_the_decision_is_withdrawn(editor):
    presentation = PresentationFactory()
    decide(editor, presentation, "admis")
    url = reverse("incubateur:presentation_delete", args=[presentation.pk])
    editor.post(url)
    assert Presentation.objects.exists()  # refused: the admission is in the project's history
    decide(editor, presentation, "")
    assert editor.post(url).status_code == 302
    assert not Presentation.objects.exists()
    project = presentation.project
    project.refresh_from_db()
    assert project.stage == Stage.PRE_INCUBATION
