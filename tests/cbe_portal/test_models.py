import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from cbe_portal.models import Commune, Organisation, Person
from cbe_portal.validators import luhn_is_valid
from tests.factories import OrganisationFactory, PersonFactory

VALID_SIRET = "73282932000074"  # a real-format SIRET whose Luhn key is right


def test_luhn():
    assert luhn_is_valid(VALID_SIRET)
    assert not luhn_is_valid("73282932000075")


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("1234", "Le SIRET doit comporter exactement 14 chiffres."),
        ("7328293200007A", "Le SIRET doit comporter exactement 14 chiffres."),
        ("73282932000075", "Ce SIRET n'est pas valide : sa clé de contrôle est fausse."),
    ],
)
def test_bad_siret_is_refused_in_french(siret, message):
    organisation = Organisation(name="Scop Test", siret=siret)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert error.value.message_dict["siret"] == [message]
    assert not Organisation.objects.filter(name="Scop Test").exists()


def test_good_siret_is_accepted_and_unique():
    OrganisationFactory(siret=VALID_SIRET).full_clean()
    with pytest.raises(ValidationError) as error:
        Organisation(name="Doublon", siret=VALID_SIRET).full_clean()
    assert "Une organisation avec ce SIRET existe déjà." in str(error.value)


def test_database_refuses_a_malformed_siret_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Sans validation", siret="123")


@pytest.mark.parametrize("code", ["4031", "ABCDE", "403120"])
def test_bad_insee_code_is_refused_in_french(code):
    commune = Commune(insee_code=code, name="Nulle part", postal_code="40220", departement="40")
    with pytest.raises(ValidationError) as error:
        commune.full_clean()
    assert (
        "Le code INSEE d'une commune comporte 5 caractères (par exemple 40312)."
        in error.value.message_dict["insee_code"]
    )
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        commune.save()
    assert not Commune.objects.filter(name="Nulle part").exists()


def test_corsican_insee_code_is_valid():
    Commune(insee_code="2A004", name="Ajaccio", postal_code="20000", departement="2A").full_clean()


def test_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    person = Person(first_name="Léa", last_name="Futur", birth_date=tomorrow)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["birth_date"] == ["La date de naissance ne peut pas être dans le futur."]


def test_age_on_a_day():
    person = PersonFactory.build(birth_date=datetime.date(1970, 12, 31))
    assert person.age_on(datetime.date(2020, 12, 30)) == 49
    assert person.age_on(datetime.date(2020, 12, 31)) == 50


def test_reference_communes_are_loaded():
    seignanx = Commune.objects.filter(epci="Communauté de communes du Seignanx")
    assert seignanx.count() == 8
    names = set(Commune.objects.values_list("name", flat=True))
    assert {"Tarnos", "Ondres", "Boucau", "Labenne", "Bayonne", "Anglet", "Biarritz"} <= names


def test_roles_groups_match_the_permissions_roles():
    from django.contrib.auth.models import Group

    from cbe_portal.permissions import Role

    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}


def test_french_figure_formatting_rounds():
    from cbe_portal.templatetags.cbe import evolution, figure, number, percent

    assert percent(0.3891) == "39\u00a0%"
    assert percent(0.6207) == "62\u00a0%"
    assert percent(None) == "—"
    assert number(8264) == "8\u00a0264"
    assert evolution(0.19999999999999996) == "+20\u00a0%"
    assert evolution(25.0) == "+2\u00a0500\u00a0%"
    assert evolution(203 / 204 - 1) == "0\u00a0%"  # never « −0 % »
    assert evolution(-0.05) == "\u22125\u00a0%"
    assert figure(30_000_000, "euros") == "30\u00a0M€"
