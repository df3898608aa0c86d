"""Factories of the GPECT's records."""

import datetime

import factory

from gpect.models import (
    CompanyVisit,
    Employer,
    EmployerAction,
    InsertionHours,
    JobOffer,
    Market,
    Match,
    Project,
    Sector,
)
from tests.factories import OrganisationFactory, PersonFactory


def sector(name="BTP et éco-construction"):
    """One of the 13 sectors loaded by migration."""
    return Sector.objects.get(name=name)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    organisation = factory.SubFactory(OrganisationFactory, kind="entreprise")
    sector = factory.LazyFunction(sector)


class EmployerActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerAction

    employer = factory.SubFactory(EmployerFactory)
    kind = EmployerAction.Kind.CONTACT
    date = datetime.date(2020, 3, 2)


class JobOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOffer

    title = factory.Sequence(lambda n: f"Offre {n}")
    employer = factory.SubFactory(EmployerFactory)
    date = datetime.date(2020, 3, 2)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    offer = factory.SubFactory(JobOfferFactory)
    person = factory.SubFactory(PersonFactory)
    date = datetime.date(2020, 3, 10)


class CompanyVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyVisit

    title = factory.Sequence(lambda n: f"Visite {n}")
    date = datetime.date(2020, 3, 2)
    participants = 10


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Market

    buyer = factory.SubFactory(OrganisationFactory, kind="collectivite")
    title = factory.Sequence(lambda n: f"Marché {n}")
    year = 2020
    hours_required = 1000


class InsertionHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsertionHours

    person = factory.SubFactory(PersonFactory)
    company = factory.SubFactory(OrganisationFactory, kind="entreprise")
    market = factory.SubFactory(MarketFactory)
    hours = 100
    period_start = factory.LazyAttribute(lambda entry: datetime.date(entry.market.year, 3, 1))
    period_end = factory.LazyAttribute(lambda entry: datetime.date(entry.market.year, 5, 31))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet {n}")
