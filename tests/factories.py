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


# Names from fixed lists, not Faker: a random « Martine » once matched a test's search for « martin »
# under one seed. No name here contains a word the tests search for; the lengths (11, 10) are coprime.
LAST_NAMES = [
    "Lacoste",
    "Bergès",
    "Lafitte",
    "Capdevielle",
    "Pouyanne",
    "Castets",
    "Lesgourgues",
    "Sallenave",
    "Hiriart",
    "Bidegain",
    "Lasserre",
]
FIRST_NAMES = ["Camille", "Louise", "Jules", "Hugo", "Léon", "Lina", "Noé", "Rose", "Paul", "Sacha"]
# Users' names apart from people's: a test that a participant's name is not on a page must not find
# the logged-in user's in the menu.
USER_LAST_NAMES = ["Ospital", "Larrieu", "Sorhouet", "Tauzin", "Lesbats"]
USER_FIRST_NAMES = ["Claire", "Éric", "Anne", "Yves", "Julie", "Régis"]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Iterator(FIRST_NAMES)
    last_name = factory.Iterator(LAST_NAMES)
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
    first_name = factory.Iterator(USER_FIRST_NAMES)
    last_name = factory.Iterator(USER_LAST_NAMES)
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("mot-de-passe-de-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            # The roles' groups come from a migration (put back after each transactional test); created
            # here should a test have emptied them.
            self.groups.set([Group.objects.get_or_create(name=role)[0] for role in extracted])
