"""The local food circuits at scale (see `cbe_portal.generate`): `scale` groups of two restaurants
and the demo's suppliers (the first group the demo's own, the others invented near them), each group
buying every year from 2016 to today what 2020's restaurants bought, by complete month, with crop
planning, workshops and awareness actions on 2020's days."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cbe_portal.generate import SURNAMES
from cbe_portal.models import Commune, Organisation
from cbe_portal.years import FIRST_YEAR

from .demo import (
    AMOUNTS,
    AWARENESS,
    FERME,
    PLANNING,
    RESTAURANTS,
    SUPPLIERS,
    WORKSHOPS,
    _crop_plans,
    _located,
    _purchases,
)
from .models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop

BATCH = 5000


def generate(scale: int, rng: random.Random) -> None:
    today = timezone.localdate()
    years = range(FIRST_YEAR, today.year + 1)
    last_month = today.replace(day=1) - timedelta(days=1)
    communes = Commune.objects.in_bulk(field_name="insee_code")
    purchases, plans, workshops, actions = [], [], [], []
    for group in range(scale):
        restaurants, suppliers = _restaurants(group, communes, rng, years), _suppliers(group, communes, rng, years)
        for year in years:
            amounts = {(name, year): AMOUNTS[name, 2020] for name in restaurants}
            purchases += [p for p in _purchases(rng, restaurants, suppliers, amounts) if p.period_end <= last_month]
            plans += _crop_plans(rng, suppliers, {year: PLANNING[2020]})
            workshops += [
                Workshop(date=day, title=title, place=place, participants=participants + rng.randint(-4, 4))
                for old_day, title, place, participants in WORKSHOPS
                if old_day.year == 2020 and (day := old_day.replace(year=year)) <= today
            ]
            actions += [
                AwarenessAction(date=day, title=title, audience=audience, people=people + rng.randint(-10, 10),
                                place=place)
                for old_day, title, audience, people, place in AWARENESS
                if old_day.year == 2020 and (day := old_day.replace(year=year)) <= today
            ]  # fmt: skip
    Purchase.objects.bulk_create(purchases, batch_size=BATCH)
    CropPlan.objects.bulk_create(plans, batch_size=BATCH)
    Workshop.objects.bulk_create(workshops)
    AwarenessAction.objects.bulk_create(actions)


def _near(value: str, rng: random.Random) -> Decimal:
    return Decimal(value) + Decimal(f"{rng.uniform(-0.04, 0.04):.5f}")


def _restaurants(group, communes, rng, years) -> dict[str, Organisation]:
    """The demo's two restaurants (the first group), or two of the same size nearby."""
    restaurants = {}
    for name, kind, insee_code, latitude, longitude, meals in RESTAURANTS:
        if group == 0:
            restaurant = _located(name, kind, communes[insee_code], latitude, longitude,
                                  sector="Restauration collective")  # fmt: skip
        else:
            label = "Restaurant inter-entreprises" if kind == Organisation.Kind.SCIC else "Cuisine centrale"
            restaurant = Organisation.objects.create(
                name=f"{label} n° {group + 1}", kind=kind, commune=communes[insee_code],
                latitude=_near(latitude, rng), longitude=_near(longitude, rng), sector="Restauration collective",
            )  # fmt: skip
        Participation.objects.bulk_create(
            Participation(restaurant=restaurant, year=year, meals_per_day=meals[2020]) for year in years
        )
        restaurants[name] = restaurant
    return restaurants


def _suppliers(group, communes, rng, years) -> dict[str, tuple]:
    """{demo name: (organisation, organic, families, years)}: the demo's suppliers (the first group)
    or suppliers of the same kind near them, supplying every year."""
    suppliers, created = {}, []
    for name, kind, insee_code, latitude, longitude, category, organic, families, _years in SUPPLIERS:
        commune = communes[insee_code] if insee_code else None
        if group == 0:
            organisation = _located(name, kind, commune, latitude, longitude, sector="Agriculture et alimentation")
        else:
            invented = f"Ferme {rng.choice(SURNAMES)}" if kind == FERME else name
            organisation = Organisation.objects.create(
                name=f"{invented} n° {group + 1}", kind=kind, commune=commune, latitude=_near(latitude, rng),
                longitude=_near(longitude, rng), sector="Agriculture et alimentation",
            )  # fmt: skip
        products = ", ".join(str(family.label).lower() for family in families)
        created.append(
            Supplier(organisation=organisation, category=category, is_organic_certified=organic, products=products)
        )
        suppliers[name] = (organisation, organic, families, set(years))
    Supplier.objects.bulk_create(created)
    return suppliers
