"""Factories of the circuits models. Restaurants and suppliers are shared organisations."""

import datetime

import factory

from cbe_portal.models import Organisation
from circuits.models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop
from tests.factories import OrganisationFactory

# Tarnos and Bayonne town halls, about 5 km apart.
TARNOS = {"latitude": "43.54060", "longitude": "-1.46130"}
BAYONNE = {"latitude": "43.49330", "longitude": "-1.47530"}
AUCH = {"latitude": "43.64650", "longitude": "0.58570"}


class RestaurantFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Restaurant {n}")
    kind = Organisation.Kind.RESTAURANT_COLLECTIF
    latitude = TARNOS["latitude"]
    longitude = TARNOS["longitude"]


class FarmFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Ferme {n}")
    kind = Organisation.Kind.FERME
    latitude = BAYONNE["latitude"]
    longitude = BAYONNE["longitude"]


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    restaurant = factory.SubFactory(RestaurantFactory)
    year = 2020
    meals_per_day = 1200


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    organisation = factory.SubFactory(FarmFactory)
    category = Supplier.Category.MARAICHAGE
    is_organic_certified = True


class PurchaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Purchase

    restaurant = factory.SubFactory(RestaurantFactory)
    supplier = factory.SubFactory(FarmFactory)
    year = 2020
    period_start = factory.LazyAttribute(lambda p: datetime.date(p.year, 1, 1))
    period_end = factory.LazyAttribute(lambda p: datetime.date(p.year, 12, 31))
    family = Purchase.Family.FRUITS_LEGUMES
    amount_ht = 1000
    is_organic = True


class CropPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CropPlan

    farm = factory.SubFactory(FarmFactory)
    year = 2020
    product = "Carottes"
    quantity = 500


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    date = datetime.date(2020, 3, 10)
    title = "Atelier menus et saisons"
    participants = 15


class AwarenessActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessAction

    date = datetime.date(2020, 10, 13)
    title = "Semaine du goût"
    audience = AwarenessAction.Audience.SCOLAIRES
    people = 100
    place = "École Jean Moulin, Tarnos"
