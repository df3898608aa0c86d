from django.urls import reverse

from cbe_portal.models import Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory


def test_search_is_accent_and_case_insensitive():
    OrganisationFactory(name="Économie Solidaire du Seignanx")
    OrganisationFactory(name="Ferme Lacoste")
    found = Organisation.objects.search("economie")
    assert [o.name for o in found] == ["Économie Solidaire du Seignanx"]
    assert Organisation.objects.search("ÉCONOMIE seignanx").count() == 1
    assert Organisation.objects.search("ecole").count() == 0


def test_person_search_on_names(client_as):
    PersonFactory(first_name="Hélène", last_name="Dupré")
    PersonFactory(first_name="Marc", last_name="Durand")
    response = client_as("plie").get(reverse("cbe_portal:person_list"), {"q": "helene dupre"})
    assert response.status_code == 200
    assert [str(p) for p in response.context["page"]] == ["Hélène Dupré"]


def test_organisation_list_is_paginated(client_as):
    OrganisationFactory.create_batch(30)
    client = client_as("gpect")
    first = client.get(reverse("cbe_portal:organisation_list"))
    assert len(first.context["page"]) == 25
    second = client.get(reverse("cbe_portal:organisation_list"), {"page": 2})
    assert len(second.context["page"]) == 5


def test_create_organisation_with_bad_siret_shows_french_error(client_as):
    response = client_as("ptce").post(
        reverse("cbe_portal:organisation_create"),
        {"name": "Scop du Port", "kind": "scop", "siret": "12345678901234"},
    )
    assert response.status_code == 200
    assert "Ce SIRET n&#x27;est pas valide" in response.content.decode()
    assert not Organisation.objects.filter(name="Scop du Port").exists()


def test_create_and_edit_person(client_as):
    client = client_as("incubateur")
    response = client.post(
        reverse("cbe_portal:person_create"),
        {
            "first_name": "Inès",
            "last_name": "Etcheverry",
            "gender": "F",
            "birth_date": "1990-05-04",
        },
    )
    person = Person.objects.get(last_name="Etcheverry")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    page = client.get(reverse("cbe_portal:person_edit", args=[person.pk]))
    version = page.context["form"].initial["loaded_version"]
    response = client.post(
        reverse("cbe_portal:person_edit", args=[person.pk]),
        {
            "first_name": "Inès",
            "last_name": "Etcheverry-Garat",
            "gender": "F",
            "loaded_version": version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Etcheverry-Garat"


def test_concurrent_edit_is_refused_and_first_edit_kept(client_as):
    organisation = OrganisationFactory(name="Recyclerie")
    client = client_as("ptce")
    url = reverse("cbe_portal:organisation_edit", args=[organisation.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    data = {"kind": "association", "loaded_version": version}
    assert client.post(url, {**data, "name": "Recyclerie du Seignanx"}).status_code == 302
    second = client.post(url, {**data, "name": "Recyclerie de Tarnos"})
    assert second.status_code == 200
    assert "modifiée par quelqu&#x27;un d&#x27;autre" in second.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Recyclerie du Seignanx"
