"""A published year is locked on top of coordination's `LockedYear`: the declarations and
memberships its figures count are neither created, corrected nor deleted through the PTCE's forms,
and its figures stay those published; a later, unpublished year stays open."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.publication import LOCKED_MESSAGE, publish
from ptce import indicators
from ptce.models import Declaration, LockedYear, Membership
from tests.factories import OrganisationFactory, UserFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory
from tests.ptce.test_forms import FIGURES

LOCKED = LOCKED_MESSAGE.format(year=2020)


def publish_2020():
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


def refused(response):
    assert response.status_code == 200
    assert LOCKED in response.context["form"].non_field_errors()
    if response.context.get("published"):  # a declaration's page only shows the published figures
        assert "L'année 2020 est publiée : ces chiffres ne peuvent plus être corrigés." in response.text
        assert "<form" not in response.text.split("<main")[-1]
    else:
        assert LOCKED.replace("'", "&#x27;") in response.text


def loaded_version(client, url) -> str:
    return client.get(url).context["form"].initial["loaded_version"]


@pytest.mark.parametrize("role", ["ptce", "coordination"])
def test_a_declaration_of_a_published_year_is_not_corrected(client_as, role):
    declaration = DeclarationFactory(emplois=9, emplois_permanents=4)
    publish_2020()
    figures = indicators.for_year(2020)
    # Coordination corrects a year it has locked (LockedYear), not a published one.
    LockedYear.objects.create(year=2019)
    client, url = client_as(role), declaration.get_absolute_url()
    response = client.post(url, {**FIGURES, "emplois": 20, "loaded_version": loaded_version(client, url)})
    refused(response)
    assert '<dd class="col-sm-6">9</dd>' in response.text  # the published figure, not the one typed
    declaration.refresh_from_db()
    assert declaration.emplois == 9
    assert indicators.for_year(2020) == figures


def test_the_staff_and_the_member_see_a_published_year_as_closed(client_as, client):
    declaration = DeclarationFactory(year=2020)
    DeclarationFactory(membership=declaration.membership, year=2021)
    publish_2020()
    page = client_as("ptce").get(reverse("ptce:declaration_list"), {"annee": 2020}).text
    assert "L'année est publiée : ses déclarations ne changent plus." in page
    assert reverse("ptce:declaration_delete", args=[declaration.pk]) not in page
    client.force_login(UserFactory(roles=["membre"], organisation=declaration.membership.organisation))
    years = client.get(reverse("ptce:member_space")).context["locked_years"]
    assert 2020 in years and 2021 not in years


def test_no_declaration_is_added_to_a_published_year(client_as):
    membership = MembershipFactory()
    publish_2020()
    figures = indicators.for_year(2020)
    refused(client_as("ptce").post(reverse("ptce:declaration_create", args=[membership.pk, 2020]), FIGURES))
    assert not Declaration.objects.exists()
    assert indicators.for_year(2020) == figures


def test_a_membership_counted_in_a_published_year_keeps_its_dates(client_as):
    membership = MembershipFactory(joined_on=datetime.date(2015, 1, 1))
    publish_2020()
    figures = indicators.for_year(2020)
    client, url = client_as("ptce"), reverse("ptce:membership_edit", args=[membership.pk])
    for change in [
        {"joined_on": "2020-06-01", "status": "actif"},  # a new member of 2020
        {"joined_on": "2015-01-01", "status": "sorti", "left_on": "2020-06-01"},  # no member on 31/12/2020
    ]:
        refused(client.post(url, {**change, "loaded_version": loaded_version(client, url)}))
    membership.refresh_from_db()
    assert (membership.joined_on, membership.left_on) == (datetime.date(2015, 1, 1), None)
    # A new member that would have been one in 2020 neither.
    organisation = OrganisationFactory()
    data = {"organisation": organisation.pk, "joined_on": "2019-03-01", "status": "actif"}
    refused(client.post(reverse("ptce:membership_create"), data))
    assert Membership.objects.count() == 1
    assert indicators.for_year(2020) == figures


def test_what_a_published_year_counts_is_not_deleted(client_as):
    declaration = DeclarationFactory(membership__organisation__name="Scop du Port")
    undeclared = MembershipFactory(organisation__name="Atelier Partagé")
    publish_2020()
    client = client_as("coordination")
    for record, url in [
        (declaration, reverse("ptce:declaration_delete", args=[declaration.pk])),
        (undeclared, reverse("ptce:membership_delete", args=[undeclared.pk])),
    ]:
        page = client.get(url)
        assert f"« {record} » (l&#x27;année 2020 est publiée)" in page.text
        assert client.post(url).status_code == 200
        assert type(record).objects.filter(pk=record.pk).exists()


def test_a_later_year_stays_open(client_as):
    declaration = DeclarationFactory(year=2021, emplois=9)
    membership = declaration.membership
    publish_2020()
    client = client_as("ptce")
    url = declaration.get_absolute_url()
    response = client.post(url, {**FIGURES, "emplois": 20, "loaded_version": loaded_version(client, url)})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.emplois == 20
    # A member becomes an observer, then leaves in 2022: no published figure changes.
    url = reverse("ptce:membership_edit", args=[membership.pk])
    for change in [{"status": "observateur"}, {"status": "sorti", "left_on": "2022-03-01"}]:
        data = {"joined_on": "2015-01-01", **change, "loaded_version": loaded_version(client, url)}
        assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2022, 3, 1)
    assert client.post(reverse("ptce:declaration_delete", args=[declaration.pk])).status_code == 302
    assert not Declaration.objects.exists()
