"""Every staff list exports what it shows: its search, filters and sort, as CSV and XLSX."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from circuits.models import Purchase
from tests.circuits.factories import (
    AwarenessActionFactory,
    CropPlanFactory,
    ParticipationFactory,
    PurchaseFactory,
    SupplierFactory,
    WorkshopFactory,
)


def rows(response) -> list[list[str]]:
    content = response.content.decode()
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_the_purchases_export_keeps_the_filter_and_the_sort(client_as):
    cuisine, other = ParticipationFactory().restaurant, ParticipationFactory().restaurant
    farm = SupplierFactory(organisation__name="Ferme Haran").organisation
    for amount in (300, 100, 200):
        PurchaseFactory(restaurant=cuisine, supplier=farm, amount_ht=amount)
    PurchaseFactory(restaurant=other, supplier=None, amount_ht=50)

    response = client_as("circuits-lecture").get(
        reverse("circuits:purchase_list"), {"restaurant": cuisine.pk, "tri": "-montant", "export": "csv"}
    )

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="achats.csv"' in response["Content-Disposition"]
    header, *lines = rows(response)
    assert header[:7] == ["Année", "Début de la période", "Fin de la période", "Restaurant", "Fournisseur", "Famille",
                          "Montant HT (€)"]  # fmt: skip
    assert [Decimal(line[6].replace(",", ".")) for line in lines] == [300, 200, 100]
    assert {(line[0], line[1], line[3], line[4], line[7]) for line in lines} == {
        ("2020", "01/01/2020", cuisine.name, "Ferme Haran", "oui")
    }


def test_a_text_a_spreadsheet_would_run_is_neutralised(client_as):
    WorkshopFactory(title='=HYPERLINK("http://example.com")', date=datetime.date(2020, 3, 10))
    WorkshopFactory(title="Atelier d'une autre année", date=datetime.date(2019, 3, 10))
    response = client_as("circuits").get(reverse("circuits:workshop_list"), {"annee": 2020, "export": "csv"})
    assert [line[1] for line in rows(response)[1:]] == ['\'=HYPERLINK("http://example.com")']


def test_the_suppliers_export_gives_the_distance_to_the_nearest_restaurant(client_as):
    ParticipationFactory()  # in Tarnos; the farm is in Bayonne, about 5 km away
    SupplierFactory(organisation__name="Ferme Haran")
    SupplierFactory(organisation__name="Ferme sans coordonnées", organisation__latitude=None)
    response = client_as("circuits").get(reverse("circuits:supplier_list"), {"export": "csv", "q": "ferme"})
    lines = {line[0]: line for line in rows(response)[1:]}
    assert rows(response)[0][-1] == "Restaurant le plus proche (km)"
    assert Decimal(lines["Ferme Haran"][-1].replace(",", ".")) == pytest.approx(Decimal("5.4"), abs=Decimal("0.5"))
    assert lines["Ferme sans coordonnées"][-1] == ""


LISTS = [
    ("circuits:restaurant_list", "restaurants", "Restaurant"),
    ("circuits:supplier_list", "fournisseurs", "Fournisseur"),
    ("circuits:purchase_list", "achats", "Année"),
    ("circuits:cropplan_list", "planification", "Année"),
    ("circuits:workshop_list", "ateliers", "Date"),
    ("circuits:awareness_list", "sensibilisation", "Date"),
]


@pytest.mark.parametrize(("url_name", "filename", "first_header"), LISTS, ids=[row[1] for row in LISTS])
def test_every_list_links_to_its_exports_and_gives_them(client_as, url_name, filename, first_header):
    PurchaseFactory(restaurant=ParticipationFactory().restaurant, supplier=SupplierFactory().organisation)
    CropPlanFactory(farm=SupplierFactory().organisation)
    WorkshopFactory()
    AwarenessActionFactory()
    client = client_as("circuits-lecture")

    page = client.get(reverse(url_name)).content.decode()
    assert "Exporter cette liste" in page and "export=csv" in page and "export=xlsx" in page

    response = client.get(reverse(url_name), {"export": "csv"})
    assert f'filename="{filename}.csv"' in response["Content-Disposition"]
    header, *lines = rows(response)
    assert header[0] == first_header and len(lines) >= 1


def test_the_xlsx_export_holds_the_same_rows(client_as):
    openpyxl = pytest.importorskip("openpyxl")
    WorkshopFactory(title="Atelier menus", participants=15)
    response = client_as("circuits").get(reverse("circuits:workshop_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:4] == ("Date", "Intitulé", "Lieu", "Participants")
    assert values[1][1:4:2] == ("Atelier menus", 15)


def test_the_export_is_not_a_page(client_as):
    restaurant = ParticipationFactory().restaurant
    Purchase.objects.bulk_create(
        PurchaseFactory.build(restaurant=restaurant, supplier=None, amount_ht=n) for n in range(1, 31)
    )
    response = client_as("circuits").get(reverse("circuits:purchase_list"), {"export": "csv", "page": "2"})
    assert len(rows(response)) == 31
