"""Every staff list exports what it shows, its filters, search and sort order included."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from gpect import views
from tests.gpect.factories import (
    CompanyVisitFactory,
    EmployerActionFactory,
    EmployerFactory,
    JobOfferFactory,
    MarketFactory,
    MatchFactory,
    ProjectFactory,
    sector,
)

LISTS = [
    ("gpect:employer_list", [*views.EMPLOYER_EXPORT, views.Column(f"Actions en {datetime.date.today().year}", id)]),
    ("gpect:action_list", views.ACTION_EXPORT),
    ("gpect:offer_list", views.OFFER_EXPORT),
    ("gpect:visit_list", views.VISIT_EXPORT),
    ("gpect:market_list", views.MARKET_EXPORT),
    ("gpect:project_list", views.PROJECT_EXPORT),
]


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize(("url_name", "columns"), LISTS, ids=[name for name, _ in LISTS])
def test_every_list_exports_its_rows_under_its_headers(client_as, url_name, columns):
    for factory in [EmployerActionFactory, MatchFactory, CompanyVisitFactory, MarketFactory, ProjectFactory]:
        factory()
    client = client_as("gpect-lecture")
    page = client.get(reverse(url_name))
    assert "?export=csv" in page.text and "?export=xlsx" in page.text
    header, *body = rows(client.get(reverse(url_name), {"export": "csv"}))
    assert header == [column.header for column in columns]
    shown = page.context["page"].paginator.count if "page" in page.context else len(page.context["projects"])
    assert len(body) == shown >= 1


def test_the_offer_export_keeps_the_year_the_search_and_the_sort(client_as):
    employer = EmployerFactory(organisation__name="Otsokop")
    offers = [
        JobOfferFactory(title=title, employer=employer, date=datetime.date(2020, 3, 2), contract_months=6)
        for title in ["Maçon·ne coffreur·se", "Maçon·ne finisseur·se", "Cariste"]
    ]
    JobOfferFactory(title="Maçon·ne 2019", date=datetime.date(2019, 3, 2))
    MatchFactory.create_batch(2, offer=offers[1])
    query = {"annee": "2020", "q": "macon", "tri": "-intitule", "export": "csv"}
    _header, *body = rows(client_as("gpect").get(reverse("gpect:offer_list"), query))
    assert body == [
        ["02/03/2020", "Maçon·ne finisseur·se", "Otsokop", "CDD", "6", "", "2"],
        ["02/03/2020", "Maçon·ne coffreur·se", "Otsokop", "CDD", "6", "", "0"],
    ]


def test_the_employer_export_keeps_the_sector_and_counts_the_actions_of_the_year(client_as):
    numerique = sector("Numérique")
    for index in range(3):
        employer = EmployerFactory(organisation__name=f"Studio {index}", sector=numerique)
        EmployerActionFactory.create_batch(index, employer=employer, date=datetime.date(2020, 5, 4))
    EmployerFactory(organisation__name="Boulangerie", sector=sector("Commerce"))
    query = {"sector": numerique.pk, "tri": "-nom", "export": "csv"}
    header, *body = rows(client_as("gpect").get(reverse("gpect:employer_list"), query))
    assert header[-1] == f"Actions en {datetime.date.today().year}"
    assert [(row[0], row[1]) for row in body] == [(f"Studio {i}", "Numérique") for i in (2, 1, 0)]
    query["annee"] = "2020"
    header, *body = rows(client_as("gpect").get(reverse("gpect:employer_list"), query))
    assert (header[-1], [row[-1] for row in body]) == ("Actions en 2020", ["2", "1"])


def test_a_text_a_spreadsheet_would_run_is_neutralised(client_as):
    CompanyVisitFactory(title='=HYPERLINK("https://exemple.org";"Cliquez")')
    _header, row = rows(client_as("gpect").get(reverse("gpect:visit_list"), {"export": "csv"}))
    assert row[1] == '\'=HYPERLINK("https://exemple.org";"Cliquez")'


def test_the_xlsx_export_holds_the_same_rows(client_as):
    openpyxl = pytest.importorskip("openpyxl")
    MarketFactory(title="Voie verte", hours_required=800)
    response = client_as("gpect").get(reverse("gpect:market_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in views.MARKET_EXPORT]
    assert [cell.value for cell in sheet[2]] == [2020, "Voie verte", sheet[2][2].value, 0, 800]
