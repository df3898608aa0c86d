"""Query budgets: every page runs in a fixed number of queries, the same at 25 and 1 000 rows."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import Commune, Contact, Organisation, Person
from ptce import indicators
from ptce.models import Declaration, Membership, Project, Publication, Theme
from tests.budgets import LIST_REMEMBERED, LOGGED_IN, request_each
from tests.factories import UserFactory

SIZES = [25, 1000]


def populate(size: int) -> dict:
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
    return {"membership": memberships[0], "declaration": memberships[0].declarations.get()}


# Each staff page's own queries, after the session, the user and the user's roles (LOGGED_IN).
PAGES = [
    # count, page (+ organisation, commune), themes
    ("membership_list", lambda records: reverse("ptce:membership_list") + "?statut=actif&tri=-adhesion",
     3 + LIST_REMEMBERED),
    # count, page (+ theme), organisations, theme filter links
    ("project_list", lambda records: reverse("ptce:project_list") + "?q=projet", 4 + LIST_REMEMBERED),
    # count, page
    ("theme_list", lambda records: reverse("ptce:theme_list"), 2),
    ("publication_list", lambda records: reverse("ptce:publication_list") + "?tri=titre", 2 + LIST_REMEMBERED),
    # count, page (with the declaration subquery), count of the missing, locked?, published years
    ("declaration_list", lambda records: reverse("ptce:declaration_list") + "?annee=2020&tri=declaration",
     5 + LIST_REMEMBERED),
    # the view's savepoint and its release, membership (+ organisation), its themes, its organisation
    # (the one choice), the themes to choose from, the published years (is it frozen?)
    ("membership_edit", lambda records: reverse("ptce:membership_edit", args=[records["membership"].pk]), 7),
    # the view's savepoint and its release, declaration (+ membership, organisation), locked?, published
    # years, the published years again (is the declaration frozen? `ConcurrentEditForm.locked_notice`)
    ("declaration_edit", lambda records: reverse("ptce:declaration_edit", args=[records["declaration"].pk]), 6),
    # membership (+ organisation), what depends on it (its declarations), the membership and
    # organisation that name its one declaration (2 per declared year, not per member)
    ("membership_delete", lambda records: reverse("ptce:membership_delete", args=[records["membership"].pk]), 4),
]  # fmt: skip

# What the public, the partners and a member read: the directory, a member's page, the map, the export,
# the figures (a partner's or a member's pages after LOGGED_IN).
READERS_PAGES = {
    "anonyme": [
        # count, page of memberships (+ organisation, commune), their themes, the theme and commune filter choices
        ("member_list", lambda records: reverse("ptce:member_list") + "?q=membre", 5),
        # membership (+ organisation, commune), its themes, its projects (+ theme)
        ("member_detail", lambda records: reverse("ptce:member_detail", args=[records["membership"].pk]), 3),
        # current members (+ organisation, commune)
        ("member_map", lambda records: reverse("ptce:member_map"), 1),
        # the published years (the year shown and its published figures); themes, publications
        ("public", lambda records: reverse("ptce:public"), 3),
    ],
    "partenaire": [
        # the directory as above
        ("member_list_partner", lambda records: reverse("ptce:member_list"), LOGGED_IN + 5),
        # the member's page as above, its contacts (+ person)
        ("member_detail_partner", lambda records: reverse("ptce:member_detail", args=[records["membership"].pk]),
         LOGGED_IN + 4),
        # members (+ organisation, commune), their themes, their contacts (+ person)
        ("member_export", lambda records: reverse("ptce:member_export"), LOGGED_IN + 3),
        # first and last declared years, 2 aggregates for the one year declared (2020), the published years
        ("figures_by_year", lambda records: reverse("ptce:figures_by_year"), LOGGED_IN + 4),
    ],
    "membre": [
        # the user's organisation, its membership (+ organisation), its declarations, the locked and
        # published years
        ("member_space", lambda records: reverse("ptce:member_space"), LOGGED_IN + 5),
    ],
}  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_pages(client_as, django_assert_num_queries, size):
    records = populate(size)  # once for every page: building `size` rows of everything takes a moment
    request_each(client_as("ptce"), PAGES, records, django_assert_num_queries)
    for role, pages in READERS_PAGES.items():
        client = client_as(role)
        if role == "membre":  # a member of the PTCE, who has its own space
            client.force_login(UserFactory(roles=["membre"], organisation=records["membership"].organisation))
        request_each(client, pages, records, django_assert_num_queries, before=0)


@pytest.mark.parametrize("size", SIZES)
def test_home(client_as, django_assert_num_queries, size):
    populate(size)
    client = client_as("ptce")
    client.get(reverse("ptce:home"))  # computes and caches the latest year with data
    # the latest published year, the cache's version and the cached latest year with data, 2 aggregates,
    # the year's projects
    with django_assert_num_queries(LOGGED_IN + 6):
        assert client.get(reverse("ptce:home")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_figures(django_assert_num_queries, size):
    populate(size)
    # memberships, declarations (two aggregates), the year's projects
    with django_assert_num_queries(3):
        figures = indicators.for_year(2020)
    assert figures["membres"] == size
