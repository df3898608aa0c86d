"""Factories of the PLIE's records."""

import datetime

import factory

from plie.models import ActionCollective, AideRepas, Entretien, Etape, ExitType, Frein, Parcours, Seance
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


class EtapeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Etape

    parcours = factory.SubFactory(ParcoursFactory)
    kind = Etape.Kind.ATELIER
    title = "Techniques de recherche d'emploi"
    start_date = factory.LazyAttribute(lambda etape: etape.parcours.entry_date)


class EntretienFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entretien

    parcours = factory.SubFactory(ParcoursFactory)
    date = factory.LazyAttribute(lambda entretien: entretien.parcours.entry_date)


class ActionCollectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionCollective

    name = factory.Sequence(lambda n: f"Action collective {n}")


class SeanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seance
        skip_postgeneration_save = True

    action = factory.SubFactory(ActionCollectiveFactory)
    date = datetime.date(2020, 10, 6)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if extracted:
            self.attendees.set(extracted)


class AideRepasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AideRepas

    date = datetime.date(2020, 3, 2)
    beneficiary = factory.SubFactory(PersonFactory)
    meals = 10
