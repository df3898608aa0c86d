import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plie.factories import ParcoursFactory, exit_type


def dashboard_queries(client, **params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("cbe_portal:dashboard"), params)
    return len(context.captured_queries), response


def test_dashboard_query_count_does_not_grow_and_its_figures_follow_the_records(client_as):
    client = client_as("coordination")
    counts = []
    for size in (3, 60):
        for _ in range(size if not counts else size - 3):
            ParcoursFactory(entry_date=datetime.date(2020, 1, 2))
        dashboard_queries(client, annee=2020)  # computes and caches the year's figures
        count, response = dashboard_queries(client, annee=2020)
        counts.append(count)
        assert response.context["cards"][0]["figures"]["nouveaux_accompagnements"] == size
    assert counts[0] == counts[1], counts


def test_dashboard_shows_the_latest_year_with_data_and_offers_the_others(client_as):
    ParcoursFactory(entry_date=datetime.date(2019, 3, 2), exit_date=None)
    response = client_as("plie").get(reverse("cbe_portal:dashboard"))
    assert response.context["year"] == datetime.date.today().year  # the open pathway has data this year
    assert 'name="annee"' in response.content.decode()
    assert client_as("plie").get(reverse("cbe_portal:dashboard"), {"annee": "abc"}).status_code == 200


def test_dashboard_shows_only_the_programmes_one_may_read(client_as):
    cards = client_as("gpect-lecture").get(reverse("cbe_portal:dashboard")).context["cards"]
    assert [card["programme"] for card in cards] == ["gpect"]
    assert not cards[0]["can_write"]
    assert client_as("partenaire").get(reverse("cbe_portal:dashboard")).context["cards"] == []


def test_a_dashboard_computes_only_the_figures_it_shows(client_as):
    """The year asked for, alone; none for a partner, who reads no programme. Finding the latest year
    with data computes each year's figures back to the first with records (here from this year to 2020)."""
    client = client_as("plie")

    def pathway_of_2020(day):  # the cached figures are forgotten
        ParcoursFactory(
            entry_date=datetime.date(2020, 1, day), exit_date=datetime.date(2020, 6, day), exit_type=exit_type("autre")
        )

    pathway_of_2020(2)
    asked, response = dashboard_queries(client, annee=2020)
    assert response.context["year"] == 2020
    pathway_of_2020(3)
    latest, response = dashboard_queries(client)
    assert response.context["year"] == 2020 and asked * 3 < latest, (asked, latest)
    pathway_of_2020(4)
    partner, response = dashboard_queries(client_as("partenaire"))
    assert response.context["cards"] == [] and partner * 2 < asked, (partner, asked)
