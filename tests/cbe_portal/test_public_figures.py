"""The public pages, the report and the open data read the published snapshot of a year, in a number
of queries that does not depend on the data; coordination's draft of a year follows the records."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbe_portal import figures, publication
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.plie.factories import ParcoursFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory

# The queries of each public page of a published year. Home: the published years (the default year),
# the year's snapshot, the PTCE's latest publications. Report and open data: the snapshot (the report's
# stored body comes with it). A programme page: the published years (default and selector), the
# snapshot, the previous published snapshot (the comparison), and for the circuits the map's
# restaurants and suppliers (2).
PUBLISHED_QUERIES = {
    reverse("cbe_portal:home"): 3,
    reverse("cbe_portal:report", args=[2020]): 1,
    reverse("cbe_portal:open_data_json", args=[2020]): 1,
    reverse("plie:public") + "?annee=2020": 3,
    reverse("gpect:public") + "?annee=2020": 3,
    reverse("circuits:public") + "?annee=2020": 5,
    reverse("incubateur:public") + "?annee=2020": 3,
}


def test_the_draft_follows_the_records_for_coordination(client_as):
    declaration = DeclarationFactory(year=2020, emplois=4321, emplois_permanents=1000)
    client = client_as("coordination")
    pages = [
        reverse("ptce:public") + "?annee=2020&brouillon=1",
        reverse("cbe_portal:report", args=[2020]) + "?brouillon=1",
    ]
    json_url = reverse("cbe_portal:open_data_json", args=[2020]) + "?brouillon=1"
    for url in pages:
        assert "4\u00a0321" in client.get(url).content.decode()
    assert json.loads(client.get(json_url).content)["ptce"]["emplois"] == 4321

    declaration.emplois = 4567
    declaration.save()

    for url in pages:
        content = client.get(url).content.decode()
        assert "4\u00a0567" in content and "4\u00a0321" not in content
    assert json.loads(client.get(json_url).content)["ptce"]["emplois"] == 4567


def test_reads_and_new_directory_rows_keep_the_figures_a_changed_person_recomputes_them(client_as):
    """The figures are cached until a row they read changes: reading a participant's file (logged),
    or adding an organisation or a person no record names yet, changes none; a person's gender does."""
    parcours = ParcoursFactory(entry_date=datetime.date(2020, 3, 2), person__gender="F")
    url = reverse("cbe_portal:open_data_json", args=[2020]) + "?brouillon=1"
    assert json.loads(client_as("coordination").get(url).content)["plie"]["part_femmes"] == 1
    version = figures.cache_version()
    client_as("plie").get(parcours.get_absolute_url())  # recorded in the access log
    OrganisationFactory()
    PersonFactory()
    assert figures.cache_version() == version
    parcours.person.gender = "M"
    parcours.person.save()
    assert figures.cache_version() != version
    assert json.loads(client_as("coordination").get(url).content)["plie"]["part_femmes"] == 0


def test_a_new_pathway_is_counted_at_once_in_the_draft(client_as):
    client = client_as("coordination")
    ParcoursFactory(entry_date=datetime.date(2020, 3, 2))
    url = reverse("cbe_portal:open_data_json", args=[2020]) + "?brouillon=1"
    assert json.loads(client.get(url).content)["plie"]["nouveaux_accompagnements"] == 1
    ParcoursFactory(entry_date=datetime.date(2020, 5, 4))
    assert json.loads(client.get(url).content)["plie"]["nouveaux_accompagnements"] == 2


def populate(size: int) -> None:
    for _ in range(size):
        DeclarationFactory(year=2020, membership=MembershipFactory(), emplois=10, emplois_permanents=5)
        ParcoursFactory(entry_date=datetime.date(2019, 2, 3))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", PUBLISHED_QUERIES)
def test_query_count_does_not_grow_with_the_data(client, url):
    from cbe_portal.models import PublishedReport

    counts = []
    for size in (3, 60):
        PublishedReport.objects.all().delete()
        populate(size)
        for year in (2019, 2020):
            publication.publish(year, UserFactory(), build_pdf=False)
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1] == PUBLISHED_QUERIES[url], counts


def test_public_pages_show_the_latest_published_year_by_default(client):
    from cbe_portal.years import latest_complete_year

    ParcoursFactory(entry_date=datetime.date(2019, 3, 2))  # still open: it has data every year since
    assert latest_complete_year() == datetime.date.today().year - 1
    publication.publish(2019, UserFactory(), build_pdf=False)
    assert latest_complete_year() == 2019
    assert "Les chiffres 2019" in client.get(reverse("plie:public")).content.decode()
