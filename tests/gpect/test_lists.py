"""The staff lists as a person uses them: filter, search, go to the next page, sort."""

import datetime
import html
import re
from urllib.parse import urljoin

from django.urls import reverse

from tests.gpect.factories import EmployerActionFactory, EmployerFactory, JobOfferFactory, sector


def next_page(response) -> str:
    """The href of the « Page suivante » link, as the browser would follow it."""
    [href] = re.findall(r'href="([^"]*)" rel="next">Page suivante<', response.text)
    return urljoin(response.request["PATH_INFO"], html.unescape(href))


def test_page_2_of_a_filtered_and_searched_list_keeps_the_filter_and_the_search(client_as):
    for day in range(30):
        JobOfferFactory(title=f"Maçon·ne {day:02}", date=datetime.date(2020, 3, 1) + datetime.timedelta(days=day))
        JobOfferFactory(title=f"Maçon·ne {day:02}", date=datetime.date(2019, 3, 1) + datetime.timedelta(days=day))
        JobOfferFactory(title=f"Cariste {day:02}", date=datetime.date(2020, 3, 1) + datetime.timedelta(days=day))
    client = client_as("gpect-lecture")
    first = client.get(reverse("gpect:offer_list"), {"annee": 2020, "q": "macon"})
    assert first.context["page"].paginator.count == 30
    assert "30 résultats, page 1 sur 2" in first.text
    second = client.get(next_page(first))
    assert second.context["page"].number == 2
    rows = list(first.context["page"]) + list(second.context["page"])
    assert len({offer.pk for offer in rows}) == 30
    assert all(offer.date.year == 2020 and offer.title.startswith("Maçon") for offer in rows)


def test_page_2_of_the_employers_counts_the_actions_of_its_own_rows(client_as):
    this_year = datetime.date.today().year
    numerique = sector("Numérique")
    for index in range(30):
        employer = EmployerFactory(organisation__name=f"Employeur {index:02}", sector=numerique)
        EmployerActionFactory.create_batch(index % 3, employer=employer, date=datetime.date(this_year, 1, 1))
    EmployerFactory(organisation__name="Employeur du commerce", sector=sector("Commerce"))
    client = client_as("gpect")
    first = client.get(reverse("gpect:employer_list"), {"sector": numerique.pk})
    second = client.get(next_page(first))
    rows = list(second.context["page"])
    assert [employer.organisation.name for employer in rows] == [f"Employeur {index}" for index in range(25, 30)]
    assert [employer.actions_in_year for employer in rows] == [index % 3 for index in range(25, 30)]


def test_a_column_header_sorts_the_list_and_says_so(client_as):
    for title in ["Boulanger·ère", "Aide-soignant·e", "Cariste"]:
        JobOfferFactory(title=title)
    client = client_as("gpect")
    url = reverse("gpect:offer_list")
    ascending = client.get(url, {"tri": "intitule"})
    assert [offer.title for offer in ascending.context["page"]] == ["Aide-soignant·e", "Boulanger·ère", "Cariste"]
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="\?tri=-intitule"', ascending.text)
    descending = client.get(url, {"tri": "-intitule"})
    assert [offer.title for offer in descending.context["page"]] == ["Cariste", "Boulanger·ère", "Aide-soignant·e"]
    assert 'aria-sort="descending"' in descending.text


def test_an_unknown_sort_or_year_falls_back_on_the_default(client_as):
    client = client_as("gpect")
    for url in ["gpect:offer_list", "gpect:action_list", "gpect:market_list", "gpect:visit_list"]:
        assert client.get(reverse(url), {"tri": "nimporte", "annee": "deux-mille"}).status_code == 200
    response = client.get(reverse("gpect:home"), {"annee": "1815"})
    assert response.status_code == 200
    assert response.context["year"] in range(2016, datetime.date.today().year)
