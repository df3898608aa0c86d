"""Factories of the incubator's records."""

import datetime

import factory

from incubateur.models import (
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Reception,
    Stage,
    StageChange,
    Theme,
    Training,
    TrainingSession,
)
from tests.factories import OrganisationFactory, PersonFactory


class CollectiveMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveMember

    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2017, 3, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project; `history=[(stage, date), ...]` writes its stage history (and its current stage)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Projet {n}")
    theme = Theme.AUTRE

    @factory.post_generation
    def holders(self, create, extracted, **kwargs):
        if extracted:
            self.holders.set(extracted)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if extracted:
            StageChange.objects.bulk_create(
                StageChange(project=self, stage=stage, date=day, reason="motif") for stage, day in extracted
            )
            self.stage = extracted[-1][0]
            self.save(update_fields=["stage"])


class ReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reception
        skip_postgeneration_save = True

    date = datetime.date(2020, 3, 1)
    idea = "Une recyclerie de quartier"
    heard_from = Reception.HeardFrom.BOUCHE_A_OREILLE
    follow_up = Reception.FollowUp.NOUVEL_ECHANGE

    @factory.post_generation
    def persons(self, create, extracted, **kwargs):
        self.persons.set(extracted if extracted is not None else [PersonFactory()])


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    date = datetime.date(2020, 2, 13)


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation

    committee = factory.SubFactory(CommitteeFactory)
    project = factory.SubFactory(ProjectFactory, history=[(Stage.PRE_INCUBATION, datetime.date(2020, 1, 1))])


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2020, 4, 1)
    member = factory.SubFactory(CollectiveMemberFactory)
    duration_minutes = 90


class CollectiveTimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveTime

    date = datetime.date(2020, 5, 12)
    theme = "Atelier de co-développement"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Formation {n}")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    training = factory.SubFactory(TrainingFactory)
    date = datetime.date(2020, 12, 10)


class CreatedStructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreatedStructure

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    legal_form = CreatedStructure.LegalForm.ASSOCIATION
    created_on = datetime.date(2020, 6, 1)


class CreatedJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreatedJob

    project = factory.SubFactory(ProjectFactory)
    number = 1
    date = datetime.date(2020, 6, 1)
