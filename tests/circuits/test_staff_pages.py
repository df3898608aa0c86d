"""Staff pages people can rely on: lists that keep their filters and sort, every record corrected
and deleted by the programme's editors only, implausible entries refused on the field."""

import datetime
import html
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from circuits.models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop
from tests.circuits.factories import (
    AwarenessActionFactory,
    CropPlanFactory,
    ParticipationFactory,
    PurchaseFactory,
    RestaurantFactory,
    SupplierFactory,
    WorkshopFactory,
)

TODAY = datetime.date(2020, 6, 15)


@pytest.fixture
def today(monkeypatch):
    """Today is 15 June 2020: what is « in the future » does not depend on the day the tests run."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def text(response) -> str:
    return html.unescape(response.content.decode())


# Lists --------------------------------------------------------------------------------------------------


def test_page_two_of_a_filtered_sorted_list_keeps_the_filter_and_the_order(client_as):
    cuisine, other = ParticipationFactory().restaurant, ParticipationFactory().restaurant
    Purchase.objects.bulk_create(
        [PurchaseFactory.build(restaurant=cuisine, supplier=None, amount_ht=amount) for amount in range(1, 31)]
        + [PurchaseFactory.build(restaurant=other, supplier=None, amount_ht=amount) for amount in range(100, 110)]
    )
    client = client_as("circuits-lecture")
    first = client.get(reverse("circuits:purchase_list"), {"restaurant": cuisine.pk, "tri": "montant"})
    assert "30 résultats, page 1 sur 2" in text(first)
    next_href = html.unescape(re.search(r'href="([^"]+)" rel="next">Page suivante', first.content.decode())[1])

    second = client.get(urljoin(first.request["PATH_INFO"], next_href))  # as the browser resolves it
    assert [purchase.amount_ht for purchase in second.context["page"]] == [Decimal(n) for n in range(26, 31)]
    assert {purchase.restaurant for purchase in second.context["page"]} == {cuisine}
    assert 'aria-sort="ascending"' in second.content.decode()


def test_sorting_by_a_column_changes_the_order_and_says_so(client_as):
    WorkshopFactory(title="Petit atelier", participants=5)
    WorkshopFactory(title="Grand atelier", participants=40)
    client, url = client_as("circuits-lecture"), reverse("circuits:workshop_list")

    ascending = client.get(url, {"tri": "participants"})
    descending = client.get(url, {"tri": "-participants"})

    assert [w.title for w in ascending.context["page"]] == ["Petit atelier", "Grand atelier"]
    assert [w.title for w in descending.context["page"]] == ["Grand atelier", "Petit atelier"]
    header = re.search(r'<th scope="col" aria-sort="(\w+)"><a [^>]*>Participants', descending.content.decode())
    assert header[1] == "descending"


def test_a_wrong_year_in_the_address_is_ignored_not_a_500(client_as):
    WorkshopFactory()
    for url_name in ["circuits:workshop_list", "circuits:purchase_list", "circuits:home", "circuits:purchase_grid"]:
        response = client_as("circuits").get(reverse(url_name), {"annee": "deux-mille", "restaurant": "x"})
        assert response.status_code == 200, url_name


# Correct and delete: every record, by its editors only ------------------------------------------------------


@dataclass
class Kind:
    name: str  # the URL nouns: <name>_edit, <name>_delete
    make: callable
    data: callable  # the posted fields of a valid correction
    changed: callable  # whether the correction was saved


def _purchase():
    participation = ParticipationFactory()
    return PurchaseFactory(restaurant=participation.restaurant, supplier=SupplierFactory().organisation)


KINDS = [
    Kind(
        "participation",
        ParticipationFactory,
        lambda p: {"restaurant": p.restaurant_id, "year": 2020, "meals_per_day": "1500"},
        lambda p: p.meals_per_day == 1500,
    ),
    Kind(
        "supplier",
        SupplierFactory,
        lambda s: {"organisation": s.organisation_id, "category": "elevage", "products": "Agneau"},
        lambda s: s.products == "Agneau",
    ),
    Kind(
        "purchase",
        _purchase,
        lambda p: {
            "restaurant": p.restaurant_id,
            "year": 2020,
            "period_start": "2020-01-01",
            "period_end": "2020-12-31",
            "supplier": p.supplier_id,
            "family": "viandes",
            "amount_ht": "777",
        },
        lambda p: p.amount_ht == 777,
    ),
    Kind(
        "cropplan",
        lambda: CropPlanFactory(farm=SupplierFactory().organisation),
        lambda c: {
            "farm": c.farm_id,
            "year": 2020,
            "season": "ete",
            "product": "Tomates",
            "quantity": "80",
            "unit": "kg",
        },
        lambda c: c.product == "Tomates",
    ),
    Kind(
        "workshop",
        WorkshopFactory,
        lambda w: {"date": "2020-03-10", "title": "Atelier corrigé", "participants": "12"},
        lambda w: w.title == "Atelier corrigé",
    ),
    Kind(
        "awareness",
        AwarenessActionFactory,
        lambda a: {
            "date": "2020-10-13",
            "title": "Semaine du goût",
            "audience": "scolaires",
            "people": "42",
            "place": "École",
        },
        lambda a: a.people == 42,
    ),
]


def post_edit(client, kind, record):
    data = {**kind.data(record), "loaded_version": record.updated_at.isoformat()}
    return client.post(reverse(f"circuits:{kind.name}_edit", args=[record.pk]), data)


def post_delete(client, kind, record):
    return client.post(reverse(f"circuits:{kind.name}_delete", args=[record.pk]))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_an_editor_corrects_then_deletes_a_record(client_as, kind):
    record = kind.make()
    editor = client_as("circuits")

    assert post_edit(editor, kind, record).status_code == 302
    record.refresh_from_db()
    assert kind.changed(record)

    page = editor.get(reverse(f"circuits:{kind.name}_delete", args=[record.pk]))
    assert "Cette suppression est définitive." in page.content.decode()
    response = post_delete(editor, kind, record)
    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_read_only_staff_can_neither_correct_nor_delete(client_as, kind):
    record = kind.make()
    reader = client_as("circuits-lecture")
    assert post_edit(reader, kind, record).status_code == 403
    assert post_delete(reader, kind, record).status_code == 403
    record.refresh_from_db()
    assert not kind.changed(record)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_another_programme_does_not_see_the_record(client_as, kind):
    record = kind.make()
    other = client_as("plie")
    assert post_edit(other, kind, record).status_code == 404
    assert post_delete(other, kind, record).status_code == 404
    assert type(record).objects.filter(pk=record.pk).exists()


def test_the_lists_link_to_correct_and_delete_for_editors_only(client_as):
    purchase = _purchase()
    links = [
        reverse("circuits:purchase_edit", args=[purchase.pk]),
        reverse("circuits:purchase_delete", args=[purchase.pk]),
    ]
    editor_page = client_as("circuits").get(reverse("circuits:purchase_list")).content.decode()
    reader_page = client_as("circuits-lecture").get(reverse("circuits:purchase_list")).content.decode()
    assert all(link in editor_page for link in links)
    assert not any(link in reader_page for link in links)


# Deleting never rewrites a past year's figures -----------------------------------------------------------------


def test_a_participation_with_purchases_that_year_cannot_be_deleted(client_as):
    purchase = _purchase()
    participation = Participation.objects.get(restaurant=purchase.restaurant)
    editor = client_as("circuits")
    url = reverse("circuits:participation_delete", args=[participation.pk])

    page = text(editor.get(url))
    assert "ne peut pas être supprimée" in page and f"1 achat de 2020 de « {purchase.restaurant} »" in page
    assert editor.post(url).status_code == 200
    assert Participation.objects.filter(pk=participation.pk).exists()


def test_a_supplier_with_purchases_or_crop_plans_cannot_be_deleted(client_as):
    purchase = _purchase()
    supplier = purchase.supplier.circuits_supplier
    CropPlanFactory(farm=purchase.supplier)
    editor = client_as("circuits")
    url = reverse("circuits:supplier_delete", args=[supplier.pk])

    page = text(editor.get(url))
    assert "1 achat auprès de ce fournisseur" in page and "1 planification de culture" in page
    assert editor.post(url).status_code == 200
    assert Supplier.objects.filter(pk=supplier.pk).exists() and Purchase.objects.filter(pk=purchase.pk).exists()


def test_a_restaurant_or_a_supplier_organisation_never_takes_its_purchases_with_it():
    purchase = _purchase()
    for organisation in (purchase.restaurant, purchase.supplier):
        with pytest.raises(ProtectedError):
            organisation.delete()
    assert Purchase.objects.filter(pk=purchase.pk).exists()


# Plausible data: refused on the field, nothing saved ---------------------------------------------------------


def purchase_fields(**overrides):
    participation = ParticipationFactory()
    data = {
        "restaurant": participation.restaurant_id, "year": 2020, "period_start": "2020-03-01",
        "period_end": "2020-03-31", "supplier": SupplierFactory().organisation_id, "family": "viandes",
        "amount_ht": "1000",
    }  # fmt: skip
    return {**data, **overrides}


def plan_fields(**overrides):
    data = {"farm": SupplierFactory().organisation_id, "year": 2020, "season": "ete", "product": "Tomates"}
    return {**data, "quantity": "300", "unit": "kg", **overrides}


RULES = [
    # a purchase is entered once made: its year and the start of its period are not in the future
    ("purchase", Purchase, lambda: purchase_fields(year=2021), "year", "à l'année en cours"),
    (
        "purchase",
        Purchase,
        lambda: purchase_fields(period_start="2020-07-01", period_end="2020-07-31"),
        "period_start",
        "Cette date est dans le futur",
    ),
    ("purchase", Purchase, lambda: purchase_fields(amount_ht="2500000"), "amount_ht", "dépasser 2 000 000 € HT"),
    ("purchase", Purchase, lambda: purchase_fields(amount_ht="-1"), "amount_ht", "ne peut pas être négatif"),
    ("purchase", Purchase, lambda: purchase_fields(period_end="2020-02-01"), "period_end", "doit suivre son début"),
    (
        "participation",
        Participation,
        lambda: {"restaurant": RestaurantFactory().pk, "year": 2021, "meals_per_day": "100"},
        "year",
        "à l'année en cours",
    ),
    # crop plans may be entered for next year, not beyond
    ("cropplan", CropPlan, lambda: plan_fields(year=2022), "year", "à l'année prochaine"),
    ("cropplan", CropPlan, lambda: plan_fields(quantity="250000"), "quantity", "dépasser 100 000"),
    (
        "workshop",
        Workshop,
        lambda: {"date": "2020-06-16", "title": "Atelier", "participants": "10"},
        "date",
        "Cette date est dans le futur",
    ),
    (
        "workshop",
        Workshop,
        lambda: {"date": "2020-03-10", "title": "Atelier", "participants": "1000"},
        "participants",
        "plus de 300 participants",
    ),
    (
        "awareness",
        AwarenessAction,
        lambda: {"date": "2020-09-01", "title": "Goût", "audience": "scolaires", "people": "20", "place": "École"},
        "date",
        "Cette date est dans le futur",
    ),
    (
        "awareness",
        AwarenessAction,
        lambda: {"date": "2020-03-01", "title": "Goût", "audience": "scolaires", "people": "9000", "place": "École"},
        "people",
        "plus de 2 000 personnes",
    ),
]


@pytest.mark.usefixtures("today")
@pytest.mark.parametrize(("noun", "model", "fields", "field", "message"), RULES, ids=[r[4] for r in RULES])
def test_implausible_entries_are_refused_on_their_field(client_as, noun, model, fields, field, message):
    response = client_as("circuits").post(reverse(f"circuits:{noun}_create"), fields())
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in text(response)
    assert not model.objects.exists()


@pytest.mark.usefixtures("today")
def test_plausible_entries_of_today_and_next_year_plans_are_saved(client_as):
    editor = client_as("circuits")
    assert (
        editor.post(
            reverse("circuits:workshop_create"), {"date": "2020-06-15", "title": "Atelier", "participants": "300"}
        ).status_code
        == 302
    )
    assert editor.post(reverse("circuits:cropplan_create"), plan_fields(year=2021)).status_code == 302
    assert editor.post(reverse("circuits:purchase_create"), purchase_fields(amount_ht="2000000")).status_code == 302


@pytest.mark.usefixtures("today")
def test_the_grid_refuses_a_future_year(client_as):
    participation = ParticipationFactory(year=2020)
    url = reverse("circuits:purchase_grid")
    response = client_as("circuits").get(url, {"restaurant": participation.restaurant_id, "annee": 2021})
    assert "à l'année en cours" in text(response)
    assert response.context.get("formset") is None


def test_the_supplier_list_finds_a_farm_by_a_word_of_its_name_without_accents(client_as):
    SupplierFactory(organisation__name="Ferme Étchéverry")
    SupplierFactory(organisation__name="Moulin de Saubusse")
    response = client_as("circuits-lecture").get(reverse("circuits:supplier_list"), {"q": "etcheverry"})
    assert [supplier.organisation.name for supplier in response.context["page"]] == ["Ferme Étchéverry"]
