"""Query budgets: each page and the figures run a fixed number of queries, at 10 and 500 rows."""

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


# Every staff page starts with the session, the user and the user's roles (3 queries).
PAGES = [
    # + the ten queries of for_year (the year asked for: the default one reads the published reports)
    ("incubateur:home", "?annee=2020", 13),
    # + count, page of receptions with projects, their people (visible_to as EXISTS conditions)
    ("incubateur:reception_list", None, 6),
    # + count, page of projects, their holders
    ("incubateur:project_list", None, 6),
    # + projects in progress with their holders counted, projects that left
    ("incubateur:project_pipeline", None, 5),
    # + project, holders, stage history with who recorded it, receptions, presentations with committees,
    #   appointments with members and organisations, structures with organisations, jobs, collective sessions
    ("incubateur:project_detail", "project", 12),
    # + count, page of committees with their counts (subqueries, for the page's rows only)
    ("incubateur:committee_list", None, 5),
    # + committee, presentations with projects, members present, their organisations
    ("incubateur:committee_detail", "committee", 7),
    # + count, page of sessions with attendees counted (a subquery)
    ("incubateur:collective_time_list", None, 5),
    # + count, page of trainings with sessions counted (a subquery)
    ("incubateur:training_list", None, 5),
    # + training, its sessions with participants counted
    ("incubateur:training_detail", "training", 5),
    # + count, page of members with organisations, their people
    ("incubateur:member_list", None, 6),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("url_name", "arg", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_page_query_budget(client_as, django_assert_num_queries, size, url_name, arg, queries):
    records = populate(size)
    client = client_as("incubateur")
    if arg and arg.startswith("?"):  # a query string
        url = reverse(url_name) + arg
    else:
        url = reverse(url_name, args=[records[arg].pk] if arg else [])
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_for_year_query_budget(django_assert_num_queries, size):
    populate(size)
    # receptions, committees, new incubations, projects accompanied by theme, projects by stage,
    # structures, jobs, collective sessions, trainings, the accompanying collective
    with django_assert_num_queries(10):
        figures = indicators.for_year(2020)
    assert figures["projets_accompagnes"] == size
