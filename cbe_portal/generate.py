"""Data at scale, for the benchmark (`manage.py generate_data`): every programme app's
`<app>.generate.generate(scale, rng)` adds `scale` times its 2020 volumes for every year from
`FIRST_YEAR` to today, drawn from `rng` only, so that a seed always gives the same records. Then
people who would be namesakes (same names and birth date: `PersonQuerySet.namesakes`) get a
compound surname, so that every person is a distinct one. Invented records have no audit trail
(the trail records what people do; its triggers would double the time of the inserts)."""

import random
from importlib import import_module

import pgtrigger
from django.db import connection, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from . import figures
from .models import Person
from .permissions import programme_configs

# Surnames of the Landes and the Pays basque, for compound names.
SURNAMES = [
    "Arrieta", "Bergez", "Bidart", "Cabannes", "Courrèges", "Daguerre", "Dubedout", "Duhalde", "Estrade",
    "Fourcade", "Gaillardou", "Garay", "Goyhenetche", "Hiriart", "Idiart", "Jaureguiberry", "Labadie",
    "Lasserre", "Loustau", "Marsan", "Navarre", "Oyhenart", "Pémartin", "Poublan", "Sarraute", "Tauziet",
]  # fmt: skip


def run(scale: int, seed: int) -> None:
    """Add `scale` times the 2020 volumes of every programme, all or nothing, then refresh the
    planner's statistics."""
    with transaction.atomic(), pgtrigger.ignore():
        for config in programme_configs():
            import_module(f"{config.name}.generate").generate(scale, random.Random(f"{seed}-{config.label}"))
        make_distinct(random.Random(f"{seed}-personnes"))
        figures.invalidate()  # bulk inserts send no signal
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def make_distinct(rng: random.Random) -> None:
    """Give every namesake but the first a compound surname, until no two people are namesakes."""
    while True:
        order = Window(RowNumber(), partition_by=[F("first_name"), F("last_name"), F("birth_date")], order_by="pk")
        clashes = list(Person.objects.annotate(rank=order).filter(rank__gt=1).order_by("pk").only("last_name"))
        if not clashes:
            return
        for person in clashes:
            person.last_name = f"{person.last_name}-{rng.choice(SURNAMES)}"
        Person.objects.bulk_update(clashes, ["last_name"], batch_size=2000)
