"""Query budgets: every page and the figures run in a fixed number of queries, the same at 10 and 500 rows."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Person
from incubateur import indicators
from incubateur.models import (
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Reception,
    Stage,
    StageChange,
    Training,
    TrainingSession,
)
from tests.budgets import request_each
from tests.factories import OrganisationFactory

SIZES = [10, 500]
D = datetime.date


def populate(size: int) -> dict:
    """`size` rows of each kind, linked together, built in bulk."""
    day = D(2020, 3, 1)
    people = Person.objects.bulk_create(Person(first_name=f"P{i}", last_name=f"N{i}") for i in range(size))
    organisation = OrganisationFactory()
    member = CollectiveMember.objects.create(organisation=organisation, joined_on=D(2017, 1, 1))
    member.people.set(people)
    projects = Project.objects.bulk_create(
        Project(name=f"Projet {i}", theme="autre", stage=list(Stage)[i % 5]) for i in range(size)
    )
    Project.holders.through.objects.bulk_create(
        Project.holders.through(project=project, person=person)
        for project, person in zip(projects, people, strict=True)
    )
    StageChange.objects.bulk_create(
        StageChange(project=project, stage=stage, date=day)
        for project in projects
        for stage in (Stage.PRE_INCUBATION, Stage.INCUBATION)
    )
    receptions = Reception.objects.bulk_create(
        Reception(date=day, idea="Idée", heard_from="presse", follow_up="sans_suite", project=project)
        for project in projects
    )
    Reception.persons.through.objects.bulk_create(
        Reception.persons.through(reception=a, person=p) for a, p in zip(receptions, people, strict=True)
    )
    committees = Committee.objects.bulk_create(Committee(date=day) for _ in range(size))
    committees[0].members_present.add(member)
    Presentation.objects.bulk_create(Presentation(committee=committees[0], project=project) for project in projects)
    Appointment.objects.bulk_create(
        Appointment(project=projects[0], date=day, member=member, duration_minutes=60) for _ in range(size)
    )
    sessions = CollectiveTime.objects.bulk_create(CollectiveTime(date=day, theme="Thème") for _ in range(size))
    sessions[0].attendees.set(people)
    trainings = Training.objects.bulk_create(Training(title=f"Formation {i}") for i in range(size))
    training_sessions = TrainingSession.objects.bulk_create(
        TrainingSession(training=trainings[0], date=day) for _ in range(size)
    )
    training_sessions[0].participants.set(people)
    CreatedStructure.objects.bulk_create(
        CreatedStructure(project=projects[0], organisation=organisation, legal_form="association", created_on=day)
        for _ in range(size)
    )
    CreatedJob.objects.bulk_create(CreatedJob(project=projects[0], number=1, date=day) for _ in range(size))
    return {"project": projects[0], "committee": committees[0], "training": trainings[0]}


# Each page's own queries, after the session, the user and the user's roles (LOGGED_IN).
PAGES = [
    # the ten queries of for_year (the year asked for: the default one reads the published reports)
    ("home", lambda records: reverse("incubateur:home") + "?annee=2020", 10),
    # count, page of receptions with projects, their people (visible_to as EXISTS conditions)
    ("reception_list", lambda records: reverse("incubateur:reception_list"), 3),
    # count, page of projects, their holders
    ("project_list", lambda records: reverse("incubateur:project_list"), 3),
    # projects in progress with their holders counted, projects that left
    ("project_pipeline", lambda records: reverse("incubateur:project_pipeline"), 2),
    # project, holders, stage history with who recorded it, receptions, presentations with committees,
    # appointments with members and organisations, structures with organisations, jobs, collective sessions
    ("project_detail", lambda records: records["project"].get_absolute_url(), 9),
    # count, page of committees with their counts (subqueries, for the page's rows only)
    ("committee_list", lambda records: reverse("incubateur:committee_list"), 2),
    # committee, presentations with projects, members present, their organisations
    ("committee_detail", lambda records: records["committee"].get_absolute_url(), 4),
    # count, page of sessions with attendees counted (a subquery)
    ("collective_time_list", lambda records: reverse("incubateur:collective_time_list"), 2),
    # count, page of trainings with sessions counted (a subquery)
    ("training_list", lambda records: reverse("incubateur:training_list"), 2),
    # training, its sessions with participants counted
    ("training_detail", lambda records: records["training"].get_absolute_url(), 2),
    # count, page of members with organisations, their people
    ("member_list", lambda records: reverse("incubateur:member_list"), 3),
]


@pytest.mark.parametrize("size", SIZES)
def test_pages(client_as, django_assert_num_queries, size):
    records = populate(size)  # once for every page: building `size` rows of everything takes a moment
    request_each(client_as("incubateur"), PAGES, records, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_figures(django_assert_num_queries, size):
    populate(size)
    # receptions, committees, new incubations, projects accompanied by theme, projects by stage,
    # structures, jobs, collective sessions, trainings, the accompanying collective
    with django_assert_num_queries(10):
        figures = indicators.for_year(2020)
    assert figures["projets_accompagnes"] == size
