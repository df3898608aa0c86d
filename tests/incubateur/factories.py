"""Factories of the incubator's records."""

import datetime

import factory

from incubateur.models import (
    CollectiveMember,
    ComiteOrientation,
    EmploiCree,
    Formation,
    FormationSession,
    PremierAccueil,
    Presentation,
    Projet,
    RendezVous,
    Stage,
    StageChange,
    StructureCreee,
    TempsCollectif,
)
from tests.factories import OrganisationFactory, PersonFactory


class CollectiveMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveMember

    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2017, 3, 1)


class ProjetFactory(factory.django.DjangoModelFactory):
    """A project; `history=[(stage, date), ...]` writes its stage history (and its current stage)."""

    class Meta:
        model = Projet
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Projet {n}")

    @factory.post_generation
    def holders(self, create, extracted, **kwargs):
        if extracted:
            self.holders.set(extracted)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if extracted:
            StageChange.objects.bulk_create(
                StageChange(projet=self, stage=stage, date=day, reason="motif") for stage, day in extracted
            )
            self.stage = extracted[-1][0]
            self.save(update_fields=["stage"])


class PremierAccueilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PremierAccueil
        skip_postgeneration_save = True

    date = datetime.date(2020, 3, 1)
    idea = "Une recyclerie de quartier"

    @factory.post_generation
    def persons(self, create, extracted, **kwargs):
        self.persons.set(extracted if extracted is not None else [PersonFactory()])


class ComiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComiteOrientation

    date = datetime.date(2020, 2, 13)


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation

    comite = factory.SubFactory(ComiteFactory)
    projet = factory.SubFactory(ProjetFactory, history=[(Stage.PRE_INCUBATION, datetime.date(2020, 1, 1))])


class RendezVousFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RendezVous

    projet = factory.SubFactory(ProjetFactory)
    date = datetime.date(2020, 4, 1)
    accompagnant = factory.SubFactory(CollectiveMemberFactory)
    duration_minutes = 90


class TempsCollectifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TempsCollectif

    date = datetime.date(2020, 5, 12)
    theme = "Atelier de co-développement"


class FormationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formation

    title = factory.Sequence(lambda n: f"Formation {n}")


class FormationSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormationSession

    formation = factory.SubFactory(FormationFactory)
    date = datetime.date(2020, 12, 10)


class StructureCreeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StructureCreee

    projet = factory.SubFactory(ProjetFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    legal_form = StructureCreee.LegalForm.ASSOCIATION
    created_on = datetime.date(2020, 6, 1)


class EmploiCreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploiCree

    projet = factory.SubFactory(ProjetFactory)
    number = 1
    date = datetime.date(2020, 6, 1)
