"""The staff home's « À faire »: the restaurants taking part whose purchases of the last complete
month are not entered."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.circuits.factories import ParticipationFactory, PurchaseFactory

TODAY = datetime.date(2020, 6, 15)  # the last complete month is May 2020
HEADING = "Circuits alimentaires : achats non saisis pour mai 2020"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def taking_part(name, *periods):
    """A restaurant taking part in 2020 with purchases over `periods` ((start, end) pairs)."""
    restaurant = ParticipationFactory(restaurant__name=name, year=2020).restaurant
    for start, end in periods:
        PurchaseFactory(restaurant=restaurant, supplier=None, period_start=start, period_end=end)
    return restaurant


def todo(response) -> str:
    page = html.unescape(response.content.decode())
    section = re.search(r'<section aria-labelledby="titre-a-faire".*?</section>', page, re.S)
    return section[0] if section else ""


def test_the_restaurants_without_last_month_purchases_are_listed_with_a_link(client_as):
    D = datetime.date
    missing = taking_part("Cantine sans achats")
    taking_part("Cantine d'avril", (D(2020, 4, 1), D(2020, 4, 30)))  # April is not May
    taking_part("Cantine à jour", (D(2020, 5, 1), D(2020, 5, 31)))
    taking_part("Cantine au total annuel", (D(2020, 1, 1), D(2020, 12, 31)))
    ParticipationFactory(restaurant__name="Cantine de 2019", year=2019)

    section = todo(client_as("circuits-lecture").get(reverse("cbe_portal:dashboard")))

    assert HEADING in section
    assert "2 restaurants participant au programme en 2020 n'ont aucun achat saisi pour mai 2020." in section
    assert re.findall(r"<li><a [^>]*>([^<]+)</a></li>", section) == ["Cantine d'avril", "Cantine sans achats"]
    assert f'href="{reverse("circuits:purchase_list")}?restaurant={missing.pk}&annee=2020"' in section


def test_nothing_to_do_shows_nothing_and_other_programmes_see_nothing(client_as):
    taking_part("Cantine à jour", (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31)))
    assert "Circuits alimentaires" not in todo(client_as("circuits").get(reverse("cbe_portal:dashboard")))

    taking_part("Cantine sans achats")
    assert HEADING not in todo(client_as("plie").get(reverse("cbe_portal:dashboard")))
    assert HEADING in todo(client_as("coordination").get(reverse("cbe_portal:dashboard")))


def test_ten_restaurants_at_most_with_the_count_in_constant_queries(client_as):
    client = client_as("circuits")

    def dashboard():
        client.get(reverse("cbe_portal:dashboard"))  # computes and caches the figures
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cbe_portal:dashboard"))
        return todo(response), len(queries)

    for n in range(2):
        taking_part(f"Cantine {n:02}")
    section, few = dashboard()
    assert len(re.findall("<li>", section)) == 2 and "Et " not in section

    for n in range(2, 13):
        taking_part(f"Cantine {n:02}")
    section, many = dashboard()
    assert "13 restaurants participant" in section and "Et 3 autres." in section
    assert re.findall(r"<li><a [^>]*>([^<]+)</a></li>", section) == [f"Cantine {n:02}" for n in range(10)]
    assert many == few
