"""The restaurants' purchases imported: matched not duplicated, saved through the staff form (its
rules, the published-year lock), every bad cell reported, all or nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cbe_portal import imports
from cbe_portal.models import PendingImport
from cbe_portal.publication import LOCKED_MESSAGE, publish
from circuits import indicators
from circuits.models import Purchase
from tests.circuits.factories import AUCH, FarmFactory, ParticipationFactory, SupplierFactory
from tests.factories import OrganisationFactory, UserFactory

SIRET_CANTINE, SIRET_FAR = "32829320000007", "44123456700002"
LOCKED = LOCKED_MESSAGE.format(year=2020)
WHOLE_LINE = "(ligne entière)"

PURCHASES = [
    # Restaurant;SIRET du restaurant;Fournisseur;SIRET du fournisseur;Année;Début;Fin;Famille;Montant HT;Bio;Local
    "Cantine de Tarnos;;ferme etchea;;2024;;;Fruits et légumes;1 234,50 €;oui;",  # a nearby farm, the whole year
    f"Cantine;{SIRET_CANTINE};Volailles;{SIRET_FAR};2024;01/03/2024;31/03/2024;viandes;800;non;",  # by SIRET
    "CANTINE DE TARNOS;;;;2024;;;Épicerie;400,25;oui;oui",  # « autres fournisseurs », declared local
]


def content(lines: list[str]) -> bytes:
    """`lines` under the format's headers, in their documented order."""
    headers = ";".join(column.header for column in imports.formats()["achats-circuits"].columns)
    return "\n".join([headers, *lines, ""]).encode()


def run(lines: list[str]) -> imports.Result:
    fmt, user = imports.formats()["achats-circuits"], UserFactory(roles=["circuits"])
    return imports.run(fmt, content(lines), "achats.csv", user, dry_run=False)


def problems(result) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in result.problems]


def programme(year=2024):
    """The restaurant taking part in `year`, a nearby farm and a far supplier."""
    participation = ParticipationFactory(
        restaurant__name="Cantine de Tarnos", restaurant__siret=SIRET_CANTINE, year=year
    )
    SupplierFactory(organisation__name="Ferme Etchea")
    SupplierFactory(organisation=FarmFactory(name="Volailles du Gers", siret=SIRET_FAR, **AUCH))
    return participation.restaurant


def test_purchases_are_created_and_counted_in_their_year():
    programme()
    assert indicators.for_year(2024)["achats_total"] == 0
    result = run(PURCHASES)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    figures = indicators.for_year(2024)
    assert figures["achats_total"] == Decimal("2434.75")
    assert figures["achats_local_bio"] == Decimal("1634.75")  # the nearby farm's organic and « autres » local
    assert figures["fermes_fournisseurs"] == 2
    meat = Purchase.objects.get(family="viandes")
    assert (meat.supplier.name, meat.period_label) == ("Volailles du Gers", "du 01/03/2024 au 31/03/2024")
    assert Purchase.objects.get(family="epicerie").supplier is None


def test_purchases_imported_again_are_unchanged_and_a_new_amount_updates_them():
    programme()
    run(PURCHASES)
    before = list(Purchase.objects.order_by("pk").values())
    result = run(PURCHASES)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert list(Purchase.objects.order_by("pk").values()) == before
    result = run([PURCHASES[1].replace(";800;", ";850,10;")])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    assert Purchase.objects.get(family="viandes").amount_ht == Decimal("850.10")


def test_bad_purchase_cells_are_each_reported_and_nothing_is_written():
    programme()
    OrganisationFactory(name="Épicerie Centrale")
    result = run(
        [
            PURCHASES[0],
            "Cantine Inconnue;;Épicerie Centrale;;2024;;;Épicerie;100;;",
            "Cantine de Tarnos;;Ferme Etchea;;2024;;;Confiserie;douze;;",
            "Cantine de Tarnos;;Ferme Etchea;;2023;;;Viandes;100;;",
            "Cantine de Tarnos;;Ferme Etchea;;2024;01/03/2024;31/03/2025;Viandes;-5;;oui",
        ]
    )
    assert problems(result) == [
        (3, "Restaurant", "Cantine Inconnue",
         "« Cantine Inconnue » n'est pas le nom d'un restaurant collectif de l'annuaire."),
        (3, "Fournisseur", "Épicerie Centrale", "« Épicerie Centrale » n'est pas le nom d'un fournisseur du programme "
         "(menu « Fournisseurs et fermes »)."),
        (4, "Famille de produits", "Confiserie", "valeur inconnue ; valeurs possibles : Fruits et légumes, Viandes et "
         "volailles, Poissons, Produits laitiers, Boulangerie, Épicerie, Boissons, Autres produits"),
        (4, "Montant HT", "douze", "nombre attendu (par exemple 12,5)"),
        (5, "Restaurant", "Cantine de Tarnos", "« Cantine de Tarnos » ne participe pas au programme en 2023 : "
         "enregistrez d'abord sa participation."),
        (6, "Fin de période", "31/03/2025", "La période doit être comprise dans l'année 2024."),
        (6, "Local (achats « autres »)", "oui", "Le caractère local d'un achat auprès d'un fournisseur se calcule "
         "avec sa distance : ne le cochez que pour les achats « autres »."),
        (6, "Montant HT", "-5", "Le montant ne peut pas être négatif."),  # the model's rules come last
    ]  # fmt: skip
    assert not Purchase.objects.exists()


def test_no_purchase_is_added_to_a_published_year():
    restaurant = programme(year=2020)
    ParticipationFactory(restaurant=restaurant, year=2021)
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)
    figures = indicators.for_year(2020)
    result = run(
        [
            "Cantine de Tarnos;;Ferme Etchea;;2020;;;Viandes;100;;",
            "Cantine de Tarnos;;Ferme Etchea;;2021;;;Viandes;100;;",
        ]
    )
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED)]
    assert not Purchase.objects.exists()
    assert indicators.for_year(2020) == figures


@pytest.mark.parametrize("role", ["circuits-lecture", "gpect"])
def test_only_the_circuits_editors_and_coordination_import_purchases(client_as, role):
    url = reverse("cbe_portal:import_upload", args=["achats-circuits"])
    assert client_as(role).get(url).status_code == 403
    assert client_as("circuits").get(url).status_code == 200
    assert client_as("coordination").get(url).status_code == 200


def test_the_staff_page_previews_then_applies_a_purchases_file(client_as):
    programme()
    client = client_as("circuits")
    upload = SimpleUploadedFile("achats.csv", content(PURCHASES))
    preview = client.post(reverse("cbe_portal:import_upload", args=["achats-circuits"]), {"file": upload})
    assert "3 à créer, 0 à mettre à jour, 0 inchangée" in preview.text
    assert not Purchase.objects.exists()
    client.post(reverse("cbe_portal:import_apply", args=[PendingImport.objects.get().pk]))
    assert Purchase.objects.count() == 3
