import datetime

import factory

from ptce.models import Declaration, Membership, Project, Publication, Theme
from tests.factories import OrganisationFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thématique {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2015, 1, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet {n}")
    theme = factory.SubFactory(ThemeFactory)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    membership = factory.SubFactory(MembershipFactory)
    year = 2020


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publication {n}")
    kind = Publication.Kind.BROCHURE
    year = 2020
    link = "https://example.org/publication.pdf"
