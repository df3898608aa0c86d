"""The public pages, the report and the open data read the same figures, live from the records,
in a number of queries that does not depend on the data."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plie.factories import ParcoursFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory

# The queries of each page once its figures are cached (each cached value costs two: the cache
# version, then the value): home = the latest published report's year, else the latest year
# with data (1 + 2) + its figures (2) + publications;
# programme page = the year's and the previous year's figures (4) + editorial texts, and for the
# circuits the map's restaurants and suppliers (2); report = the year's and the previous year's
# figures (4) + the year's again to know if it has data (2) + texts + PTCE members + publications.
WARM_QUERIES = {
    reverse("cbe_portal:home"): 6,
    reverse("cbe_portal:report", args=[2020]): 9,
    reverse("plie:public") + "?annee=2020": 5,
    reverse("gpect:public") + "?annee=2020": 5,
    reverse("circuits:public") + "?annee=2020": 7,
    reverse("incubateur:public") + "?annee=2020": 5,
}


def test_changing_one_record_changes_the_page_the_report_and_the_open_data(client):
    declaration = DeclarationFactory(year=2020, emplois=4321, emplois_permanents=1000)
    pages = {
        "page": reverse("ptce:public") + "?annee=2020",
        "report": reverse("cbe_portal:report", args=[2020]),
    }
    for url in pages.values():
        assert "4\u00a0321" in client.get(url).content.decode()
    assert json.loads(client.get(reverse("cbe_portal:open_data_json", args=[2020])).content)["ptce"]["emplois"] == 4321

    declaration.emplois = 4567
    declaration.save()

    for url in pages.values():
        content = client.get(url).content.decode()
        assert "4\u00a0567" in content and "4\u00a0321" not in content
    assert json.loads(client.get(reverse("cbe_portal:open_data_json", args=[2020])).content)["ptce"]["emplois"] == 4567


def test_a_new_pathway_is_counted_at_once(client):
    ParcoursFactory(entry_date=datetime.date(2020, 3, 2))
    url = reverse("cbe_portal:open_data_json", args=[2020])
    assert json.loads(client.get(url).content)["plie"]["nouveaux_accompagnements"] == 1
    ParcoursFactory(entry_date=datetime.date(2020, 5, 4))
    assert json.loads(client.get(url).content)["plie"]["nouveaux_accompagnements"] == 2


def populate(size: int) -> None:
    for _ in range(size):
        DeclarationFactory(year=2020, membership=MembershipFactory(), emplois=10, emplois_permanents=5)
        ParcoursFactory(entry_date=datetime.date(2020, 2, 3))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", WARM_QUERIES)
def test_query_count_does_not_grow_with_the_data(client, url):
    from django.core.cache import cache

    counts = []
    for size in (3, 60):
        populate(size)
        cache.clear()
        cold = count_queries(client, url)
        warm = count_queries(client, url)
        counts.append((cold, warm))
    # Cold (figures computed: 50 to 90 queries, every programme's for_year) and warm alike.
    assert counts[0] == counts[1], counts
    assert counts[0][1] == WARM_QUERIES[url]


def test_public_pages_show_the_latest_published_report_year_by_default(client):
    from cbe_portal.figures import latest_complete_year
    from cbe_portal.models import EditorialText

    ParcoursFactory(entry_date=datetime.date(2019, 3, 2))  # still open: it has data every year since
    assert latest_complete_year() == datetime.date.today().year - 1
    EditorialText.objects.create(year=2019, section="president", body="Le rapport 2019.")
    assert latest_complete_year() == 2019
    assert "Les chiffres 2019" in client.get(reverse("plie:public")).content.decode()
