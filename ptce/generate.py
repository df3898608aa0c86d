"""The PTCE at scale (see `cbe_portal.generate`): its six themes, then `scale` groups of members
(the first group the demo's, the others invented), each declaring every year from 2016 to last year
the report's 2019 and 2020 totals (4 % more a year after, less before); the demo's projects and
publications once per group."""

import datetime
import random

from django.utils import timezone

from cbe_portal.generate import SURNAMES
from cbe_portal.years import FIRST_YEAR

from .demo import MEMBERS, PROJECTS, PUBLICATIONS, THEMES, declarations, member
from .models import Declaration, Project, Publication, Theme

KINDS = {"association": "Association", "scic": "SCIC", "scop": "SCOP", "entreprise": "Entreprise"}
BATCH = 5000


def generate(scale: int, rng: random.Random) -> None:
    themes = Theme.objects.bulk_create(
        Theme(name=name, description=text, position=i) for i, (name, text) in enumerate(THEMES)
    )
    today = timezone.localdate()
    rows = []
    for group in range(scale):
        memberships, taken = {}, set()
        for name, kind, insee_code, joined_on, theme_indexes, description in MEMBERS:
            joined_on = min(datetime.date.fromisoformat(joined_on), datetime.date(FIRST_YEAR, 1, 1))
            own = name if group == 0 else f"{KINDS.get(kind, 'Structure')} {rng.choice(SURNAMES)} n° {group + 1}"
            while own in taken:
                own = own.replace(" n° ", "-Sud n° ")
            taken.add(own)
            memberships[name] = member(rng, themes, own, kind, insee_code, joined_on, theme_indexes, description)
        for year in range(FIRST_YEAR, today.year):
            rows += declarations(year, list(memberships.values()), rng)
        for name, theme, status, started_on, description, members in PROJECTS:
            project = Project.objects.create(
                name=name if group == 0 else f"{name} ({group + 1})", theme=themes[theme], status=status,
                description=description, started_on=datetime.date.fromisoformat(started_on),
            )  # fmt: skip
            project.organisations.set([memberships[m].organisation for m in members if m in memberships])
    Declaration.objects.bulk_create(rows, batch_size=BATCH)
    Publication.objects.bulk_create(
        Publication(title=title, kind=kind, year=year, description=description, link=link)
        for title, kind, year, description, link in PUBLICATIONS * scale
    )
