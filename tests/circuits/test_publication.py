"""Published years are locked: no record the circuits figures of a published year count can be
created, corrected or deleted through the staff pages; a later, unpublished year stays open."""

import datetime
import html

import pytest
from django.urls import reverse

from cbe_portal import publication
from circuits import indicators
from circuits.models import AwarenessAction, CropPlan, Participation, Purchase, Workshop
from tests.circuits.factories import (
    CropPlanFactory,
    ParticipationFactory,
    RestaurantFactory,
    SupplierFactory,
    WorkshopFactory,
)
from tests.circuits.test_staff_pages import KINDS, post_delete, post_edit
from tests.factories import UserFactory

LOCKED = publication.LOCKED_MESSAGE.format(year=2020)
YEAR_LOCKED_KINDS = [kind for kind in KINDS if kind.name != "supplier"]  # suppliers count in no figure


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def publish_2020():
    return lambda: publication.publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


@pytest.mark.parametrize("kind", YEAR_LOCKED_KINDS, ids=lambda kind: kind.name)
def test_a_record_of_a_published_year_can_be_neither_corrected_nor_deleted(client_as, publish_2020, kind):
    record = kind.make()
    publish_2020()
    before = indicators.for_year(2020)
    editor = client_as("circuits")

    response = post_edit(editor, kind, record)
    assert response.status_code == 200
    assert LOCKED in response.context["form"].non_field_errors() and LOCKED in text(response)

    page = text(editor.get(reverse(f"circuits:{kind.name}_delete", args=[record.pk])))
    assert "ne peut pas être supprimée" in page and "(l'année 2020 est publiée)" in page
    assert post_delete(editor, kind, record).status_code == 200

    record.refresh_from_db()
    assert not kind.changed(record)
    assert indicators.for_year(2020) == before


def purchase_fields(year):
    participation = ParticipationFactory(year=year)
    return {
        "restaurant": participation.restaurant_id, "year": year, "period_start": f"{year}-03-01",
        "period_end": f"{year}-03-31", "supplier": SupplierFactory().organisation_id, "family": "viandes",
        "amount_ht": "1000",
    }  # fmt: skip


CREATIONS = [
    (
        "participation",
        Participation,
        lambda year: {"restaurant": RestaurantFactory().pk, "year": year, "meals_per_day": "800"},
    ),
    ("purchase", Purchase, purchase_fields),
    (
        "cropplan",
        CropPlan,
        lambda year: (
            {"farm": SupplierFactory().organisation_id, "year": year, "product": "Tomates"}
            | {"season": "ete", "quantity": "300", "unit": "kg"}
        ),
    ),
    ("workshop", Workshop, lambda year: {"date": f"{year}-03-10", "title": "Atelier", "participants": "10"}),
    (
        "awareness",
        AwarenessAction,
        lambda year: (
            {"date": f"{year}-03-10", "title": "Goût", "audience": "scolaires", "people": "20"} | {"place": "École"}
        ),
    ),
]


@pytest.mark.parametrize(("noun", "model", "fields"), CREATIONS, ids=[creation[0] for creation in CREATIONS])
def test_nothing_is_added_to_a_published_year_but_a_later_year_is_open(client_as, publish_2020, noun, model, fields):
    in_2020, in_2021 = fields(2020), fields(2021)  # what they point to exists before the publication
    publish_2020()
    editor = client_as("circuits")
    count = model.objects.count()

    refused = editor.post(reverse(f"circuits:{noun}_create"), in_2020)
    assert refused.status_code == 200 and LOCKED in text(refused)
    assert model.objects.count() == count

    assert editor.post(reverse(f"circuits:{noun}_create"), in_2021).status_code == 302
    assert model.objects.count() == count + 1


def test_a_record_of_a_later_year_is_corrected_but_not_moved_into_the_published_year(client_as, publish_2020):
    workshop = WorkshopFactory(date=datetime.date(2021, 3, 10))
    publish_2020()
    editor = client_as("circuits")
    url = reverse("circuits:workshop_edit", args=[workshop.pk])
    data = {"title": "Atelier corrigé", "participants": "12", "loaded_version": workshop.updated_at.isoformat()}

    moved = editor.post(url, {**data, "date": "2020-12-10"})
    assert LOCKED in text(moved)
    workshop.refresh_from_db()
    assert workshop.date == datetime.date(2021, 3, 10)

    assert editor.post(url, {**data, "date": "2021-03-11"}).status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.date) == ("Atelier corrigé", datetime.date(2021, 3, 11))


def test_the_yearly_grid_refuses_a_published_year(client_as, publish_2020):
    participation = ParticipationFactory(year=2020)
    publish_2020()
    response = client_as("circuits").get(
        reverse("circuits:purchase_grid"), {"restaurant": participation.restaurant_id, "annee": 2020}
    )
    assert LOCKED in text(response)
    assert response.context.get("formset") is None


def test_a_reopened_year_can_be_corrected(client_as):
    coordinator = UserFactory(roles=["coordination"])
    plan = CropPlanFactory(farm=SupplierFactory().organisation)
    publication.publish(2020, coordinator, build_pdf=False)
    publication.reopen(2020, coordinator, "Une ferme oubliée")
    url = reverse("circuits:cropplan_delete", args=[plan.pk])
    assert client_as("circuits").post(url).status_code == 302
    assert not CropPlan.objects.filter(pk=plan.pk).exists()
