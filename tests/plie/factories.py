"""Factories of the PLIE's records."""

import datetime

import factory

from plie.models import CollectiveAction, ExitType, Frein, Interview, MealAid, Parcours, Session, Step
from tests.factories import PersonFactory


def exit_type(category: str) -> ExitType:
    """An exit type of the reference table (loaded by migration) in that category."""
    return ExitType.objects.filter(category=category).first()


class ParcoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parcours

    person = factory.SubFactory(PersonFactory, birth_date=datetime.date(1980, 6, 15))
    entry_date = datetime.date(2020, 1, 15)


class FreinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Frein

    parcours = factory.SubFactory(ParcoursFactory)
    theme = Frein.Theme.MOBILITE
    identified_on = factory.LazyAttribute(lambda frein: frein.parcours.entry_date)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    parcours = factory.SubFactory(ParcoursFactory)
    kind = Step.Kind.ATELIER
    title = "Techniques de recherche d'emploi"
    start_date = factory.LazyAttribute(lambda step: step.parcours.entry_date)


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    parcours = factory.SubFactory(ParcoursFactory)
    date = factory.LazyAttribute(lambda interview: interview.parcours.entry_date)


class CollectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveAction

    name = factory.Sequence(lambda n: f"Action collective {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    action = factory.SubFactory(CollectiveActionFactory)
    date = datetime.date(2020, 10, 6)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if extracted:
            self.attendees.set(extracted)


class MealAidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MealAid

    date = datetime.date(2020, 3, 2)
    beneficiary = factory.SubFactory(PersonFactory)
    meals = 10
