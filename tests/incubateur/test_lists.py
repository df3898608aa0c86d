"""The staff lists do what a person does with them: filter, search, sort, turn the page."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from incubateur.models import Stage

from .factories import CommitteeFactory, ProjectFactory, ReceptionFactory

D = datetime.date


@pytest.fixture
def staff(client_as):
    return client_as("incubateur")


def next_page_href(content: str) -> str:
    """The « Page suivante » link of a page, as the browser follows it."""
    match = re.search(r'<a class="page-link" href="([^"]*)" rel="next">Page suivante</a>', content)
    assert match, "no « Page suivante » link"
    return html.unescape(match.group(1))


def project_names(content: str) -> list[str]:
    return re.findall(r'<td><a href="/espace/incubateur/projets/\d+/">([^<]+)</a></td>', content)


def test_page_two_of_a_filtered_search_shows_the_other_matching_projects(staff):
    for i in range(30):
        ProjectFactory(name=f"Recyclerie {i:02}", theme="reemploi", history=[(Stage.INCUBATION, D(2020, 1, 1))])
        ProjectFactory(name=f"Recyclerie idée {i:02}", theme="reemploi", history=[(Stage.IDEE, D(2020, 1, 1))])
        ProjectFactory(name=f"Garage {i:02}", theme="reemploi", history=[(Stage.INCUBATION, D(2020, 1, 1))])
    url = reverse("incubateur:project_list")
    first = staff.get(url, {"q": "recyclerie", "stage": "incubation", "tri": "-nom"}).content.decode()
    assert "30 résultats, page 1 sur 2" in first
    href = next_page_href(first)
    second = staff.get(url + href).content.decode()
    names = project_names(first) + project_names(second)
    assert names == [f"Recyclerie {i:02}" for i in reversed(range(30))]  # all of them, once, in order
    assert "30 résultats, page 2 sur 2" in second


def test_page_two_of_a_year_keeps_the_year(staff):
    for day in range(1, 29):
        ReceptionFactory(date=D(2020, 2, day), idea=f"Idée de février {day:02}")
    ReceptionFactory(date=D(2019, 2, 1), idea="Idée de 2019")
    url = reverse("incubateur:reception_list")
    first = staff.get(url, {"annee": 2020}).content.decode()
    second = staff.get(url + next_page_href(first)).content.decode()
    assert "28 résultats, page 2 sur 2" in second
    assert "Idée de février 03" in second and "Idée de février 28" not in second  # newest first
    assert "Idée de 2019" not in first + second


def test_sorting_by_stage_follows_the_pipeline_and_says_so(staff):
    ProjectFactory(name="Alpha", history=[(Stage.LANCEMENT, D(2020, 1, 1))])
    ProjectFactory(name="Bravo", history=[(Stage.IDEE, D(2020, 1, 1))])
    ProjectFactory(name="Charlie", history=[(Stage.INCUBATION, D(2020, 1, 1))])
    url = reverse("incubateur:project_list")
    assert project_names(staff.get(url).content.decode()) == ["Alpha", "Bravo", "Charlie"]
    content = staff.get(url, {"tri": "etape"}).content.decode()
    assert project_names(content) == ["Bravo", "Charlie", "Alpha"]
    assert re.search(r'<th scope="col" aria-sort="ascending"><a [^>]*>Étape', content)
    content = staff.get(url, {"tri": "-etape"}).content.decode()
    assert project_names(content) == ["Alpha", "Charlie", "Bravo"]
    assert re.search(r'<th scope="col" aria-sort="descending"><a [^>]*>Étape', content)


def test_an_unknown_sort_or_year_gives_the_default_list(staff):
    CommitteeFactory(date=D(2020, 2, 13))
    response = staff.get(reverse("incubateur:committee_list"), {"tri": "n'importe", "annee": "1789"})
    assert response.status_code == 200 and "13 février 2020" in response.content.decode()
