"""Every URL of the portal answers the status the matrix expects, for one user of each kind: one
test a URL, its object built once and requested by each kind of user in turn, every wrong status
reported at once."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix import ANONYMOUS, ROLES, every_row, representatives

MATRIX = every_row()

# Django's own pages, covered by Django's tests: the admin beyond its index, and the auth
# views that need a token or only confirm an action.
NOT_IN_MATRIX = ("admin:", "logout", "password_reset_", "password_change_done")


@pytest.fixture(scope="module", autouse=True)
def _figures_of_the_empty_database(django_db_setup, django_db_blocker):
    """Computed and committed once for this module: the public pages and the dashboard would
    otherwise compute each year of each programme's figures (some 400 queries) for every role. A
    test that creates a record invalidates them within its transaction, which is rolled back."""
    from django.core.cache import cache
    from django.test import Client

    from cbe_portal import figures
    from cbe_portal.years import known_years

    with django_db_blocker.unblock():
        for year in known_years():
            figures.for_year(year)
        Client().get(reverse("cbe_portal:home"))
    yield
    with django_db_blocker.unblock():
        cache.clear()


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    listed = {row.url_name for row in MATRIX}
    missing = {name for name in url_names() if name not in listed and not name.startswith(NOT_IN_MATRIX)}
    assert not missing, f"URLs missing from tests/<app>/matrix.py: {sorted(missing)}"


def test_every_role_stands_for_its_kind_somewhere():
    assert {role for row in MATRIX for role in representatives(row.url_name)} == set(ROLES)


@pytest.mark.parametrize("row", MATRIX, ids=[row.url_name for row in MATRIX])
def test_status_by_role(client_as, row):
    url = reverse(row.url_name, kwargs=row.kwargs())
    wrong = {}
    for role in representatives(row.url_name):
        response = client_as(role).get(url)
        if response.status_code != row.expect(role):
            wrong[role] = f"{response.status_code} instead of {row.expect(role)}: {response.content[:300]}"
        elif response.status_code == 302 and role == ANONYMOUS:
            login = response["Location"].partition("?")[0]
            if login not in ("/comptes/login/", "/admin/login/"):
                wrong[role] = f"sent to {response['Location']}, not to a login page"
    assert wrong == {}, f"{url}\n" + "\n".join(f"  {role}: {why}" for role, why in wrong.items())
