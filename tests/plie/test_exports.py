"""Every staff list of the PLIE exports what it shows, its filters, search and sort order included;
an export of personal data is recorded."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from cbe_portal.models import AccessLog
from plie import views
from tests.factories import PersonFactory, UserFactory

from .factories import CollectiveActionFactory, MealAidFactory, ParcoursFactory, SessionFactory, exit_type

D = datetime.date
LISTS = [
    ("plie:parcours_list", views.PARCOURS_EXPORT),
    ("plie:collective_action_list", views.ACTION_EXPORT),
    ("plie:meal_aid_list", views.MEAL_AID_EXPORT),
]


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize(("url_name", "columns"), LISTS, ids=[name for name, _ in LISTS])
def test_every_list_exports_its_rows_under_its_headers(client_as, url_name, columns):
    SessionFactory(attendees=[ParcoursFactory()])
    MealAidFactory()
    client = client_as("plie-lecture")
    page = client.get(reverse(url_name))
    assert "?export=csv" in page.text and "?export=xlsx" in page.text
    header, *body = rows(client.get(reverse(url_name), {"export": "csv"}))
    assert header == [column.header for column in columns]
    assert len(body) == page.context["page"].paginator.count == 1


def test_the_pathway_export_keeps_the_filters_the_search_and_the_sort(client_as):
    referent = UserFactory(first_name="Sophie", last_name="Laborde", roles=["plie"])
    for name, entry in [("Etcheverry", D(2020, 3, 2)), ("Etchegaray", D(2019, 5, 6)), ("Etchart", D(2020, 1, 6))]:
        ParcoursFactory(person=PersonFactory(last_name=name, first_name="Ane"), entry_date=entry, referent=referent,
                        rsa=name == "Etchart", job_seeker_since=D(2018, 1, 2))  # fmt: skip
    ParcoursFactory(person=PersonFactory(last_name="Etchebest"), entry_date=D(2018, 1, 8),
                    exit_date=D(2019, 6, 3), exit_type=exit_type("positive"))  # fmt: skip
    ParcoursFactory(person=PersonFactory(last_name="Lalanne"), entry_date=D(2020, 2, 3))
    query = {"q": "etch", "statut": "en_parcours", "annee": "2020", "tri": "-entree", "export": "csv"}
    header, *body = rows(client_as("plie").get(reverse("plie:parcours_list"), query))
    columns = {name: header.index(name) for name in ["Nom", "Entrée", "Référent·e", "RSA", "Sortie"]}
    long_term = header.index("Demandeur·se d'emploi de longue durée")
    assert [[row[index] for index in columns.values()] + [row[long_term]] for row in body] == [
        ["Etcheverry", "02/03/2020", "Sophie Laborde", "non", "", "oui"],
        ["Etchart", "06/01/2020", "Sophie Laborde", "oui", "", "oui"],
        ["Etchegaray", "06/05/2019", "Sophie Laborde", "non", "", "oui"],
    ]
    assert AccessLog.objects.filter(action="export").count() == 3  # one line per person exported


def test_the_meal_aid_export_keeps_the_year_and_the_sort(client_as):
    for amount in ("40", "20", "60"):
        MealAidFactory(date=D(2020, 3, 2), meals=None, amount=amount, beneficiary__last_name="Darrigrand")
    MealAidFactory(date=D(2019, 3, 2), meals=None, amount="100")
    query = {"annee": "2020", "tri": "-montant", "export": "csv"}
    header, *body = rows(client_as("plie").get(reverse("plie:meal_aid_list"), query))
    assert header == ["Date", "Nom", "Prénom", "Repas", "Montant (€)", "Restaurant"]
    assert [(row[0], row[1], row[4]) for row in body] == [
        ("02/03/2020", "Darrigrand", "60"),
        ("02/03/2020", "Darrigrand", "40"),
        ("02/03/2020", "Darrigrand", "20"),
    ]


def test_a_text_a_spreadsheet_would_run_is_neutralised(client_as):
    CollectiveActionFactory(name='=HYPERLINK("https://exemple.org";"Cliquez")')
    _, row = rows(client_as("plie").get(reverse("plie:collective_action_list"), {"export": "csv"}))
    assert row[0] == '\'=HYPERLINK("https://exemple.org";"Cliquez")'


def test_the_xlsx_export_holds_the_same_rows(client_as):
    openpyxl = pytest.importorskip("openpyxl")
    MealAidFactory(date=D(2020, 3, 2), meals=12, beneficiary__last_name="Lafitte", beneficiary__first_name="Maïté")
    response = client_as("plie").get(reverse("plie:meal_aid_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in views.MEAL_AID_EXPORT]
    assert [cell.value for cell in sheet[2]][1:4] == ["Lafitte", "Maïté", 12]
