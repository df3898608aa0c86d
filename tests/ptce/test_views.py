"""Who sees what on the PTCE pages, and what the directory offers."""

import datetime
import re

from django.urls import reverse

from cbe_portal import publication
from cbe_portal.models import Commune, Organisation
from ptce.models import Declaration
from tests.factories import ContactFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory, ProjectFactory, ThemeFactory


def member_with_contact():
    membership = MembershipFactory(organisation__name="Scop du Port")
    ContactFactory(
        organisation=membership.organisation, person__first_name="Maialen", person__last_name="Irigoyen",
        email="maialen@scopduport.example.org", phone="05 59 11 22 33",
    )  # fmt: skip
    return membership


def test_the_public_sees_no_contact(client_as):
    membership = member_with_contact()
    page = client_as("anonyme").get(reverse("ptce:member_detail", args=[membership.pk])).content.decode()
    assert "Scop du Port" in page
    assert "Irigoyen" not in page and "maialen@" not in page and "05 59 11 22 33" not in page
    directory = client_as("anonyme").get(reverse("ptce:member_list")).content.decode()
    assert "Scop du Port" in directory and "Irigoyen" not in directory


def test_a_partner_sees_contacts_and_never_a_participant(client_as):
    membership = member_with_contact()
    participant = PersonFactory(first_name="Gaizka", last_name="Participant")  # followed by a programme, no contact
    client = client_as("partenaire")
    page = client.get(reverse("ptce:member_detail", args=[membership.pk])).content.decode()
    assert "Maialen Irigoyen" in page and "maialen@scopduport.example.org" in page and "05 59 11 22 33" in page
    assert "Gaizka" not in page
    export = client.get(reverse("ptce:member_export")).content.decode()
    assert "Maialen Irigoyen (Direction) maialen@scopduport.example.org" in export
    assert "Gaizka" not in export
    assert client.get(reverse("cbe_portal:person_detail", args=[participant.pk])).status_code == 403
    assert client.get(reverse("cbe_portal:person_list")).status_code == 403


def test_a_partner_sees_the_projects_member_organisations(client_as):
    membership = MembershipFactory(organisation__name="Scop du Port")
    ProjectFactory(name="Matières Communes").organisations.add(membership.organisation)
    assert "Scop du Port" in client_as("partenaire").get(reverse("ptce:public")).content.decode()
    publication.publish(2020, UserFactory(), build_pdf=False)  # the public reads the year's projects there
    public = client_as("anonyme").get(reverse("ptce:public")).content.decode()
    assert "Matières Communes" in public and "Scop du Port" not in public


