import datetime
from decimal import Decimal

import pytest

from circuits import indicators
from circuits.models import AwarenessAction, Purchase, distance_km, distance_km_expression, organisation_distance
from tests.circuits.factories import (
    AUCH,
    AwarenessActionFactory,
    CropPlanFactory,
    FarmFactory,
    ParticipationFactory,
    PurchaseFactory,
    RestaurantFactory,
    WorkshopFactory,
)
from tests.factories import OrganisationFactory

TARNOS = (43.5406, -1.4613)
BAYONNE = (43.4933, -1.4753)


def test_tarnos_bayonne_is_about_six_km():
    assert distance_km(*TARNOS, *BAYONNE) == pytest.approx(5.4, abs=0.1)


def test_known_distances():
    assert distance_km(*TARNOS, *TARNOS) == 0
    # Paris (Notre-Dame) – Marseille (Vieux-Port): 661 km as the crow flies.
    assert distance_km(48.8530, 2.3499, 43.2951, 5.3740) == pytest.approx(661, abs=2)
    # Tarnos – Auch (Gers): beyond the 120 km radius.
    assert distance_km(*TARNOS, 43.6465, 0.5857) == pytest.approx(166, abs=2)
    assert distance_km(None, 0, 1, 1) is None


def test_database_distance_is_the_python_distance():
    restaurant, farm = RestaurantFactory(), FarmFactory(**AUCH)
    purchase = PurchaseFactory(restaurant=restaurant, supplier=farm)
    distance = Purchase.objects.annotate(
        d=distance_km_expression(
            "restaurant__latitude", "restaurant__longitude", "supplier__latitude", "supplier__longitude"
        )
    ).get(pk=purchase.pk)
    assert distance.d == pytest.approx(organisation_distance(restaurant, farm), abs=1e-6)
    assert distance.d == pytest.approx(166, abs=2)


def _purchase(restaurant, supplier, amount, organic=True, year=2020, **extra):
    return PurchaseFactory(
        restaurant=restaurant, supplier=supplier, amount_ht=Decimal(amount), is_organic=organic, year=year, **extra
    )


def test_figures_on_hand_built_data():
    eole, cuisine = RestaurantFactory(name="Eole"), RestaurantFactory(name="Cuisine")
    ParticipationFactory(restaurant=eole, meals_per_day=1200)
    ParticipationFactory(restaurant=cuisine, meals_per_day=6000)
    ParticipationFactory(restaurant=cuisine, year=2019, meals_per_day=5000)
    near, far = FarmFactory(), FarmFactory(**AUCH)
    nowhere = FarmFactory(latitude=None, longitude=None)
    wholesaler = OrganisationFactory(latitude=BAYONNE[0], longitude=BAYONNE[1])  # local but not a farm
    _purchase(eole, near, 300)  # local organic
    _purchase(eole, far, 200)  # organic, not local
    _purchase(cuisine, near, 100, organic=False)  # local, not organic
    _purchase(cuisine, nowhere, 150)  # no coordinates: never local
    _purchase(cuisine, wholesaler, 50, family=Purchase.Family.EPICERIE)  # local organic
    _purchase(cuisine, None, 100, local_declared=True, family=Purchase.Family.EPICERIE)  # « autres » local
    _purchase(cuisine, None, 100, local_declared=False)  # « autres » not local
    _purchase(cuisine, near, 400, year=2019)  # last year: local organic
    _purchase(cuisine, near, 600, organic=False, year=2019)
    CropPlanFactory(farm=near)
    CropPlanFactory(farm=near, product="Poireaux")
    CropPlanFactory(farm=far)
    CropPlanFactory(farm=FarmFactory(), year=2019)
    WorkshopFactory()
    WorkshopFactory(date=datetime.date(2020, 12, 31))
    WorkshopFactory(date=datetime.date(2021, 1, 1))
    AwarenessActionFactory(people=300)
    AwarenessActionFactory(people=200, date=datetime.date(2020, 1, 1))
    AwarenessActionFactory(people=40, audience=AwarenessAction.Audience.PERSONNEL)
    AwarenessActionFactory(people=90, date=datetime.date(2019, 10, 10))

    figures = indicators.for_year(2020)

    # local organic: 300 + 50 + 100 = 450 of 1 000.
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "restaurants": 2,
        "repas_par_jour": 7200,
        "part_local_bio": 0.45,
        "fermes_fournisseurs": 3,
        "fermes_planification": 2,
        "ateliers": 2,
        "enfants_sensibilises": 500,
    }
    assert figures["achats_total"] == Decimal(1000)
    assert figures["part_local_bio_par_restaurant"] == [
        # equal totals: by name
        {"label": "Cuisine", "value": 0.3, "total": Decimal(500), "local_bio": Decimal(150)},
        {"label": "Eole", "value": 0.6, "total": Decimal(500), "local_bio": Decimal(300)},
    ]
    families = {row["label"]: row["value"] for row in figures["part_local_bio_par_famille"]}
    assert families == {"Fruits et légumes": 300 / 850, "Épicerie": 1.0}
    previous = indicators.for_year(2019)
    assert {key: previous[key] for key in [*indicators.OPEN_DATA_KEYS, "achats_total", "achats_local_bio"]} == {
        "restaurants": 1,
        "repas_par_jour": 5000,
        "part_local_bio": 0.4,
        "fermes_fournisseurs": 1,
        "fermes_planification": 1,
        "ateliers": 0,
        "enfants_sensibilises": 90,
        "achats_total": Decimal(1000),
        "achats_local_bio": Decimal(400),
    }
    assert figures["part_local_bio"] - previous["part_local_bio"] == pytest.approx(0.05)  # in points


def test_radius_is_a_setting(settings):
    restaurant = RestaurantFactory()
    _purchase(restaurant, FarmFactory(), 100)  # about 5 km
    assert indicators.for_year(2020)["part_local_bio"] == 1.0
    settings.LOCAL_RADIUS_KM = 5
    assert indicators.for_year(2020)["part_local_bio"] == 0.0


def test_restaurant_without_coordinates_has_no_local_purchase():
    restaurant = RestaurantFactory(latitude=None, longitude=None)
    _purchase(restaurant, FarmFactory(), 100)
    assert indicators.for_year(2020)["part_local_bio"] == 0.0


def test_empty_year():
    figures = indicators.for_year(2020)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "restaurants": 0,
        "repas_par_jour": 0,
        "part_local_bio": None,
        "fermes_fournisseurs": 0,
        "fermes_planification": 0,
        "ateliers": 0,
        "enfants_sensibilises": 0,
    }
    assert figures["part_local_bio_par_restaurant"] == []
    assert figures["achats_total"] == figures["achats_local_bio"] == 0
