"""The GPECT at scale (see `cbe_portal.generate`): `scale` groups of the demo's 430 employers and
140 people, each group living every year from 2016 to today as 2020 did (`demo.create_live_year`:
392 employers mobilised, 214 offers, 50 matches, visits, five markets with 29 people placed)."""

import random

from django.utils import timezone

from cbe_portal.models import Commune
from cbe_portal.years import FIRST_YEAR

from .demo import BUYERS, COMMUNES, create_employers, create_live_year, create_people, organisation


def generate(scale: int, rng: random.Random) -> None:
    communes = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=[*COMMUNES, "40192", "64102"])}
    for name, kind, code in BUYERS:
        organisation(name, kind, communes.get(code))
    for _ in range(scale):
        employers, people = create_employers(rng, communes), create_people(rng, communes)
        for year in range(FIRST_YEAR, timezone.localdate().year + 1):
            create_live_year(rng, year, employers, people)
