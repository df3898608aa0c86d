import datetime

import pytest
from django.urls import reverse

from tests.plie.factories import ParcoursFactory


@pytest.mark.parametrize("size", [3, 60])
def test_dashboard_reads_the_cached_figures(client_as, django_assert_num_queries, size):
    for _ in range(size):
        ParcoursFactory(entry_date=datetime.date.today().replace(month=1, day=2))
    client = client_as("coordination")
    client.get(reverse("cbe_portal:dashboard"))  # computes and caches this year's figures
    # session, user, roles; the cached figures (version, value); the PTCE section's roles check
    # reuses the roles read once per request.
    with django_assert_num_queries(5):
        response = client.get(reverse("cbe_portal:dashboard"))
    assert f"Personnes accompagnées en {datetime.date.today().year}" in response.content.decode()
    assert response.context["cards"][0]["figures"]["nouveaux_accompagnements"] == size


def test_dashboard_shows_only_the_programmes_one_may_read(client_as):
    cards = client_as("gpect-lecture").get(reverse("cbe_portal:dashboard")).context["cards"]
    assert [card["programme"] for card in cards] == ["gpect"]
    assert not cards[0]["can_write"]
    assert client_as("partenaire").get(reverse("cbe_portal:dashboard")).context["cards"] == []
