"""A published year is locked: the records its figures count are neither created, corrected nor
deleted through the incubator's forms, its figures stay those published; a later, unpublished year
stays open, and a project whose history starts there can still be deleted with it."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.publication import LOCKED_MESSAGE, publish
from incubateur import indicators
from incubateur.models import CollectiveTime, Committee, CreatedJob, Project, Reception, Stage, StageChange
from tests.factories import PersonFactory, UserFactory

from .factories import (
    PresentationFactory,
    ProjectFactory,
    ReceptionFactory,
    TrainingFactory,
    TrainingSessionFactory,
)
from .test_edit_delete import KINDS

D = datetime.date
LOCKED = LOCKED_MESSAGE.format(year=2020)
# The kinds of record the figures count, dated in 2020 by their factories (a training by its
# finalisation date); projects, which have no date of their own, are below.
COUNTED = ["reception", "committee", "presentation", "collective_time", "training", "training_session",
           "structure", "job"]  # fmt: skip
FACTORIES = {
    **{kind: KINDS[kind][0] for kind in COUNTED},
    "training": lambda: TrainingFactory(finalised_on=D(2020, 11, 5)),
}


@pytest.fixture
def staff(client_as):
    return client_as("incubateur")


def publish_2020():
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


def refused(response):
    assert response.status_code == 200, "the form was accepted"
    assert LOCKED in response.context["form"].non_field_errors()
    assert LOCKED.replace("'", "&#x27;") in response.text


def version(record) -> dict:
    record.refresh_from_db()
    return {"loaded_version": record.updated_at.isoformat()}


@pytest.mark.parametrize("kind", COUNTED)
def test_a_record_of_a_published_year_is_not_corrected(staff, kind):
    record = FACTORIES[kind]()
    _factory, data, corrected = KINDS[kind]
    publish_2020()
    figures = indicators.for_year(2020)
    refused(staff.post(reverse(f"incubateur:{kind}_edit", args=[record.pk]), data(record)))
    record.refresh_from_db()
    assert not corrected(record)
    assert indicators.for_year(2020) == figures


@pytest.mark.parametrize("kind", COUNTED)
def test_a_record_of_a_published_year_is_not_deleted(staff, kind):
    record = FACTORIES[kind]()
    publish_2020()
    url = reverse(f"incubateur:{kind}_delete", args=[record.pk])
    assert "(l&#x27;année 2020 est publiée)" in staff.get(url).text
    assert staff.post(url).status_code == 200
    assert type(record).objects.filter(pk=record.pk).exists()


def test_no_record_is_added_to_a_published_year(staff):
    project = ProjectFactory(history=[(Stage.LANCEMENT, D(2019, 6, 1))])
    training = TrainingFactory()
    publish_2020()
    figures = indicators.for_year(2020)
    posts = [
        ("incubateur:reception_create", [], {"date": "2020-05-04", "persons": [PersonFactory().pk],
                                             "idea": "Une friperie", "heard_from": "presse",
                                             "follow_up": "sans_suite"}),
        ("incubateur:committee_create", [], {"date": "2020-06-11", "projects": [project.pk]}),
        ("incubateur:collective_time_create", [], {"date": "2020-05-12", "theme": "Pitcher son projet"}),
        ("incubateur:training_session_create", [training.pk], {"date": "2020-09-22", "place": "Tarnos"}),
        ("incubateur:job_create", [project.pk], {"date": "2020-09-01", "number": 2, "description": ""}),
        ("incubateur:project_create", [], {"name": "Garage solidaire", "theme": "mobilite",
                                           "holders": [PersonFactory().pk], "stage": "idee",
                                           "stage_date": "2020-03-05"}),
        ("incubateur:project_stage", [project.pk], {"stage": "sorti", "date": "2020-12-15", "reason": ""}),
    ]  # fmt: skip
    for url_name, args, data in posts:
        refused(staff.post(reverse(url_name, args=args), data))
    assert not Reception.objects.exists() and not Committee.objects.exists() and not CollectiveTime.objects.exists()
    assert not training.sessions.exists() and not CreatedJob.objects.exists()
    assert list(Project.objects.all()) == [project] and project.stage_changes.count() == 1
    assert indicators.for_year(2020) == figures


def test_the_people_of_a_published_record_are_not_changed(staff):
    """Many-to-many choices are saved after the record: they are refused all the same."""
    reception, presented = ReceptionFactory(), PresentationFactory()
    committee, project = presented.committee, presented.project
    publish_2020()
    figures = indicators.for_year(2020)
    reception_data = {"date": "2020-03-01", "persons": [PersonFactory().pk], "idea": reception.idea,
                      "heard_from": reception.heard_from, "follow_up": reception.follow_up,
                      **version(reception)}  # fmt: skip
    refused(staff.post(reverse("incubateur:reception_edit", args=[reception.pk]), reception_data))
    committee_data = {"date": "2020-02-13", "projects": [project.pk, ProjectFactory().pk], **version(committee)}
    refused(staff.post(reverse("incubateur:committee_edit", args=[committee.pk]), committee_data))
    # A project's holders count in the years of its presentations (porteurs_presentes).
    project_data = {"name": project.name, "theme": project.theme, "holders": [PersonFactory().pk], **version(project)}
    refused(staff.post(reverse("incubateur:project_edit", args=[project.pk]), project_data))
    assert reception.persons.count() == 1 and committee.projects.count() == 1 and not project.holders.exists()
    assert indicators.for_year(2020) == figures


def test_a_project_keeps_the_theme_its_published_years_counted_but_not_its_name(staff):
    project = ProjectFactory(name="Recyclerie", theme="reemploi", history=[(Stage.INCUBATION, D(2020, 2, 13))])
    holder = PersonFactory()
    project.holders.set([holder])
    publish_2020()
    figures = indicators.for_year(2020)
    url = reverse("incubateur:project_edit", args=[project.pk])
    data = {"name": "Recyclerie", "theme": "culture", "holders": [holder.pk]}
    refused(staff.post(url, {**data, **version(project)}))
    assert indicators.for_year(2020) == figures
    # Its name and holders count in no published figure (it was presented at no committee).
    other = PersonFactory()
    data = {**data, "theme": "reemploi", "name": "Recyclerie du Seignanx", "holders": [holder.pk, other.pk]}
    assert staff.post(url, {**data, **version(project)}).status_code == 302
    project.refresh_from_db()
    assert project.name == "Recyclerie du Seignanx" and project.holders.count() == 2


def test_a_project_counted_in_a_published_year_is_not_deleted_nor_its_history(staff):
    project = ProjectFactory(history=[(Stage.PRE_INCUBATION, D(2019, 5, 1)), (Stage.INCUBATION, D(2020, 2, 13))])
    publish_2020()
    figures = indicators.for_year(2020)
    url = reverse("incubateur:project_delete", args=[project.pk])
    content = staff.get(url).text
    assert "ne peut pas être supprimée" in content and "(l&#x27;année 2020 est publiée)" in content
    assert staff.post(url).status_code == 200
    assert project.stage_changes.count() == 2
    assert indicators.for_year(2020) == figures


def test_a_later_year_stays_open(staff):
    publish_2020()
    # A project accompanied in 2020 moves on in 2021...
    project = ProjectFactory(history=[(Stage.INCUBATION, D(2020, 2, 13))])
    url = reverse("incubateur:project_stage", args=[project.pk])
    assert staff.post(url, {"stage": "lancement", "date": "2021-03-01", "reason": ""}).status_code == 302
    assert project.stage_changes.count() == 2
    # ...a reception of 2021 is corrected and deleted, but not moved into 2020...
    reception = ReceptionFactory(date=D(2021, 3, 4))
    url = reverse("incubateur:reception_edit", args=[reception.pk])
    data = {"persons": [PersonFactory().pk], "idea": "Une friperie", "heard_from": "presse", "follow_up": "sans_suite"}
    refused(staff.post(url, {**data, "date": "2020-12-30", **version(reception)}))
    assert staff.post(url, {**data, "date": "2021-03-05", **version(reception)}).status_code == 302
    assert staff.post(reverse("incubateur:reception_delete", args=[reception.pk])).status_code == 302
    # ...and a project whose history starts in 2021 goes with its history.
    mistake = ProjectFactory(history=[(Stage.IDEE, D(2021, 1, 4)), (Stage.PRE_INCUBATION, D(2021, 2, 1))])
    assert staff.post(reverse("incubateur:project_delete", args=[mistake.pk])).status_code == 302
    assert not StageChange.objects.filter(project=mistake.pk).exists()


def test_a_session_of_a_later_year_is_added_to_a_training_finalised_in_a_published_year(staff):
    training = TrainingSessionFactory(training__finalised_on=D(2020, 11, 5)).training
    publish_2020()
    url = reverse("incubateur:training_session_create", args=[training.pk])
    assert staff.post(url, {"date": "2021-01-19", "place": "Ondres"}).status_code == 302
    assert training.sessions.count() == 2
