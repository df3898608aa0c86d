"""Every staff list exports what it shows (filters, search and sort order included); the partners'
directory export too. A cell a spreadsheet would run as a formula comes out as text."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from ptce import views
from tests.factories import ContactFactory
from tests.ptce.factories import (
    DeclarationFactory,
    MembershipFactory,
    ProjectFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.ptce.test_queries import LOGGED_IN, SIZES, populate

EVIL = '=HYPERLINK("http://ev.il","x")'
LISTS = [
    ("ptce:membership_list", views.MEMBERSHIP_EXPORT),
    ("ptce:theme_list", views.THEME_EXPORT),
    ("ptce:project_list", views.PROJECT_EXPORT),
    ("ptce:publication_list", views.PUBLICATION_EXPORT),
    ("ptce:declaration_list", views.DECLARATION_EXPORT),
]


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize(("url_name", "columns"), LISTS, ids=[name for name, _ in LISTS])
def test_every_list_exports_its_rows_under_its_headers(client_as, url_name, columns):
    DeclarationFactory()
    ProjectFactory()
    PublicationFactory()
    client = client_as("ptce-lecture")
    page = client.get(reverse(url_name), {"annee": 2020})
    assert "?annee=2020&amp;export=csv" in page.text and "export=xlsx" in page.text
    header, *body = rows(client.get(reverse(url_name), {"annee": 2020, "export": "csv"}))
    assert header == [column.header for column in columns]
    assert len(body) == page.context["page"].paginator.count >= 1


def test_the_membership_export_keeps_the_filter_the_search_and_the_sort(client_as):
    for name, joined_on in [("Scop Aval", "2017-04-03"), ("Scop Amont", "2015-01-15"), ("Scop Béarn", "2019-03-11")]:
        MembershipFactory(organisation__name=name, joined_on=datetime.date.fromisoformat(joined_on))
    MembershipFactory(organisation__name="Scop Partie", left_on=datetime.date(2020, 1, 1))
    MembershipFactory(organisation__name="Association du Port")
    observer = MembershipFactory(organisation__name=EVIL, is_observer=True)
    observer.themes.add(ThemeFactory(name="Mobilité"))
    client = client_as("ptce")
    query = {"statut": "actif", "q": "scop", "tri": "-adhesion", "export": "csv"}
    _header, *body = rows(client.get(reverse("ptce:membership_list"), query))
    assert [(row[0], row[3], row[5]) for row in body] == [
        ("Scop Béarn", "11/03/2019", "Membre actif"),
        ("Scop Aval", "03/04/2017", "Membre actif"),
        ("Scop Amont", "15/01/2015", "Membre actif"),
    ]
    _header, *body = rows(client.get(reverse("ptce:membership_list"), {"statut": "observateur", "export": "csv"}))
    assert body == [
        ["'" + EVIL, "Association", "Tarnos", "01/01/2015", "", "Membre observateur", "Mobilité", "", "", ""]
    ]


def test_the_declaration_export_gives_the_figures_of_the_year(client_as):
    declared = DeclarationFactory(membership__organisation__name="A déclaré", emplois=12, chiffre_affaires=800_000)
    DeclarationFactory(membership=declared.membership, year=2019, emplois=3)
    MembershipFactory(organisation__name="Muet")
    query = {"annee": 2020, "tri": "declaration", "export": "csv"}
    header, *body = rows(client_as("ptce").get(reverse("ptce:declaration_list"), query))
    assert header[:3] == ["Membre", "Déclaration", "Emplois (salariés)"] and header[-1] == "Chiffre d'affaires (euros)"
    assert [row[:3] for row in body] == [["Muet", "non déclarée", ""], ["A déclaré", "déclarée", "12"]]
    assert body[1][-1] == "800000"


def test_the_directory_export_neutralises_formulas(client_as):
    membership = MembershipFactory(organisation__name="Scop du Port", organisation__phone=EVIL)
    ContactFactory(organisation=membership.organisation, person__first_name="Maialen", person__last_name="Irigoyen",
                   phone=EVIL)  # fmt: skip
    header, row = rows(client_as("partenaire").get(reverse("ptce:member_export")))
    assert header == ["Nom", "Type", "Thématiques", "Commune", "Site web", "Courriel", "Téléphone", "Contacts"]
    assert row[0] == "Scop du Port"
    assert row[header.index("Téléphone")] == "'" + EVIL
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_xlsx_export_neutralises_formulas_too(client_as):
    openpyxl = pytest.importorskip("openpyxl")
    MembershipFactory(organisation__name="Scop du Port", organisation__phone=EVIL)
    response = client_as("ptce").get(reverse("ptce:membership_list"), {"export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="ptce-adhesions.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.values)
    assert row[header.index("Téléphone")] == "'" + EVIL


@pytest.mark.parametrize("size", SIZES)
def test_exports_do_not_grow_with_the_rows(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("ptce")
    url = reverse("ptce:membership_list")
    with django_assert_num_queries(LOGGED_IN + 2):  # memberships (+ organisation, commune), their themes
        assert len(rows(client.get(url, {"export": "csv"}))) == size + 1
    with django_assert_num_queries(LOGGED_IN + 2):  # projects (+ theme), their organisations
        client.get(reverse("ptce:project_list"), {"export": "csv"})
    with django_assert_num_queries(LOGGED_IN + 2):  # members of the year (+ organisation), their declaration
        assert len(rows(client.get(reverse("ptce:declaration_list"), {"annee": 2020, "export": "csv"}))) == size + 1
    client = client_as("partenaire")
    # members (+ organisation, commune), their themes, their contacts (+ person)
    with django_assert_num_queries(LOGGED_IN + 3):
        assert len(rows(client.get(reverse("ptce:member_export")))) == size + 1
