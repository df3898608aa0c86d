"""Create the floor's tables and its 10 000 rows (once)."""

import datetime
import random
from decimal import Decimal

import django
from django.core.management import call_command

ROWS = 10_000
NAMES = ["Lafitte", "Dufau", "Labat", "Etcheverry", "Lacoste", "Dupouy", "Lalanne", "Castaing", "Duprat", "Laborde"]
CITIES = ["Tarnos", "Ondres", "Boucau", "Bayonne", "Saint-Martin-de-Seignanx", "Biarrotte", "Biaudos", "Labenne"]

if __name__ == "__main__":
    django.setup()
    from bench.floor.models import Row

    call_command("migrate", run_syncdb=True, verbosity=0)
    if not Row.objects.exists():
        rng, first = random.Random(1), datetime.date(2016, 1, 1)
        Row.objects.bulk_create(
            Row(name=f"{rng.choice(NAMES)} {n}", city=rng.choice(CITIES), amount=Decimal(rng.randrange(10_000)) / 100,
                day=first + datetime.timedelta(days=rng.randrange(3650)))
            for n in range(ROWS)
        )  # fmt: skip
