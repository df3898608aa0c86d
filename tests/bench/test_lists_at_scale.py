"""The participant list and the people search at 1×, 10× and 100× the demo's 384 pathways (a
benchmark: it measures and prints, `uv run pytest -m bench -s tests/bench/test_lists_at_scale.py`)."""

import datetime
import random
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbe_portal.models import Person
from plie.models import Parcours

pytestmark = pytest.mark.bench
PATHWAYS = 384  # the demo's
NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Garcia"]


def grow_to(total: int, rng: random.Random) -> None:
    missing = total - Parcours.objects.count()
    people = Person.objects.bulk_create(
        Person(first_name=f"Prénom{n}", last_name=f"{rng.choice(NAMES)}{n % 997}", gender="F") for n in range(missing)
    )
    start = datetime.date(2016, 1, 1)
    Parcours.objects.bulk_create(
        Parcours(person=person, entry_date=start + datetime.timedelta(days=rng.randrange(3000))) for person in people
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(client, url, params, runs=7):
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            begin = time.perf_counter()
            assert client.get(url, params).status_code == 200
            times.append(time.perf_counter() - begin)
    return statistics.median(times) * 1000, len(context.captured_queries)


def test_lists_at_scale(client_as):
    client, rng = client_as("coordination"), random.Random(1)
    rows = []
    for scale in (1, 10, 100):
        grow_to(PATHWAYS * scale, rng)
        for label, url, params in [
            ("participant list", reverse("plie:parcours_list"), {}),
            (
                "participant list, page 2, sorted by entry",
                reverse("plie:parcours_list"),
                {"tri": "-entree", "page": 2},
            ),
            ("people search ?q=mar", reverse("cbe_portal:person_list"), {"q": "mar"}),
        ]:
            median, queries = timed(client, url, params)
            rows.append((scale, label, median, queries))
    print("\nscale | page | median ms | queries")
    for scale, label, median, queries in rows:
        print(f"{scale:>4}× | {label} | {median:.1f} | {queries}")
    counts = {label: {queries for scale, other, _, queries in rows if other == label} for _, label, _, _ in rows}
    assert all(len(found) == 1 for found in counts.values()), counts  # the query count does not grow
