"""Query budgets: every page and the figures run in a fixed number of queries, the same at 10 and 500 rows."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Organisation, Person
from plie import indicators
from plie.models import CollectiveAction, Frein, Interview, MealAid, Parcours, Session, Step
from tests.budgets import LIST_REMEMBERED, request_each

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
    steps = [Step(parcours=p, kind="immersion", start_date=D(2019, 3, 1), organisation=organisation) for p in pathways]
    steps += [Step(parcours=pathways[1], kind="atelier", start_date=D(2019, 4, 1)) for _ in range(size)]
    Step.objects.bulk_create(steps)
    meetings = [Interview(parcours=p, date=D(2019, 1, 1)) for p in pathways]
    meetings += [Interview(parcours=pathways[1], date=D(2019, 5, 1)) for _ in range(size)]
    Interview.objects.bulk_create(meetings)
    action = CollectiveAction.objects.create(name="En forme pour l'emploi", partner=organisation)
    session = Session.objects.create(action=action, date=D(2020, 2, 1))
    session.attendees.set(pathways[1 : 1 + size // 10])
    MealAid.objects.bulk_create(MealAid(date=D(2020, 3, 1), beneficiary=p, meals=5) for p in people)
    return {"parcours": pathways[1], "action": action}


# Each page's own queries, after the session, the user and the user's roles (LOGGED_IN).
PAGES = [
    # 1-6 the six queries of the figures.
    ("home", lambda records: reverse("plie:home") + "?annee=2020", 6),
    # 1 count for the paginator, 2 the page of pathways with person, referent and exit type,
    # 3 the referents of the filter's select.
    ("parcours_list", lambda records: reverse("plie:parcours_list"), 3),
    # The same with a search, every filter and a sort, which the session keeps.
    (
        "parcours_list_filtered",
        lambda records: (
            reverse("plie:parcours_list") + "?q=nom&statut=sorti&annee=2020&frein=sante&sortie=positive&tri=-entree"
        ),
        3 + LIST_REMEMBERED,
    ),
    # 1 the pathway with person, commune, prescriber, referent and exit type; 2 the read recorded in
    # the access log; 3 barriers, 4 steps with organisations, 5 interviews, 6 sessions with their
    # actions; 7 the person's other pathways.
    ("parcours_detail", lambda records: records["parcours"].get_absolute_url(), 7),
    # 1 count for the paginator, 2 the page of actions with partner, their sessions and attendees
    # counted by subqueries.
    ("collective_action_list", lambda records: reverse("plie:collective_action_list"), 2),
    # 1 the action with partner, 2 its sessions, 3 their attendees with their person.
    ("collective_action_detail", lambda records: records["action"].get_absolute_url(), 3),
    # 1 count for the paginator, 2 the page of aids with beneficiary and restaurant.
    ("meal_aid_list", lambda records: reverse("plie:meal_aid_list") + "?annee=2020", 2 + LIST_REMEMBERED),
    (
        "meal_aid_list_sorted",
        lambda records: reverse("plie:meal_aid_list") + "?q=nom&tri=-beneficiaire&page=2",
        2 + LIST_REMEMBERED,
    ),
    # Exports: 1 every row with what its columns read, 2 the export recorded in the access log.
    (
        "parcours_export",
        lambda records: reverse("plie:parcours_list") + "?statut=en_parcours&tri=-entree&export=csv",
        2,
    ),
    ("meal_aid_export", lambda records: reverse("plie:meal_aid_list") + "?annee=2020&export=csv", 2),
    # 1 every action with its partner, sessions and attendees counted (no personal data, nothing recorded).
    ("collective_action_export", lambda records: reverse("plie:collective_action_list") + "?export=csv", 1),
]


@pytest.mark.parametrize("size", SIZES)
def test_pages(client_as, django_assert_num_queries, size):
    records = populate(size)  # once for every page: building `size` rows of everything takes a moment
    request_each(client_as("plie"), PAGES, records, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_figures(django_assert_num_queries, size):
    populate(size)
    # 1 pathways aggregate, 2 meal fund aggregate, 3 exits by type, 4 barriers by theme,
    # 5 collective actions totals, 6 collective actions by action.
    with django_assert_num_queries(6):
        figures = indicators.for_year(2020)
    assert figures["personnes_accompagnees"] == size
