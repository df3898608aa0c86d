"""Factories of the shared directory, used by every app's tests."""

import factory
from django.contrib.auth.models import Group

from cbe_portal.models import Commune, Contact, Organisation, Person, User


class CommuneFactory(factory.django.DjangoModelFactory):
    """A commune of the reference data loaded by migration (Tarnos unless told)."""

    class Meta:
        model = Commune
        django_get_or_create = ["insee_code"]

    insee_code = "40312"
    name = "Tarnos"
    postal_code = "40220"
    departement = "40"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.ASSOCIATION
    commune = factory.SubFactory(CommuneFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    gender = Person.Gender.FEMME
    commune = factory.SubFactory(CommuneFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Direction"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `roles=["plie"]` puts it in those groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("mot-de-passe-de-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            # get_or_create: browser tests run on a flushed database, without the roles' migration.
            self.groups.set([Group.objects.get_or_create(name=role)[0] for role in extracted])
