"""The staff home's « À faire »: the offers whose closing date has passed without anyone put forward."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.gpect.factories import JobOfferFactory, MatchFactory

DASHBOARD = reverse("cbe_portal:dashboard")
HEADING = "GPECT : offres d'emploi sans mise en relation, date limite passée"
TODAY = timezone.localdate()


def offer(closing_in_days, **kwargs):
    """An offer diffused 40 days ago whose applications close `closing_in_days` from today."""
    diffused = TODAY - datetime.timedelta(days=40)
    return JobOfferFactory(date=diffused, closing_date=TODAY + datetime.timedelta(days=closing_in_days), **kwargs)


def test_the_dashboard_links_the_offers_closed_without_a_match(client_as):
    closed = offer(-10, title="Cariste", employer__organisation__name="Otsokop")
    matched = offer(-10, title="Maçon·ne")
    MatchFactory(offer=matched, date=TODAY - datetime.timedelta(days=20))
    still_open = offer(0, title="Serveur·se")
    without_closing_date = JobOfferFactory(title="Vendeur·se", date=TODAY - datetime.timedelta(days=40))
    page = client_as("gpect-lecture").get(DASHBOARD).text
    assert HEADING in page
    assert f'<a href="{closed.get_absolute_url()}">Cariste</a> — Otsokop, candidatures closes le' in page
    for other in [matched, still_open, without_closing_date]:
        assert other.get_absolute_url() not in page
    assert HEADING not in client_as("plie").get(DASHBOARD).text


def test_nothing_to_do_shows_nothing(client_as):
    offer(5)
    assert HEADING not in client_as("gpect").get(DASHBOARD).text


def test_ten_offers_then_the_count_of_the_others_in_the_same_queries(client_as):
    client = client_as("gpect")

    def dashboard():
        client.get(DASHBOARD)  # the figures of the year, cached for the request measured
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DASHBOARD).text
        return page, len(queries)

    for index in range(12):
        offer(-1 - index, title=f"Offre {index:02}")
    page, few = dashboard()
    assert [f">Offre {index:02}<" in page for index in range(12)] == [True] * 10 + [False] * 2
    assert "… et 2 autres." in page
    for index in range(30):
        offer(-20, title=f"Autre offre {index:02}")
    page, many = dashboard()
    assert "… et 32 autres." in page
    assert many == few