def test_a_member_edits_its_own_profile_only(client):
    own, other = MembershipFactory(), MembershipFactory(organisation__description="Inchangée")
    client.force_login(UserFactory(roles=["membre"], organisation=own.organisation))
    url = reverse("ptce:profile_edit", args=[own.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(url, {"description": "Notre épicerie", "loaded_version": version})
    assert response.status_code == 302
    own.organisation.refresh_from_db()
    assert own.organisation.description == "Notre épicerie"
    response = client.post(reverse("ptce:profile_edit", args=[other.pk]), {"description": "Piratée"})
    assert response.status_code == 403
    other.organisation.refresh_from_db()
    assert other.organisation.description == "Inchangée"


def test_a_member_never_sees_nor_changes_another_members_declaration(client):
    own, other = MembershipFactory(), DeclarationFactory(emplois=4, emplois_permanents=2)
    DeclarationFactory(membership=own, emplois=7)
    client.force_login(UserFactory(roles=["membre"], organisation=own.organisation))
    url = reverse("ptce:declaration_create", args=[other.membership.pk, 2020])
    assert client.get(url).status_code == 404
    assert client.post(url, {"emplois": 40, "emplois_permanents": 0}).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(other.get_absolute_url(), {"emplois": 40, "emplois_permanents": 0}).status_code == 404
    other.refresh_from_db()
    assert other.emplois == 4
    space = client.get(reverse("ptce:member_space"))
    assert [d.emplois for d in space.context["declarations"]] == [7]


def test_directory_filters_and_accent_insensitive_search(client_as):
    theme = ThemeFactory(name="Mobilité")
    bayonne = Commune.objects.get(insee_code="64102")
    wanted = MembershipFactory(organisation__name="Écomobilité Solidaire", organisation__kind=Organisation.Kind.SCIC,
                               organisation__commune=bayonne)  # fmt: skip
    wanted.themes.add(theme)
    MembershipFactory(organisation__name="Épicerie Sociale")
    MembershipFactory(organisation__name="Ancien membre", left_on=datetime.date(2019, 1, 1))
    OrganisationFactory(name="Pas membre")
    client = client_as("anonyme")

    def names(**params):
        page = client.get(reverse("ptce:member_list"), params).context["page"]
        return [m.organisation.name for m in page]

    assert names() == ["Écomobilité Solidaire", "Épicerie Sociale"]
    assert names(q="ecomobilite") == ["Écomobilité Solidaire"]
    assert names(q="EPICERIE") == ["Épicerie Sociale"]
    assert names(theme=theme.pk) == ["Écomobilité Solidaire"]
    assert names(kind="scic") == ["Écomobilité Solidaire"]
    assert names(commune=bayonne.pk) == ["Écomobilité Solidaire"]
    assert names(commune=999999) == ["Écomobilité Solidaire", "Épicerie Sociale"]  # invalid filter ignored


def test_directory_is_paginated(client_as):
    MembershipFactory.create_batch(30)
    client = client_as("anonyme")
    assert len(client.get(reverse("ptce:member_list")).context["page"]) == 25
    assert len(client.get(reverse("ptce:member_list"), {"page": 2}).context["page"]) == 5


def test_the_map_lists_its_points_without_javascript(client_as):
    MembershipFactory(organisation__name="Ferme du Moulin")
    response = client_as("anonyme").get(reverse("ptce:member_map"))
    tarnos = Commune.objects.get(insee_code="40312")
    assert response.context["points"][0]["name"] == "Ferme du Moulin"
    assert response.context["points"][0]["latitude"] == float(tarnos.latitude)
    assert "<td><a href" in response.content.decode() and "Ferme du Moulin" in response.content.decode()


def test_staff_see_who_has_not_declared(client_as):
    declared, missing = MembershipFactory(organisation__name="A déclaré"), MembershipFactory(organisation__name="Muet")
    MembershipFactory(joined_on=datetime.date(2021, 1, 1))  # not a member in 2020
    DeclarationFactory(membership=declared)
    response = client_as("ptce-lecture").get(reverse("ptce:declaration_list"), {"annee": 2020})
    assert response.context["missing"] == 1
    rows = {m.organisation.name: m.declaration_id for m in response.context["page"]}
    assert rows == {"A déclaré": Declaration.objects.get().pk, "Muet": None}
    assert missing.pk


def test_partners_see_the_figures_year_by_year(client_as):
    DeclarationFactory(year=2019, emplois=11, membership__joined_on=datetime.date(2018, 1, 1))
    DeclarationFactory(year=2020, emplois=4, membership__joined_on=datetime.date(2018, 1, 1))
    publication.publish(2019, UserFactory(roles=["coordination"]), build_pdf=False)
    response = client_as("partenaire").get(reverse("ptce:figures_by_year"))
    assert response.context["years"][0]["annee"] == 2019 and response.context["years"][0]["emplois"] == 11
    # The year not yet published is marked as such; the published one is not.
    rows = [
        " ".join(row.split()) for row in re.findall(r"<tr><th scope=\"row\">(.*?)</th>", response.content.decode())
    ]
    assert rows == ["2019", "2020 (provisoire)"]


def test_the_dashboard_shows_the_ptce_to_members_and_partners(client):
    membership = MembershipFactory()
    member = UserFactory(roles=["membre"], organisation=membership.organisation)
    client.force_login(member)
    page = client.get(reverse("cbe_portal:dashboard")).content.decode()
    assert 'id="titre-ptce"' in page and reverse("ptce:member_space") in page
    assert reverse("ptce:member_export") not in page
    client.force_login(UserFactory(roles=["partenaire"]))
    page = client.get(reverse("cbe_portal:dashboard")).content.decode()
    assert reverse("ptce:member_export") in page and reverse("ptce:figures_by_year") in page
    assert reverse("ptce:member_space") not in page
    client.force_login(UserFactory(roles=["plie"]))
    page = client.get(reverse("cbe_portal:dashboard")).content.decode()
    assert 'id="titre-ptce"' not in page and reverse("ptce:member_list") not in page
