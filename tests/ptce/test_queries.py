"""Query budgets: the directory, member pages and figures do not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Commune, Contact, Organisation, Person
from ptce.models import Declaration, Membership, Project, Publication, Theme
from tests.budgets import LIST_REMEMBERED
from tests.factories import UserFactory


def populate(size: int) -> Membership:
    """`size` member organisations, each with a theme, a contact, a 2020 declaration and a project."""
    communes = list(Commune.objects.all()[:5])
    themes = Theme.objects.bulk_create(Theme(name=f"Thématique {i}", position=i) for i in range(6))
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Membre {i:04}", commune=communes[i % 5], description="Une structure de l'ESS.",
                     latitude=43.5, longitude=-1.45)
        for i in range(size)
    )  # fmt: skip
    memberships = Membership.objects.bulk_create(
        Membership(organisation=o, joined_on=datetime.date(2015 + i % 6, 1, 1)) for i, o in enumerate(organisations)
    )
    Membership.themes.through.objects.bulk_create(
        Membership.themes.through(membership=m, theme=themes[i % 6]) for i, m in enumerate(memberships)
    )
    people = Person.objects.bulk_create(Person(first_name="Ana", last_name=f"Contact {i}") for i in range(size))
    Contact.objects.bulk_create(
        Contact(person=p, organisation=o, role="Direction", email="ana@example.org")
        for p, o in zip(people, organisations, strict=True)
    )
    Declaration.objects.bulk_create(
        Declaration(membership=m, year=2020, emplois=2, emplois_permanents=1) for m in memberships
    )
    projects = Project.objects.bulk_create(
        Project(name=f"Projet {i}", theme=themes[i % 6]) for i in range(size // 5 + 1)
    )
    Project.organisations.through.objects.bulk_create(
        Project.organisations.through(project=projects[i % len(projects)], organisation=o)
        for i, o in enumerate(organisations)
    )
    Publication.objects.bulk_create(
        Publication(title=f"Livre {i}", kind="livre", year=2020, link="https://example.org") for i in range(3)
    )
    return memberships[0]


SIZES = [25, 1000]
# What a logged-in request costs before the page's own queries: the session, the user, the user's roles
# (the session's expiry is pushed back at most once a minute: not within a test).
LOGGED_IN = 3


@pytest.mark.parametrize("size", SIZES)
def test_directory(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("anonyme")
    # count, page of memberships (+ organisation, commune), their themes, the theme and commune filter choices
    with django_assert_num_queries(5):
        assert client.get(reverse("ptce:member_list"), {"q": "membre"}).status_code == 200
    client = client_as("partenaire")
    # the 5 above
    with django_assert_num_queries(LOGGED_IN + 5):
        assert client.get(reverse("ptce:member_list")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_member_page(client_as, django_assert_num_queries, size):
    first = populate(size)
    url = reverse("ptce:member_detail", args=[first.pk])
    client = client_as("anonyme")
    # membership (+ organisation, commune), its themes, its projects (+ theme)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    client = client_as("partenaire")
    # the 3 above, the contacts (+ person)
    with django_assert_num_queries(LOGGED_IN + 4):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_map_and_export(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("anonyme")
    with django_assert_num_queries(1):  # current members (+ organisation, commune)
        assert client.get(reverse("ptce:member_map")).status_code == 200
    client = client_as("partenaire")
    # members (+ organisation, commune), their themes, their contacts (+ person)
    with django_assert_num_queries(LOGGED_IN + 3):
        response = client.get(reverse("ptce:member_export"))
    assert response.content.decode().count("\n") == size + 1


@pytest.mark.parametrize("size", SIZES)
def test_public_page_and_figures(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("anonyme")
    # the published years (the year shown and its published figures); themes, publications
    with django_assert_num_queries(3):
        assert client.get(reverse("ptce:public")).status_code == 200
    client = client_as("partenaire")
    # first and last declared years, 2 aggregates for the one year declared (2020)
    with django_assert_num_queries(LOGGED_IN + 3):
        assert client.get(reverse("ptce:figures_by_year")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_staff_lists(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("ptce")
    # count, page (+ organisation, commune), themes
    with django_assert_num_queries(LOGGED_IN + 3 + LIST_REMEMBERED):
        assert client.get(reverse("ptce:membership_list"), {"statut": "actif", "tri": "-adhesion"}).status_code == 200
    # count, page (+ theme), organisations, theme filter links
    with django_assert_num_queries(LOGGED_IN + 4 + LIST_REMEMBERED):
        assert client.get(reverse("ptce:project_list"), {"q": "projet"}).status_code == 200
    # count, page
    with django_assert_num_queries(LOGGED_IN + 2):
        assert client.get(reverse("ptce:theme_list")).status_code == 200
    with django_assert_num_queries(LOGGED_IN + 2 + LIST_REMEMBERED):
        assert client.get(reverse("ptce:publication_list"), {"tri": "titre"}).status_code == 200
    # count, page (with the declaration subquery), count of the missing, locked?, published years
    with django_assert_num_queries(LOGGED_IN + 5 + LIST_REMEMBERED):
        assert client.get(reverse("ptce:declaration_list"), {"annee": 2020, "tri": "declaration"}).status_code == 200
    client.get(reverse("ptce:home"))  # computes and caches the latest year with data
    # the latest published year, the cache's version and the cached latest year with data, 2 aggregates,
    # the year's projects
    with django_assert_num_queries(LOGGED_IN + 6):
        assert client.get(reverse("ptce:home")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_staff_forms(client_as, django_assert_num_queries, size):
    first = populate(size)
    declaration = first.declarations.get()
    client = client_as("ptce")
    # the view's savepoint and its release, membership (+ organisation), its themes, its organisation
    # (the one choice), the themes to choose from, the published years (is it frozen?)
    with django_assert_num_queries(LOGGED_IN + 7):
        assert client.get(reverse("ptce:membership_edit", args=[first.pk])).status_code == 200
    # the view's savepoint and its release, declaration (+ membership, organisation), locked?, published
    # years, the published years again (is the declaration frozen? `ConcurrentEditForm.locked_notice`)
    with django_assert_num_queries(LOGGED_IN + 6):
        assert client.get(reverse("ptce:declaration_edit", args=[declaration.pk])).status_code == 200
    # membership (+ organisation), what depends on it (its declarations), the membership and
    # organisation that name its one declaration (2 per declared year, not per member)
    with django_assert_num_queries(LOGGED_IN + 4):
        assert client.get(reverse("ptce:membership_delete", args=[first.pk])).status_code == 200
    client = client_as("membre")
    client.force_login(UserFactory(roles=["membre"], organisation=first.organisation))
    # the user's organisation, its membership (+ organisation), its declarations, the locked and published years
    with django_assert_num_queries(LOGGED_IN + 5):
        assert client.get(reverse("ptce:member_space")).status_code == 200
