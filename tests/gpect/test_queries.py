"""Query budgets: every list, detail and figures page at two data sizes, the same count."""

import datetime

import pytest
from django.conf import settings
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

DAY = datetime.date(2020, 3, 2)


def build(size: int):
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
    return employer, offers[0], markets[0]


# Every page: the session, the user, the user's roles (and the session's save in a savepoint when every
# request saves it), then what is listed below.
EVERY_PAGE = 3 + (3 if settings.SESSION_SAVE_EVERY_REQUEST else 0)
PAGES = [
    # 9 figures queries (see test_indicators); the year asked for, so no « latest complete year » to look up
    ("home", lambda e, o, m: reverse("gpect:home") + "?annee=2020", EVERY_PAGE + 9),
    # count, sectors and communes of the filters, the page's employers with sector/commune and their actions of
    # the year (a GROUP BY over the page's rows only)
    ("employer_list", lambda e, o, m: reverse("gpect:employer_list"), EVERY_PAGE + 4),
    # employer with organisation/commune/sector, its actions with staff, its offers
    ("employer_detail", lambda e, o, m: e.get_absolute_url(), EVERY_PAGE + 3),
    # count, page of actions with employer and staff
    ("action_list", lambda e, o, m: reverse("gpect:action_list"), EVERY_PAGE + 2),
    # count, the page's offers with employer and match count
    ("offer_list", lambda e, o, m: reverse("gpect:offer_list"), EVERY_PAGE + 2),
    # offer with employer, its matches with person (Match.objects.visible_to: the people as a subquery)
    ("offer_detail", lambda e, o, m: o.get_absolute_url(), EVERY_PAGE + 2),
    # count, page of visits with organisation
    ("visit_list", lambda e, o, m: reverse("gpect:visit_list"), EVERY_PAGE + 2),
    # count, the page's markets with buyer and hours realised
    ("market_list", lambda e, o, m: reverse("gpect:market_list"), EVERY_PAGE + 2),
    # market with buyer and hours realised, its hours with person and company
    ("market_detail", lambda e, o, m: m.get_absolute_url(), EVERY_PAGE + 2),
    # projects, their partners (prefetch)
    ("project_list", lambda e, o, m: reverse("gpect:project_list"), EVERY_PAGE + 2),
]


@pytest.mark.parametrize("size", [10, 500])
def test_page_queries_do_not_grow_with_the_data(client_as, django_assert_num_queries, size):
    records = build(size)  # once for all pages: building 500 rows of everything takes a moment
    client = client_as("gpect")
    for name, url, queries in PAGES:
        target = url(*records)
        with django_assert_num_queries(queries, info=name):
            assert client.get(target).status_code == 200, name


# The exports: every row of the list in the query that fetches them (no page count, no filter choices).
EXPORTS = [
    # the employers with organisation/commune/sector and their actions of the year (GROUP BY)
    ("employer_list", EVERY_PAGE + 1),
    # the actions with employer/organisation/sector and staff
    ("action_list", EVERY_PAGE + 1),
    # the offers with employer and match count
    ("offer_list", EVERY_PAGE + 1),
    # the visits with organisation
    ("visit_list", EVERY_PAGE + 1),
    # the markets with buyer and hours realised
    ("market_list", EVERY_PAGE + 1),
    # the projects, their partners (prefetch)
    ("project_list", EVERY_PAGE + 2),
]


@pytest.mark.parametrize("size", [10, 500])
def test_export_queries_do_not_grow_with_the_rows(client_as, django_assert_num_queries, size):
    build(size)
    client = client_as("gpect")
    for name, queries in EXPORTS:
        with django_assert_num_queries(queries, info=name):
            response = client.get(reverse(f"gpect:{name}"), {"export": "csv"})
        assert response.status_code == 200, name
        assert response.content.count(b"\n") > min(size, 30), name


@pytest.mark.parametrize("size", [10, 500])
def test_figures_queries_do_not_grow_with_the_data(django_assert_num_queries, size):
    build(size)
    # actions, offers, matches, visits, hours, employers by sector, hours by market, projects
    with django_assert_num_queries(9):
        figures = indicators.for_year(2020)
    assert figures["employeurs_mobilises"] == size
    assert figures["heures_insertion"] == 10 * size
