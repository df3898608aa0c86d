"""Every staff list exports what it shows, its filters, search and sort order included; lists of
people take one line per person, and each export of them is recorded."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbe_portal.models import AccessLog
from incubateur import views
from incubateur.models import Stage
from tests.factories import PersonFactory

from .factories import (
    CollectiveMemberFactory,
    CollectiveTimeFactory,
    CommitteeFactory,
    PresentationFactory,
    ProjectFactory,
    ReceptionFactory,
    TrainingFactory,
)

D = datetime.date
LISTS = [
    ("incubateur:reception_list", views.RECEPTION_EXPORT),
    ("incubateur:project_list", views.PROJECT_EXPORT),
    ("incubateur:committee_list", views.COMMITTEE_EXPORT),
    ("incubateur:collective_time_list", views.COLLECTIVE_TIME_EXPORT),
    ("incubateur:training_list", views.TRAINING_EXPORT),
    ("incubateur:member_list", views.MEMBER_EXPORT),
]


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def person(last_name, first_name="Maïté"):
    return PersonFactory(last_name=last_name, first_name=first_name)


@pytest.mark.parametrize(("url_name", "columns"), LISTS, ids=[name for name, _ in LISTS])
def test_every_list_exports_its_rows_under_its_headers(client_as, url_name, columns):
    ReceptionFactory(persons=[person("Garat")])
    ProjectFactory(holders=[person("Hiriart")])
    PresentationFactory()
    CollectiveTimeFactory()
    TrainingFactory()
    CollectiveMemberFactory().people.set([person("Labat")])
    client = client_as("incubateur-lecture")
    page = client.get(reverse(url_name))
    assert "?export=csv" in page.text and "?export=xlsx" in page.text
    header, *body = rows(client.get(reverse(url_name), {"export": "csv"}))
    assert header == [column.header for column in columns]
    assert len(body) == page.context["page"].paginator.count >= 1


def test_the_reception_export_keeps_the_year_the_search_and_the_sort_one_line_per_person(client_as):
    garat, labat, bordes = person("Garat", "Amaia"), person("Labat", "Peio"), person("Bordes", "Inès")
    project = ProjectFactory(name="Recyclerie du Seignanx")
    ReceptionFactory(date=D(2020, 3, 5), idea="Une recyclerie", persons=[labat, garat], project=project)
    ReceptionFactory(date=D(2020, 9, 10), idea="Une recyclerie de quartier", persons=[bordes])
    ReceptionFactory(date=D(2020, 6, 1), idea="Une crèche parentale", persons=[person("Dufau")])
    ReceptionFactory(date=D(2019, 6, 1), idea="Une recyclerie en 2019", persons=[person("Lassalle")])
    query = {"annee": "2020", "q": "recyclerie", "tri": "date", "export": "csv"}
    _header, *body = rows(client_as("incubateur").get(reverse("incubateur:reception_list"), query))
    assert body == [
        ["05/03/2020", "Garat", "Amaia", "Une recyclerie", "Bouche-à-oreille", "Nouvel échange à prévoir",
         "Recyclerie du Seignanx"],
        ["05/03/2020", "Labat", "Peio", "Une recyclerie", "Bouche-à-oreille", "Nouvel échange à prévoir",
         "Recyclerie du Seignanx"],
        ["10/09/2020", "Bordes", "Inès", "Une recyclerie de quartier", "Bouche-à-oreille",
         "Nouvel échange à prévoir", ""],
    ]  # fmt: skip
    exported = AccessLog.objects.filter(action=AccessLog.Action.EXPORT)
    assert set(exported.values_list("person", flat=True)) == {garat.pk, labat.pk, bordes.pk}


def test_a_search_for_one_holder_exports_every_holder_of_the_projects_found(client_as):
    """The list shows every holder of a project a search finds: so does its export."""
    ProjectFactory(name="Garage solidaire", holders=[person("Garat", "Amaia"), person("Labat", "Peio")])
    ProjectFactory(name="Café associatif", holders=[person("Bordes")])
    ProjectFactory(name="Épicerie vrac", history=[(Stage.PRE_INCUBATION, D(2020, 11, 2))])  # no holder yet
    query = {"q": "labat", "export": "csv"}
    _header, *body = rows(client_as("incubateur").get(reverse("incubateur:project_list"), query))
    assert [(row[0], row[3], row[4]) for row in body] == [
        ("Garage solidaire", "Garat", "Amaia"),
        ("Garage solidaire", "Labat", "Peio"),
    ]
    _header, *body = rows(client_as("incubateur").get(reverse("incubateur:project_list"), {"export": "csv"}))
    assert ["Épicerie vrac", "Autre", "Pré-incubation", "", "", ""] in body  # a project without holders too


def test_the_committee_export_lists_the_decisions(client_as):
    committee = CommitteeFactory(date=D(2020, 10, 8))
    PresentationFactory(committee=committee, project__name="Café associatif Le Bercail", decision="admis")
    PresentationFactory(committee=committee, project__name="Garage solidaire", decision="")
    _header, row = rows(client_as("incubateur").get(reverse("incubateur:committee_list"), {"export": "csv"}))
    assert row == [
        "08/10/2020",
        "2",
        "0",
        "Café associatif Le Bercail : Admis en incubation ; Garage solidaire : Décision à venir",
    ]


def test_a_text_a_spreadsheet_would_run_is_neutralised(client_as):
    CollectiveTimeFactory(theme='=HYPERLINK("https://exemple.org";"Cliquez")')
    _header, row = rows(client_as("incubateur").get(reverse("incubateur:collective_time_list"), {"export": "csv"}))
    assert row[1] == '\'=HYPERLINK("https://exemple.org";"Cliquez")'


def test_the_xlsx_export_holds_the_same_rows(client_as):
    openpyxl = pytest.importorskip("openpyxl")
    TrainingFactory(title="Gouvernance partagée", finalised_on=D(2020, 12, 3))
    response = client_as("incubateur").get(reverse("incubateur:training_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in views.TRAINING_EXPORT]
    assert sheet["A2"].value == "Gouvernance partagée"


@pytest.mark.parametrize(("url_name", "columns"), LISTS, ids=[name for name, _ in LISTS])
def test_an_export_runs_as_many_queries_for_many_rows_as_for_few(client_as, url_name, columns):
    client = client_as("incubateur")

    def export_queries(count):
        for index in range(count):
            ReceptionFactory(persons=[person(f"Garat{index}"), person(f"Labat{index}")])
            ProjectFactory(holders=[person(f"Hiriart{index}")], history=[(Stage.IDEE, D(2020, 1, 1))])
            PresentationFactory()
            CollectiveTimeFactory().attendees.set([person(f"Bordes{index}")])
            TrainingFactory()
            CollectiveMemberFactory().people.set([person(f"Lacoste{index}")])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name), {"export": "csv"})
        assert len(rows(response)) > count
        return len(queries)

    assert export_queries(2) == export_queries(10)
