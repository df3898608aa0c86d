"""Query budgets: every list, detail and figures page of the circuits app, at two data sizes."""

import pytest
from django.urls import reverse

from circuits import indicators
from circuits.models import AwarenessAction, CropPlan, Purchase, Workshop
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

# Every staff page starts with: the session, the user, the user's roles (3 queries).
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
    # participations, purchases of both years, crop planning, workshops, awareness (5 aggregates),
    # local organic share by restaurant, by product family (2).
    with django_assert_num_queries(7):
        indicators.for_year(2020)


PAGES = [
    # the latest year taking part, the figures of that year and the previous one (7, see for_year)
    ("circuits:home", {}, REQUEST + 1 + 7),
    # the restaurants, the suppliers with their organisation and commune
    ("circuits:supplier_map", {}, REQUEST + 2),
    # count, the page of restaurants with their latest participation
    ("circuits:restaurant_list", {}, REQUEST + 2),
    # count, the page of suppliers, the restaurants for the distances
    ("circuits:supplier_list", {}, REQUEST + 3),
    # count, the page of purchases with restaurant, supplier and distance; the restaurants of the filter
    ("circuits:purchase_list", {}, REQUEST + 3),
    # count, the page of crop plans with their farm
    ("circuits:cropplan_list", {}, REQUEST + 2),
    # count, the page of workshops
    ("circuits:workshop_list", {}, REQUEST + 2),
    # count, the page of actions with their restaurant
    ("circuits:awareness_list", {}, REQUEST + 2),
]


@pytest.mark.parametrize(("url_name", "kwargs", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_page_queries(client_as, data, django_assert_num_queries, url_name, kwargs, queries):
    client = client_as("circuits")
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 200


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
    client.get(reverse("circuits:public"))  # computes and caches the year's figures
    # the latest published report's year, else the latest with data (cached: 1 + 2); cached figures
    # (version and value) of the year and the previous year (4);
    # editorial texts;
    # the restaurants and the suppliers of the map
    with django_assert_num_queries(10):
        client.get(reverse("circuits:public"))
