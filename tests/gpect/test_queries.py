"""Query budgets: every page and the figures run in a fixed number of queries, the same at 10 and 500 rows."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Organisation, Person
from gpect import indicators
from gpect.models import (
    CompanyVisit,
    Employer,
    EmployerAction,
    InsertionHours,
    JobOffer,
    Market,
    Match,
    Project,
    Sector,
)
from tests.budgets import request_each

DAY = datetime.date(2020, 3, 2)
SIZES = [10, 500]


def populate(size: int) -> dict:
    """`size` rows of everything, hung on one employer, one offer and one market (bulk_create)."""
    sectors = list(Sector.objects.all())
    organisations = Organisation.objects.bulk_create(Organisation(name=f"Entreprise {i}") for i in range(size))
    people = Person.objects.bulk_create(Person(first_name="Prénom", last_name=f"Nom {i}") for i in range(size))
    employers = Employer.objects.bulk_create(
        Employer(organisation=o, sector=sectors[i % 13]) for i, o in enumerate(organisations)
    )
    employer = employers[0]
    EmployerAction.objects.bulk_create(EmployerAction(employer=employer, date=DAY) for _ in range(size))
    EmployerAction.objects.bulk_create(EmployerAction(employer=e, date=DAY) for e in employers)
    offers = JobOffer.objects.bulk_create(
        JobOffer(title=f"Offre {i}", employer=employer, date=DAY) for i in range(size)
    )
    Match.objects.bulk_create(Match(offer=offers[0], person=p, date=DAY) for p in people)
    CompanyVisit.objects.bulk_create(CompanyVisit(title="Visite", date=DAY, participants=5) for _ in range(size))
    markets = Market.objects.bulk_create(
        Market(buyer=organisations[0], title=f"Marché {i}", year=2020, hours_required=100) for i in range(size)
    )
    InsertionHours.objects.bulk_create(
        InsertionHours(person=p, company=organisations[i], market=markets[0], hours=10, period_start=DAY,
                       period_end=DAY)
        for i, p in enumerate(people)
    )  # fmt: skip
    for i in range(min(size, 30)):  # the project list is not paginated: a territory has a few dozen
        Project.objects.create(name=f"Projet {i}").partners.set(organisations[:5])
    return {"employer": employer, "offer": offers[0], "market": markets[0]}


# Each page's own queries, after the session, the user and the user's roles (LOGGED_IN).
PAGES = [
    # 9 figures queries (see test_indicators); the year asked for, so no « latest complete year » to look up
    ("home", lambda records: reverse("gpect:home") + "?annee=2020", 9),
    # count, sectors and communes of the filters, the page's employers with sector/commune and their actions of
    # the year (a GROUP BY over the page's rows only)
    ("employer_list", lambda records: reverse("gpect:employer_list"), 4),
    # employer with organisation/commune/sector, its actions with staff, its offers
    ("employer_detail", lambda records: records["employer"].get_absolute_url(), 3),
    # count, page of actions with employer and staff
    ("action_list", lambda records: reverse("gpect:action_list"), 2),
    # count, the page's offers with employer and match count
    ("offer_list", lambda records: reverse("gpect:offer_list"), 2),
    # offer with employer, its matches with person (Match.objects.visible_to: the people as a subquery)
    ("offer_detail", lambda records: records["offer"].get_absolute_url(), 2),
    # count, page of visits with organisation
    ("visit_list", lambda records: reverse("gpect:visit_list"), 2),
    # count, the page's markets with buyer and hours realised
    ("market_list", lambda records: reverse("gpect:market_list"), 2),
    # market with buyer and hours realised, its hours with person and company
    ("market_detail", lambda records: records["market"].get_absolute_url(), 2),
    # projects, their partners (prefetch)
    ("project_list", lambda records: reverse("gpect:project_list"), 2),
    # Exports: every row of the list in the query that fetches them (no page count, no filter choices).
    # the employers with organisation/commune/sector and their actions of the year (GROUP BY)
    ("employer_export", lambda records: reverse("gpect:employer_list") + "?export=csv", 1),
    # the actions with employer/organisation/sector and staff
    ("action_export", lambda records: reverse("gpect:action_list") + "?export=csv", 1),
    # the offers with employer and match count
    ("offer_export", lambda records: reverse("gpect:offer_list") + "?export=csv", 1),
    # the visits with organisation
    ("visit_export", lambda records: reverse("gpect:visit_list") + "?export=csv", 1),
    # the markets with buyer and hours realised
    ("market_export", lambda records: reverse("gpect:market_list") + "?export=csv", 1),
    # the projects, their partners (prefetch)
    ("project_export", lambda records: reverse("gpect:project_list") + "?export=csv", 2),
]


@pytest.mark.parametrize("size", SIZES)
def test_pages(client_as, django_assert_num_queries, size):
    records = populate(size)  # once for every page: building `size` rows of everything takes a moment
    request_each(client_as("gpect"), PAGES, records, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_figures(django_assert_num_queries, size):
    populate(size)
    # actions, offers, matches, visits, hours, employers by sector, hours by market, projects
    with django_assert_num_queries(9):
        figures = indicators.for_year(2020)
    assert figures["employeurs_mobilises"] == size
    assert figures["heures_insertion"] == 10 * size
