"""The incubator at scale (see `cbe_portal.generate`): the demo's collective and catalogue, then
every year from 2016 to today as the demo's years after 2020 (`demo.LiveYears`), `scale` times:
7 projects met, 50 receptions and 116 people, 11 collective times and the 5 trainings a year."""

import datetime
import random

from django.utils import timezone

from cbe_portal.years import FIRST_YEAR

from .demo import TRAININGS, Builder
from .demo_live import LiveYears
from .models import CollectiveMember, Training


def generate(scale: int, rng: random.Random) -> None:
    builder = Builder(rng)
    members = builder.collective()
    for member in members:  # the collective is there from the first year on
        member.joined_on = min(member.joined_on, datetime.date(FIRST_YEAR, 1, 1))
    CollectiveMember.objects.bulk_update(members, ["joined_on"])
    trainings = Training.objects.bulk_create(Training(title=title, finalised_on=day) for title, day in TRAININGS)
    years = LiveYears(builder, timezone.localdate(), first_year=FIRST_YEAR, scale=scale, key=(rng.randrange(10**9),))
    years.build([], members, trainings)
