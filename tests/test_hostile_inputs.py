"""Hostile input on every form and search box of the portal, discovered from the URL configuration
(the permission matrix's rows): script tags, SQL fragments, 10 000-character strings, NUL bytes,
invalid UTF-8, negative and overflowing numbers, impossible dates. No 500, no reflected script."""

import re

import pytest
from django.urls import reverse

from tests.permission_matrix import every_row

SCRIPT = '<script>alert("x")</script>'
PAYLOADS = {
    "script and sql": f"{SCRIPT}' OR 1=1; DROP TABLE cbe_portal_person; --",
    "long": "é" * 10_000,
    "nul": "a\x00b",
    "numbers": "-99999999999999999999999",
    "date": "31/02/2020",
}
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.IGNORECASE)
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "loaded_version"}


def form_pages():
    """Every URL whose GET shows a form to coordination (create, edit, search pages)."""
    return [row for row in every_row() if row.expect("coordination") == 200 and ":" in row.url_name]


@pytest.mark.parametrize("row", form_pages(), ids=lambda row: row.url_name)
def test_hostile_values_never_break_a_page(client_as, row):
    client = client_as("coordination")
    url = reverse(row.url_name, kwargs=row.kwargs())
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page["Content-Type"]:
        return
    html = page.content.decode()
    fields = sorted(set(FIELD.findall(html)) - SKIPPED_FIELDS)
    hostile = list(PAYLOADS.values())
    searched = client.get(url, {"q": hostile[0], "annee": hostile[3], "tri": hostile[0], "page": hostile[3]})
    assert searched.status_code < 500, "search"
    if not fields or 'method="post"' not in html:
        return
    for shift in (0, 1, 2):  # each field meets three of the payloads across the three posts
        data = {name: hostile[(index + shift) % len(hostile)] for index, name in enumerate(fields)}
        response = client.post(url, data)
        assert response.status_code < 500, data
        assert SCRIPT not in response.content.decode(), "script reflected unescaped"


def test_invalid_utf8_in_a_form_is_refused_cleanly(client_as):
    client = client_as("coordination")
    response = client.post(
        reverse("cbe_portal:person_create"),
        b"first_name=\xff\xfe&last_name=Durand&gender=F",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500
