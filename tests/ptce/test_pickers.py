"""The membership form chooses its organisation with a picker: the page holds only the chosen one,
labelled « name — commune », and an organisation that is already a member is refused."""

from django.urls import reverse

from ptce.models import Membership
from tests.factories import CommuneFactory, OrganisationFactory
from tests.ptce.factories import MembershipFactory


def test_the_page_holds_only_the_chosen_organisation(client_as):
    OrganisationFactory.create_batch(30, name="Association")
    otsokop = OrganisationFactory(name="Otsokop", commune=CommuneFactory(insee_code="64102", name="Bayonne"))
    client = client_as("ptce")
    page = client.get(reverse("ptce:membership_create")).text
    assert f'data-combobox-url="{reverse("cbe_portal:organisation_lookup")}"' in page
    assert "Association" not in page and "Otsokop" not in page
    # Sent back with an error elsewhere, the chosen organisation shows with its label.
    page = client.post(reverse("ptce:membership_create"), {"organisation": otsokop.pk, "status": "actif"}).text
    assert "Otsokop — Bayonne" in page and "Association" not in page
    assert not Membership.objects.exists()


def test_an_organisation_already_a_member_is_refused(client_as):
    member = MembershipFactory(organisation__name="Otsokop").organisation
    data = {"organisation": member.pk, "joined_on": "2020-02-10", "status": "actif"}
    response = client_as("ptce").post(reverse("ptce:membership_create"), data)
    assert response.context["form"].errors["organisation"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert Membership.objects.count() == 1


def test_the_edit_page_shows_the_members_organisation_only(client_as):
    membership = MembershipFactory(organisation__name="Otsokop")
    OrganisationFactory(name="Association voisine")
    page = client_as("ptce").get(reverse("ptce:membership_edit", args=[membership.pk])).text
    assert "Otsokop — Tarnos" in page and "Association voisine" not in page
