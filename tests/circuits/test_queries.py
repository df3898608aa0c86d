"""Query budgets: every list, detail and figures page of the circuits app, at two data sizes."""

import pytest
from django.urls import reverse

from cbe_portal import publication
from circuits import indicators
from circuits.models import AwarenessAction, CropPlan, Purchase, Workshop
from tests.budgets import LIST_REMEMBERED
from tests.circuits.factories import (
    AwarenessActionFactory,
    CropPlanFactory,
    FarmFactory,
    ParticipationFactory,
    PurchaseFactory,
    RestaurantFactory,
    SupplierFactory,
    WorkshopFactory,
)
from tests.factories import UserFactory

# Every staff page: the session, the user, the user's roles (the session store pushes the expiry
# back at most once a minute, not within a test): 3 queries.
REQUEST = 3


def make_data(size: int) -> dict:
    restaurants = RestaurantFactory.create_batch(2)
    for restaurant in restaurants:
        ParticipationFactory(restaurant=restaurant)
        ParticipationFactory(restaurant=restaurant, year=2019)
    farms = [SupplierFactory().organisation for _ in range(min(size, 20))]
    FarmFactory(latitude=None, longitude=None)
    rows = range(size)
    Purchase.objects.bulk_create(
        PurchaseFactory.build(restaurant=restaurants[i % 2], supplier=farms[i % len(farms)], year=2019 + i % 2)
        for i in rows
    )
    CropPlan.objects.bulk_create(CropPlanFactory.build(farm=farms[i % len(farms)]) for i in rows)
    Workshop.objects.bulk_create(WorkshopFactory.build() for _ in rows)
    AwarenessAction.objects.bulk_create(AwarenessActionFactory.build(restaurant=restaurants[i % 2]) for i in rows)
    return {"restaurant": restaurants[0], "farm": farms[0]}


@pytest.fixture(params=[10, 300], ids=["10-rows", "300-rows"])
def data(request):
    return make_data(request.param)


def test_for_year_queries(data, django_assert_num_queries):
    # participations, purchases by restaurant and family (the breakdowns added up from them), farms
    # supplying, crop planning, workshops, awareness.
    with django_assert_num_queries(6):
        indicators.for_year(2020)


PAGES = [
    # the restaurants, the suppliers with their organisation and commune
    ("circuits:supplier_map", {}, REQUEST + 2),
    # count, the page of restaurants with their latest participation
    ("circuits:restaurant_list", {"tri": "-repas", "q": "restaurant"}, REQUEST + 2 + LIST_REMEMBERED),
    # count, the page of suppliers, the restaurants for the distances
    ("circuits:supplier_list", {"tri": "commune"}, REQUEST + 3 + LIST_REMEMBERED),
    # count, the page of purchases with restaurant, supplier and distance; the restaurants of the filter
    ("circuits:purchase_list", {"annee": "2020", "tri": "montant"}, REQUEST + 3 + LIST_REMEMBERED),
    # count, the page of crop plans with their farm
    ("circuits:cropplan_list", {"annee": "2020", "tri": "ferme"}, REQUEST + 2 + LIST_REMEMBERED),
    # count, the page of workshops
    ("circuits:workshop_list", {"annee": "2020", "tri": "-participants"}, REQUEST + 2 + LIST_REMEMBERED),
    # count, the page of actions with their restaurant
    ("circuits:awareness_list", {"public": "scolaires", "tri": "personnes"}, REQUEST + 2 + LIST_REMEMBERED),
]


@pytest.mark.parametrize(("url_name", "params", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_page_queries(client_as, data, django_assert_num_queries, url_name, params, queries):
    client = client_as("circuits")
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name), params).status_code == 200


EXPORTS = [
    # the restaurants with their commune and latest participation
    ("circuits:restaurant_list", {"tri": "-repas"}, REQUEST + 1),
    # the suppliers with their organisation, commune and nearest restaurant
    ("circuits:supplier_list", {"tri": "commune"}, REQUEST + 1),
    # the purchases with restaurant, supplier and distance
    ("circuits:purchase_list", {"annee": "2020", "tri": "montant", "family": "fruits_legumes"}, REQUEST + 1),
    # the crop plans with their farm
    ("circuits:cropplan_list", {"annee": "2020", "tri": "ferme"}, REQUEST + 1),
    # the workshops
    ("circuits:workshop_list", {"annee": "2020"}, REQUEST + 1),
    # the actions with their restaurant
    ("circuits:awareness_list", {"public": "scolaires"}, REQUEST + 1),
]


@pytest.mark.parametrize(("url_name", "params", "queries"), EXPORTS, ids=[row[0] for row in EXPORTS])
def test_export_queries(client_as, data, django_assert_num_queries, url_name, params, queries):
    client = client_as("circuits")
    with django_assert_num_queries(queries):
        response = client.get(reverse(url_name), {**params, "export": "csv"})
    assert response.content.decode().count("\n") > 1


def test_home_queries(client_as, data, django_assert_num_queries):
    client = client_as("circuits")
    client.get(reverse("circuits:home"))  # computes and caches the figures
    # the latest published year, else the latest year with data (cached: 1 + 2); the cached figures
    # (version and value) of the year and of the previous year (4)
    with django_assert_num_queries(REQUEST + 3 + 4):
        assert client.get(reverse("circuits:home")).status_code == 200


def test_detail_queries(client_as, data, django_assert_num_queries):
    client = client_as("circuits")
    # the restaurant, its participations, its purchases summed by year and supplier
    with django_assert_num_queries(REQUEST + 3):
        client.get(reverse("circuits:restaurant_detail", args=[data["restaurant"].pk]))
    supplier = data["farm"].circuits_supplier
    # the supplier, the restaurants, the purchases summed, the crop plans
    with django_assert_num_queries(REQUEST + 4):
        client.get(reverse("circuits:supplier_detail", args=[supplier.pk]))


def test_public_page_queries(client, data, django_assert_num_queries):
    coordinator = UserFactory(roles=["coordination"])
    publication.publish(2019, coordinator, build_pdf=False)
    publication.publish(2020, coordinator, build_pdf=False)
    # the published years, the year's report and the previous published one (the frozen figures of
    # both years: nothing recomputed), the restaurants and suppliers of the map
    with django_assert_num_queries(5):
        assert client.get(reverse("circuits:public"), {"annee": 2020}).status_code == 200
