"""The staff home's « À faire »: the members that have not declared last year's figures."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.ptce.factories import DeclarationFactory, MembershipFactory

DASHBOARD = reverse("cbe_portal:dashboard")
LAST_YEAR = timezone.localdate().year - 1
HEADING = f"PTCE : chiffres {LAST_YEAR} non déclarés"


def declare_url(membership) -> str:
    return reverse("ptce:declaration_create", args=[membership.pk, LAST_YEAR])


def test_the_dashboard_links_the_members_yet_to_declare(client_as):
    silent = MembershipFactory(organisation__name="Scop du Port")
    declared = MembershipFactory()
    DeclarationFactory(membership=declared, year=LAST_YEAR)
    only_the_year_before = MembershipFactory()
    DeclarationFactory(membership=only_the_year_before, year=LAST_YEAR - 1)
    left_before = MembershipFactory(left_on=datetime.date(LAST_YEAR, 1, 1))
    joined_this_year = MembershipFactory(joined_on=datetime.date(LAST_YEAR + 1, 1, 1))
    page = client_as("ptce-lecture").get(DASHBOARD).text
    assert HEADING in page
    assert "2 membres du PTCE en" in page and "n'ont pas encore déclaré leurs chiffres" in page
    assert f'<a href="{declare_url(silent)}">Scop du Port</a>' in page
    assert declare_url(only_the_year_before) in page
    for other in [declared, left_before, joined_this_year]:
        assert declare_url(other) not in page
    assert HEADING not in client_as("plie").get(DASHBOARD).text
    assert HEADING not in client_as("membre").get(DASHBOARD).text


def test_nothing_to_do_shows_nothing(client_as):
    DeclarationFactory(year=LAST_YEAR)
    assert HEADING not in client_as("ptce").get(DASHBOARD).text


def test_ten_members_then_the_count_of_the_others_in_the_same_queries(client_as):
    client = client_as("coordination")

    def dashboard():
        client.get(DASHBOARD)  # the figures of the year, cached for the request measured
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DASHBOARD).text
        return page, len(queries)

    for index in range(12):
        MembershipFactory(organisation__name=f"Membre {index:02}")
    page, few = dashboard()
    assert [f">Membre {index:02}<" in page for index in range(12)] == [True] * 10 + [False] * 2
    assert "… et 2 autres" in page
    for index in range(30):
        MembershipFactory(organisation__name=f"Autre membre {index:02}")
    page, many = dashboard()
    assert "… et 32 autres" in page
    assert many == few
