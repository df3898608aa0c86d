"""Query budgets: every page and the figures run in a fixed number of queries, the same at 10 and 300 rows."""

import pytest
from django.urls import reverse

from cbe_portal import publication
from circuits import indicators
from circuits.models import AwarenessAction, CropPlan, Purchase, Workshop
from tests.budgets import LIST_REMEMBERED, LOGGED_IN, request_each
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

SIZES = [10, 300]


def populate(size: int) -> dict:
    """Two restaurants, up to 20 farms, and `size` purchases, crop plans, workshops and awareness actions."""
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
    return {"restaurant": restaurants[0], "supplier": farms[0].circuits_supplier}


# Each page's own queries, after the session, the user and the user's roles (LOGGED_IN).
PAGES = [
    # the restaurants, the suppliers with their organisation and commune
    ("supplier_map", lambda records: reverse("circuits:supplier_map"), 2),
    # count, the page of restaurants with their latest participation
    ("restaurant_list", lambda records: reverse("circuits:restaurant_list") + "?tri=-repas&q=restaurant",
     2 + LIST_REMEMBERED),
    # the restaurant, its participations, its purchases summed by year and supplier
    ("restaurant_detail", lambda records: reverse("circuits:restaurant_detail", args=[records["restaurant"].pk]), 3),
    # count, the page of suppliers, the restaurants for the distances
    ("supplier_list", lambda records: reverse("circuits:supplier_list") + "?tri=commune", 3 + LIST_REMEMBERED),
    # the supplier, the restaurants, the purchases summed, the crop plans
    ("supplier_detail", lambda records: reverse("circuits:supplier_detail", args=[records["supplier"].pk]), 4),
    # count, the page of purchases with restaurant, supplier and distance; the restaurants of the filter
    ("purchase_list", lambda records: reverse("circuits:purchase_list") + "?annee=2020&tri=montant",
     3 + LIST_REMEMBERED),
    # count, the page of crop plans with their farm
    ("cropplan_list", lambda records: reverse("circuits:cropplan_list") + "?annee=2020&tri=ferme",
     2 + LIST_REMEMBERED),
    # count, the page of workshops
    ("workshop_list", lambda records: reverse("circuits:workshop_list") + "?annee=2020&tri=-participants",
     2 + LIST_REMEMBERED),
    # count, the page of actions with their restaurant
    ("awareness_list", lambda records: reverse("circuits:awareness_list") + "?public=scolaires&tri=personnes",
     2 + LIST_REMEMBERED),
    # Exports: every row of the list in the query that fetches them (no page count, no filter choices).
    # the restaurants with their commune and latest participation
    ("restaurant_export", lambda records: reverse("circuits:restaurant_list") + "?tri=-repas&export=csv", 1),
    # the suppliers with their organisation, commune and nearest restaurant
    ("supplier_export", lambda records: reverse("circuits:supplier_list") + "?tri=commune&export=csv", 1),
    # the purchases with restaurant, supplier and distance
    ("purchase_export", lambda records: reverse("circuits:purchase_list")
     + "?annee=2020&tri=montant&family=fruits_legumes&export=csv", 1),
    # the crop plans with their farm
    ("cropplan_export", lambda records: reverse("circuits:cropplan_list") + "?annee=2020&tri=ferme&export=csv", 1),
    # the workshops
    ("workshop_export", lambda records: reverse("circuits:workshop_list") + "?annee=2020&export=csv", 1),
    # the actions with their restaurant
    ("awareness_export", lambda records: reverse("circuits:awareness_list") + "?public=scolaires&export=csv", 1),
]  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_pages(client_as, django_assert_num_queries, size):
    records = populate(size)  # once for every page: building `size` rows of everything takes a moment
    request_each(client_as("circuits"), PAGES, records, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_home(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("circuits")
    client.get(reverse("circuits:home"))  # computes and caches the figures
    # the latest published year, else the latest year with data (cached: 1 + 2); the cached figures
    # (version and value) of the year and of the previous year (4)
    with django_assert_num_queries(LOGGED_IN + 3 + 4):
        assert client.get(reverse("circuits:home")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_public_page(client, django_assert_num_queries, size):
    populate(size)
    coordinator = UserFactory(roles=["coordination"])
    publication.publish(2019, coordinator, build_pdf=False)
    publication.publish(2020, coordinator, build_pdf=False)
    # the published years, the year's report and the previous published one (the frozen figures of
    # both years: nothing recomputed), the restaurants and suppliers of the map
    with django_assert_num_queries(5):
        assert client.get(reverse("circuits:public"), {"annee": 2020}).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_figures(django_assert_num_queries, size):
    populate(size)
    # participations, purchases by restaurant and family (the breakdowns added up from them), farms
    # supplying, crop planning, workshops, awareness.
    with django_assert_num_queries(6):
        indicators.for_year(2020)
