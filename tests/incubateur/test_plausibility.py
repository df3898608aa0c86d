"""Implausible data is refused with a French message on the field, and nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incubateur.models import (
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Reception,
    Stage,
    Training,
    TrainingSession,
)
from tests.factories import OrganisationFactory, PersonFactory

from .factories import CollectiveMemberFactory, ProjectFactory, TrainingFactory

D = datetime.date
FUTURE = "Cette date est dans le futur"


@pytest.fixture
def staff(client_as):
    return client_as("incubateur")


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def refused(response, field: str, message: str) -> bool:
    assert response.status_code == 200, "the form was accepted"
    errors = response.context["form"].errors.get(field, [])
    return any(message in error for error in errors)


# (url name, how to build its url arguments, the posted fields, the model that must stay empty)
FUTURE_DATES = {
    "reception": (
        "incubateur:reception_create", dict,
        lambda: {"date": tomorrow(), "persons": [PersonFactory().pk], "idea": "Une friperie",
                 "heard_from": "presse", "follow_up": "sans_suite"},
        "date", Reception,
    ),
    "committee": ("incubateur:committee_create", dict, lambda: {"date": tomorrow()}, "date", Committee),
    "collective time": (
        "incubateur:collective_time_create", dict, lambda: {"date": tomorrow(), "theme": "Pitch"}, "date",
        CollectiveTime,
    ),
    "training session": (
        "incubateur:training_session_create", lambda: {"pk": TrainingFactory().pk}, lambda: {"date": tomorrow()},
        "date", TrainingSession,
    ),
    "training finalised": (
        "incubateur:training_create", dict, lambda: {"title": "Statuts", "finalised_on": tomorrow()},
        "finalised_on", Training,
    ),
    "structure": (
        "incubateur:structure_create", lambda: {"pk": ProjectFactory().pk},
        lambda: {"organisation": OrganisationFactory().pk, "legal_form": "association", "created_on": tomorrow()},
        "created_on", CreatedStructure,
    ),
    "jobs": (
        "incubateur:job_create", lambda: {"pk": ProjectFactory().pk}, lambda: {"date": tomorrow(), "number": 1},
        "date", CreatedJob,
    ),
    "member": (
        "incubateur:member_create", dict, lambda: {"organisation": OrganisationFactory().pk, "joined_on": tomorrow()},
        "joined_on", CollectiveMember,
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", FUTURE_DATES)
def test_things_that_happened_are_not_dated_in_the_future(staff, kind):
    url_name, kwargs, data, field, model = FUTURE_DATES[kind]
    response = staff.post(reverse(url_name, kwargs=kwargs()), data())
    assert refused(response, field, FUTURE)
    assert not model.objects.exists()


def test_a_stage_change_is_not_dated_in_the_future(staff):
    project = ProjectFactory(history=[(Stage.IDEE, D(2020, 1, 1))])
    response = staff.post(reverse("incubateur:project_stage", args=[project.pk]), {"stage": "pre_incubation",
                                                                                     "date": tomorrow()})  # fmt: skip
    assert refused(response, "date", FUTURE)
    assert project.stage_changes.count() == 1


def appointment(staff, **fields):
    project = ProjectFactory()
    data = {"date": "2020-04-01", "member": CollectiveMemberFactory().pk, "duration_minutes": 60, **fields}
    return staff.post(reverse("incubateur:appointment_create", args=[project.pk]), data)


def test_appointments_are_planned_up_to_a_year_ahead(staff):
    in_two_years = (timezone.localdate() + datetime.timedelta(days=730)).isoformat()
    assert refused(appointment(staff, date=in_two_years), "date", "Cette date est à plus d'un an")
    assert not Appointment.objects.exists()
    next_month = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert appointment(staff, date=next_month).status_code == 302


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(5, "au moins 10 minutes"), (600, "au plus 8 heures (480 minutes)")],
)
def test_appointment_durations_are_bounded(staff, minutes, message):
    assert refused(appointment(staff, duration_minutes=minutes), "duration_minutes", message)
    assert not Appointment.objects.exists()


def test_an_appointment_is_with_a_member_of_the_collective_on_that_day(staff):
    member = CollectiveMemberFactory(joined_on=D(2017, 3, 1), left_on=D(2019, 12, 31))
    response = appointment(staff, member=member.pk, date="2020-04-01")
    assert refused(
        response, "member", "n'est pas membre du collectif à cette date (membre du 01/03/2017 au 31/12/2019)"
    )
    assert not Appointment.objects.exists()


def test_a_member_does_not_leave_before_joining(staff):
    data = {"organisation": OrganisationFactory().pk, "joined_on": "2018-09-01", "left_on": "2018-06-30"}
    response = staff.post(reverse("incubateur:member_create"), data)
    assert refused(response, "left_on", "il ne peut pas en être sorti avant")
    assert not CollectiveMember.objects.exists()


def test_members_present_at_a_committee_were_members_that_day(staff):
    member = CollectiveMemberFactory(joined_on=D(2020, 1, 15), organisation__name="Solutions Mobilité")
    response = staff.post(
        reverse("incubateur:committee_create"), {"date": "2019-10-17", "members_present": [member.pk]}
    )
    assert refused(response, "members_present", "Pas membre du collectif à la date du comité : Solutions Mobilité.")
    assert not Committee.objects.exists()


@pytest.mark.parametrize(("birth_date", "age"), [(D(2010, 5, 1), 9), (D(1915, 1, 1), 105)])
def test_people_received_are_16_to_99_years_old(staff, birth_date, age):
    person = PersonFactory(first_name="Ainhoa", last_name="Garat", birth_date=birth_date)
    data = {"date": "2020-03-01", "persons": [person.pk], "idea": "Une friperie", "heard_from": "presse",
            "follow_up": "sans_suite"}  # fmt: skip
    response = staff.post(reverse("incubateur:reception_create"), data)
    assert refused(response, "persons", f"Ainhoa Garat aurait {age} ans à cette date")
    assert not Reception.objects.exists()


def test_participants_of_a_session_are_16_to_99_years_old(staff):
    child = PersonFactory(birth_date=D(2012, 1, 1))
    url = reverse("incubateur:training_session_create", args=[TrainingFactory().pk])
    response = staff.post(url, {"date": "2020-12-10", "participants": [child.pk]})
    assert refused(response, "participants", "aurait 8 ans à cette date")
    assert not TrainingSession.objects.exists()


def test_attendees_of_a_collective_time_are_16_to_99_years_old(staff):
    child = PersonFactory(birth_date=D(2012, 1, 1))
    ProjectFactory(holders=[child])
    response = staff.post(
        reverse("incubateur:collective_time_create"), {"date": "2020-05-12", "theme": "Pitch", "attendees": [child.pk]}
    )
    assert refused(response, "attendees", "aurait 8 ans à cette date")
    assert not CollectiveTime.objects.exists()


def test_people_without_a_birth_date_pass(staff):
    data = {"date": "2020-03-01", "persons": [PersonFactory(birth_date=None).pk], "idea": "Une friperie",
            "heard_from": "presse", "follow_up": "sans_suite"}  # fmt: skip
    assert staff.post(reverse("incubateur:reception_create"), data).status_code == 302


def test_session_capacity_and_jobs_are_bounded(staff):
    url = reverse("incubateur:training_session_create", args=[TrainingFactory().pk])
    assert refused(staff.post(url, {"date": "2020-12-10", "capacity": 500}), "capacity", "au plus 100 places")
    assert not TrainingSession.objects.exists()
    url = reverse("incubateur:job_create", args=[ProjectFactory().pk])
    assert refused(staff.post(url, {"date": "2020-09-01", "number": 80}), "number", "(50 au plus)")
    assert not CreatedJob.objects.exists()
