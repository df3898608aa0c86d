"""Query budgets: every list, detail and figures page of the PLIE runs in a fixed number of
queries, the same for 10 and 500 pathways."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Organisation, Person
from plie.indicators import for_year
from plie.models import ActionCollective, AideRepas, Entretien, Etape, Frein, Parcours, Seance

from .factories import exit_type

D = datetime.date
SIZES = [10, 500]


def populate(size: int) -> dict:
    """`size` pathways (a tenth closed in 2020), each with a barrier, a step and an appointment;
    a collective action attended by a tenth of them; `size` meal-fund aids. The first pathway has
    `size` more steps and appointments."""
    organisation = Organisation.objects.create(name="Ferme solidaire Lacoste")
    people = Person.objects.bulk_create(
        Person(first_name=f"Prénom{i}", last_name=f"Nom{i}", gender="F", birth_date=D(1970 + i % 30, 1, 1))
        for i in range(size)
    )
    positive = exit_type("positive")
    pathways = Parcours.objects.bulk_create(
        Parcours(person=person, entry_date=D(2019, 1, 1), rsa=i % 3 == 0, job_seeker_since=D(2017, 1, 1),
                 exit_date=D(2020, 6, 30) if i % 10 == 0 else None, exit_type=positive if i % 10 == 0 else None)
        for i, person in enumerate(people)
    )  # fmt: skip
    Frein.objects.bulk_create(Frein(parcours=p, theme="sante", identified_on=D(2019, 2, 1)) for p in pathways)
    steps = [
        Etape(parcours=p, kind="immersion", start_date=D(2019, 3, 1), organisation=organisation) for p in pathways
    ]
    steps += [Etape(parcours=pathways[1], kind="atelier", start_date=D(2019, 4, 1)) for _ in range(size)]
    Etape.objects.bulk_create(steps)
    meetings = [Entretien(parcours=p, date=D(2019, 1, 1)) for p in pathways]
    meetings += [Entretien(parcours=pathways[1], date=D(2019, 5, 1)) for _ in range(size)]
    Entretien.objects.bulk_create(meetings)
    action = ActionCollective.objects.create(name="En forme pour l'emploi", partner=organisation)
    session = Seance.objects.create(action=action, date=D(2020, 2, 1))
    session.attendees.set(pathways[1 : 1 + size // 10])
    AideRepas.objects.bulk_create(AideRepas(date=D(2020, 3, 1), beneficiary=p, meals=5) for p in people)
    return {"parcours": pathways[1], "action": action}


@pytest.mark.parametrize("size", SIZES)
def test_figures_run_in_six_queries(size, django_assert_num_queries):
    populate(size)
    # 1 pathways aggregate, 2 meal fund aggregate, 3 exits by type, 4 barriers by theme,
    # 5 collective actions totals, 6 collective actions by action.
    with django_assert_num_queries(6):
        figures = for_year(2020)
    assert figures["personnes_accompagnees"] == size


# Every staff page starts with 3 queries: 1 session, 2 user, 3 the user's roles (groups).
PAGES = {
    # 4-9 the six queries of the figures.
    "home": (lambda data: reverse("plie:home") + "?annee=2020", 9),
    # 4 count for the paginator, 5 the page of pathways with person, referent and exit type,
    # 6 the referents of the filter's select.
    "parcours_list": (lambda data: reverse("plie:parcours_list"), 6),
    # 4 the pathway with person, commune, prescriber, referent and exit type; 5 barriers,
    # 6 steps with organisations, 7 appointments, 8 sessions with their actions; 9 the person's
    # other pathways.
    "parcours_detail": (lambda data: data["parcours"].get_absolute_url(), 9),
    # 4 the actions with partner, sessions and attendees counted.
    "action_list": (lambda data: reverse("plie:action_list"), 4),
    # 4 the action with partner, 5 its sessions, 6 their attendees with their person.
    "action_detail": (lambda data: data["action"].get_absolute_url(), 6),
    # 4 count for the paginator, 5 the page of aids with beneficiary and restaurant.
    "aide_list": (lambda data: reverse("plie:aide_list") + "?annee=2020", 5),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_run_in_a_fixed_number_of_queries(client_as, django_assert_num_queries, page, size):
    data = populate(size)
    url, queries = PAGES[page]
    client = client_as("plie")
    with django_assert_num_queries(queries):
        response = client.get(url(data))
    assert response.status_code == 200
