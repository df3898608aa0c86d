"""Benchmarks, not tests of speed: they measure and print (`uv run pytest -m bench -s tests/bench`).
Deselected from the normal run (see pyproject's addopts)."""

import time
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.bench

PAGES = [
    ("accueil", reverse("cbe_portal:home")),
    ("rapport 2020", reverse("cbe_portal:report", args=[2020])),
    ("rapport 2020 (PDF)", reverse("cbe_portal:report_pdf", args=[2020])),
    ("données 2020 (JSON)", reverse("cbe_portal:open_data_json", args=[2020])),
    *[
        (f"page {app}", reverse(f"{app}:public") + "?annee=2020")
        for app in ("plie", "gpect", "circuits", "incubateur", "ptce")
    ],
    ("annuaire PTCE", reverse("ptce:member_list")),
]


def measure(client, url):
    with CaptureQueriesContext(connection) as context:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return elapsed, len(context.captured_queries)


def test_demo_pages(client):
    start = time.perf_counter()
    call_command("demo", "--no-serve", stdout=StringIO())
    print(f"\nchargement de la démo : {time.perf_counter() - start:.1f} s")
    print(f"{'page':<24} {'froid (s)':>10} {'requêtes':>9} {'chaud (s)':>10} {'requêtes':>9}")
    for name, url in PAGES:
        cache.clear()
        cold, cold_queries = measure(client, url)
        warm, warm_queries = measure(client, url)
        print(f"{name:<24} {cold:>10.3f} {cold_queries:>9} {warm:>10.3f} {warm_queries:>9}")
