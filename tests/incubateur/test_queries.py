"""Query budgets: each page and the figures run a fixed number of queries, at 10 and 500 rows."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Person
from incubateur import indicators
from incubateur.models import (
    CollectiveMember,
    ComiteOrientation,
    EmploiCree,
    Formation,
    FormationSession,
    PremierAccueil,
    Presentation,
    Projet,
    RendezVous,
    Stage,
    StageChange,
    StructureCreee,
    TempsCollectif,
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
    projets = Projet.objects.bulk_create(Projet(name=f"Projet {i}", stage=list(Stage)[i % 5]) for i in range(size))
    Projet.holders.through.objects.bulk_create(
        Projet.holders.through(projet=projet, person=person) for projet, person in zip(projets, people, strict=True)
    )
    StageChange.objects.bulk_create(
        StageChange(projet=projet, stage=stage, date=day)
        for projet in projets
        for stage in (Stage.PRE_INCUBATION, Stage.INCUBATION)
    )
    accueils = PremierAccueil.objects.bulk_create(
        PremierAccueil(date=day, idea="Idée", projet=projet) for projet in projets
    )
    PremierAccueil.persons.through.objects.bulk_create(
        PremierAccueil.persons.through(premieraccueil=a, person=p) for a, p in zip(accueils, people, strict=True)
    )
    comites = ComiteOrientation.objects.bulk_create(ComiteOrientation(date=day) for _ in range(size))
    comites[0].members_present.add(member)
    Presentation.objects.bulk_create(Presentation(comite=comites[0], projet=projet) for projet in projets)
    RendezVous.objects.bulk_create(
        RendezVous(projet=projets[0], date=day, accompagnant=member, duration_minutes=60) for _ in range(size)
    )
    sessions = TempsCollectif.objects.bulk_create(TempsCollectif(date=day, theme="Thème") for _ in range(size))
    sessions[0].attendees.set(people)
    formations = Formation.objects.bulk_create(Formation(title=f"Formation {i}") for i in range(size))
    training_sessions = FormationSession.objects.bulk_create(
        FormationSession(formation=formations[0], date=day) for _ in range(size)
    )
    training_sessions[0].participants.set(people)
    StructureCreee.objects.bulk_create(
        StructureCreee(projet=projets[0], organisation=organisation, legal_form="association", created_on=day)
        for _ in range(size)
    )
    EmploiCree.objects.bulk_create(EmploiCree(projet=projets[0], number=1, date=day) for _ in range(size))
    return {"projet": projets[0], "comite": comites[0], "formation": formations[0]}


# Every staff page starts with the session, the user and the user's roles (3 queries).
PAGES = [
    # + the nine queries of for_year
    ("incubateur:home", None, 12),
    # + count, page of receptions, their people (persons_for_user as a subquery)
    ("incubateur:accueil_list", None, 6),
    # + count, page of projects, their holders
    ("incubateur:projet_list", None, 6),
    # + projects in progress with their holders counted, projects that left
    ("incubateur:projet_pipeline", None, 5),
    # + project, holders, stage history, receptions, presentations with committees, appointments,
    #   their members with organisations, structures, their organisations, jobs, collective sessions
    ("incubateur:projet_detail", "projet", 14),
    # + count, page of committees with their counts
    ("incubateur:comite_list", None, 5),
    # + committee, presentations with projects, members present, their organisations, projects in the form
    ("incubateur:comite_detail", "comite", 8),
    # + count, page of sessions with attendees counted
    ("incubateur:temps_collectif_list", None, 5),
    # + count, page of trainings with sessions counted
    ("incubateur:formation_list", None, 5),
    # + training, its sessions with participants counted
    ("incubateur:formation_detail", "formation", 5),
    # + count, page of members with organisations, their people
    ("incubateur:membre_list", None, 6),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("url_name", "arg", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_page_query_budget(client_as, django_assert_num_queries, size, url_name, arg, queries):
    records = populate(size)
    client = client_as("incubateur")
    url = reverse(url_name, args=[records[arg].pk] if arg else [])
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_for_year_query_budget(django_assert_num_queries, size):
    populate(size)
    # receptions, committees, new incubations, projects accompanied by theme, projects by stage,
    # structures, jobs, collective sessions, trainings
    with django_assert_num_queries(9):
        figures = indicators.for_year(2020)
    assert figures["projets_accompagnes"] == size
