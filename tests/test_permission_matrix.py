"""Every URL of the portal, requested by every role, answers the status the matrix expects."""

from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix import ROLES

APPS = sorted(p.parent.name for p in Path(__file__).parent.glob("*/matrix.py"))
MATRIX = [row for app in APPS for row in import_module(f"tests.{app}.matrix").MATRIX]

# Django's own pages, covered by Django's tests: the admin beyond its index, and the auth
# views that need a token or only confirm an action.
NOT_IN_MATRIX = ("admin:", "logout", "password_reset_", "password_change_done")


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


@pytest.mark.parametrize("row", MATRIX, ids=lambda row: row.url_name)
@pytest.mark.parametrize("role", ROLES)
def test_status_by_role(client_as, row, role):
    client = client_as(role)
    response = client.get(reverse(row.url_name, kwargs=row.kwargs()))
    assert response.status_code == row.expect(role), response.content[:300]
    if response.status_code == 302 and role == "anonyme":
        assert "/comptes/login/" in response["Location"] or "/admin/login/" in response["Location"]
