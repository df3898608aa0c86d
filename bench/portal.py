"""The portal's side of the benchmark, run with the portal's production settings:
`python -m bench.portal prepare` (accounts, 2020 published with its PDF, a staff session, the pages'
addresses) and `python -m bench.portal measure` (queries per request, a year's figures uncached),
each printing JSON."""

import json
import os
import statistics
import sys
import time
from importlib import import_module

import django


def pages(year: int) -> dict:
    """{label: (address, as staff)}: the issue's pages."""
    from django.urls import reverse

    from cbe_portal.permissions import programme_configs
    from plie.models import Parcours

    public = [
        ("accueil", reverse("cbe_portal:home")),
        *[(f"page {c.label}", reverse(f"{c.label}:public") + f"?annee={year}") for c in programme_configs()],
        (f"rapport {year}", reverse("cbe_portal:report", args=[year])),
        (f"rapport {year} (PDF)", reverse("cbe_portal:report_pdf", args=[year])),
        (f"données {year} (JSON)", reverse("cbe_portal:open_data_json", args=[year])),
        ("annuaire PTCE", reverse("ptce:member_list")),
    ]
    pathway = Parcours.objects.filter(exit_date__isnull=True).order_by("pk").values_list("pk", flat=True).first()
    staff = [
        ("liste des participants", reverse("plie:parcours_list")),
        ("page d'un participant", reverse("plie:parcours_detail", args=[pathway])),
        ("recherche de personnes ?q=mar", reverse("cbe_portal:person_list") + "?q=mar"),
        ("liste des employeurs", reverse("gpect:employer_list")),
        ("liste des achats", reverse("circuits:purchase_list")),
        ("tableau de bord", reverse("cbe_portal:dashboard")),
        ("page PLIE en brouillon", reverse("plie:public") + "?brouillon=1"),
    ]
    return {label: (url, False) for label, url in public} | {label: (url, True) for label, url in staff}


def prepare(year: int) -> dict:
    """The demo accounts, `year` published (its PDF built now), a coordination session."""
    from django.conf import settings
    from django.test import Client

    from cbe_portal import demo, publication
    from cbe_portal.models import User
    from cbe_portal.permissions import Role

    demo.create_accounts()
    coordination = User.objects.get(username=Role.COORDINATION.value)
    if publication.current(year) is None:
        publication.publish(year, coordination, build_pdf=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordination)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={session}", "pages": pages(year)}


def measure(year: int, cookie: str) -> dict:
    """Queries of each page (its second request: caches warm, as under load), and all five
    programmes' figures of `year` computed uncached (median of five)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cbe_portal.permissions import programme_configs

    name, value = cookie.split("=", 1)
    queries = {}
    for label, (url, staff) in pages(year).items():
        client = Client(HTTP_HOST="127.0.0.1")
        if staff:
            client.cookies[name] = value
        client.get(url, secure=True)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, secure=True)
        assert response.status_code == 200, (label, response.status_code)
        queries[label] = len(context.captured_queries)
    indicators = [import_module(f"{config.name}.indicators") for config in programme_configs()]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for module in indicators:
            module.for_year(year)
        times.append(time.perf_counter() - start)
    return {"queries": queries, "figures_ms": statistics.median(times) * 1000, "plie_tables": plie_tables()}


def plie_tables() -> dict:
    """The PLIE's records and people: rows and bytes on disk (indexes included), for sizing."""
    from django.apps import apps
    from django.db import connection

    from cbe_portal.audit import is_history

    tables = [m for m in apps.get_app_config("plie").get_models() if not is_history(m)]
    tables.append(apps.get_model("cbe_portal", "Person"))
    rows = bytes_ = 0
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute("SELECT pg_total_relation_size(%s)", [model._meta.db_table])
            bytes_ += cursor.fetchone()[0]
            rows += model._base_manager.count()
    return {"rows": rows, "bytes": bytes_}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbe_portal.settings")
    django.setup()
    command, year = sys.argv[1], int(sys.argv[2])
    result = prepare(year) if command == "prepare" else measure(year, sys.argv[3])
    print(json.dumps(result))
