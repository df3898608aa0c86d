"""People and organisations are chosen with pickers among those the user may see, and the holders of
a project still going on stay in the directory whatever the age of their first reception."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cbe_portal import gdpr
from cbe_portal.models import Person
from incubateur.models import Stage
from tests.factories import OrganisationFactory, PersonFactory

from .factories import CreatedStructureFactory, ProjectFactory, ReceptionFactory

D = datetime.date


def test_the_reception_form_shows_its_people_as_a_picker_and_refuses_people_of_another_programme(client_as):
    from tests.plie.factories import ParcoursFactory

    amaia = PersonFactory(last_name="Garat", first_name="Amaia", birth_date=D(1985, 4, 2))
    reception = ReceptionFactory(persons=[amaia])
    client = client_as("incubateur")
    url = reverse("incubateur:reception_edit", args=[reception.pk])
    page = client.get(url).text
    assert "GARAT Amaia — Tarnos — née en 1985" in page
    assert f'data-combobox-url="{reverse("cbe_portal:person_lookup")}"' in page
    followed_by_plie = ParcoursFactory().person
    data = {"date": "2020-03-01", "persons": [followed_by_plie.pk], "idea": "Une friperie", "heard_from": "presse",
            "follow_up": "sans_suite", "loaded_version": reception.updated_at.isoformat()}  # fmt: skip
    response = client.post(url, data)
    assert "Sélectionnez un choix valide" in str(response.context["form"].errors["persons"])
    assert list(reception.persons.all()) == [amaia]


def test_a_created_structure_is_an_organisation_picker(client_as):
    structure = CreatedStructureFactory(organisation=OrganisationFactory(name="Recyclerie du Seignanx"))
    page = client_as("incubateur").get(reverse("incubateur:structure_edit", args=[structure.pk])).text
    assert "Recyclerie du Seignanx — Tarnos" in page


def test_the_holders_of_a_project_still_going_on_are_not_anonymised():
    long_ago = timezone.localdate() - datetime.timedelta(days=5 * 365)
    going_on, left = PersonFactory(last_name="Encours"), PersonFactory(last_name="Sorti")
    ProjectFactory(holders=[going_on], history=[(Stage.INCUBATION, long_ago)])
    ProjectFactory(holders=[left], history=[(Stage.INCUBATION, long_ago), (Stage.SORTI, long_ago)])
    for person in (going_on, left):
        ReceptionFactory(date=long_ago, persons=[person])
    Person.objects.update(created_at=timezone.now() - datetime.timedelta(days=6 * 365))
    assert list(gdpr.people_to_anonymise()) == [left]
