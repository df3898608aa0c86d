import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plie.factories import ParcoursFactory


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
