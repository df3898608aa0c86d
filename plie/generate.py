"""The PLIE at scale (see `cbe_portal.generate`): `scale` times 2020's volumes every year, drawn
with the demo's own rules. As many pathways open each year as closed in 2020 (57) and last one to
five years, so that about 200 people are accompanied a year (2020: 203); from 2013, so that 2016
starts with people already accompanied. The meal fund gives 2020's 390 aids a year, the three
collective actions come back every autumn with a group of ten each."""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from cbe_portal.models import Person, User
from cbe_portal.years import FIRST_YEAR

from .demo import SILENT_SHARE, Demo, add_months, fse_record
from .demo_names import LAST_NAMES, MEN_NAMES, WOMEN_NAMES
from .models import Attendance, CollectiveAction, Frein, FseRecord, Interview, Parcours, Session, Step

NEW_A_YEAR, MONTHS, FIRST_ENTRIES = 57, (12, 60), FIRST_YEAR - 3
REFERENTS_PER_UNIT, MEAL_AIDS_A_YEAR, GROUP = 3, 390, 10
BATCH = 5000
ACTIONS = [
    ("En forme pour l'emploi", "Santé, hygiène de vie et alimentation en lien avec l'emploi.", None,
     [(9, 15), (9, 29), (10, 13), (10, 27), (11, 17), (12, 1)],
     ["Sommeil et rythme de travail", "Bouger au quotidien", "Bien manger à petit prix", "Gérer son stress"]),
    ("Théâtre et coaching", "Travailler sa posture et sa communication professionnelle par le théâtre.", None,
     [(10, 6), (10, 20), (11, 10), (11, 24), (12, 8)], ["Se présenter", "La voix et le regard", "Improvisation"]),
    ("Techniques de recherche d'emploi", "Projet professionnel, CV et candidatures, avec le PERF.", "PERF",
     [(2, 12), (4, 14), (6, 12), (9, 14), (11, 12)], ["Projet professionnel", "CV", "Entretien d'embauche"]),
]  # fmt: skip


def generate(scale: int, rng: random.Random) -> None:
    today = timezone.localdate()
    demo = Demo(rng)
    demo.referents = referents(REFERENTS_PER_UNIT * scale, rng)
    pathways = new_pathways(demo, scale, today)
    freins, steps, interviews = [], [], []
    for parcours in pathways:
        end = parcours.exit_date or today
        if parcours.exit_date is None and rng.random() < SILENT_SHARE:  # no news for months
            end = max(today - datetime.timedelta(days=rng.randint(100, 250)), parcours.entry_date)
        steps += demo.steps(parcours, end, parcours.exit_type.name if parcours.exit_type else None)
        freins += demo.barriers(parcours, end)
        interviews += demo.appointments(parcours, end)
    Frein.objects.bulk_create(freins, batch_size=BATCH)
    Step.objects.bulk_create(steps, batch_size=BATCH)
    Interview.objects.bulk_create(interviews, batch_size=BATCH)
    FseRecord.objects.bulk_create((fse_record(rng, parcours, today) for parcours in pathways), batch_size=BATCH)
    collective_actions(demo, pathways, scale, today)
    aids = dict.fromkeys(range(FIRST_YEAR, today.year), MEAL_AIDS_A_YEAR * scale)
    aids[today.year] = MEAL_AIDS_A_YEAR * scale * today.timetuple().tm_yday // 365
    demo.meal_fund(pathways, aids, until=today - datetime.timedelta(days=1))


def referents(count: int, rng: random.Random) -> list[User]:
    """`count` PLIE advisers, accounts without a password (their pathways', not to log in)."""
    users, names = [], set()
    while len(users) < count:
        first_name, last_name = rng.choice(WOMEN_NAMES + MEN_NAMES), rng.choice(LAST_NAMES)
        username = f"{first_name}.{last_name}".lower().replace(" ", "")
        if username not in names:
            names.add(username)
            user = User(username=username, first_name=first_name, last_name=last_name)
            user.set_unusable_password()
            users.append(user)
    users = User.objects.bulk_create(users)
    Group.objects.get(name="plie").user_set.add(*users)
    return users


def new_pathways(demo: Demo, scale: int, today: datetime.date) -> list[Parcours]:
    """`NEW_A_YEAR × scale` new people a year (pro rata this year), each with one pathway."""
    rng, plans = demo.rng, []
    for year in range(FIRST_ENTRIES, today.year + 1):
        last = min(datetime.date(year, 12, 15), today - datetime.timedelta(days=7))
        count = NEW_A_YEAR * scale if year < today.year else NEW_A_YEAR * scale * today.timetuple().tm_yday // 365
        for _ in range(count):
            entry = demo.day_between(datetime.date(year, 1, 6), last)
            age = rng.randint(50, 59) if rng.random() < 0.25 else rng.randint(20, 49)
            person = demo.new_person(rng.random() < 0.62, demo.birth_date(age, entry.year))
            plans.append(demo.plan(person, entry, None, None, deld=rng.random() < 0.39, rsa=rng.random() < 0.33))
    Person.objects.bulk_create([plan["person"] for plan in plans], batch_size=BATCH)
    pathways = [demo.parcours(plan) for plan in plans]
    for parcours in pathways:
        parcours.referent = rng.choice(demo.referents)
        exit_date = add_months(parcours.entry_date, rng.randint(*MONTHS))
        if exit_date < today:
            demo.leave(parcours, exit_date)
    return Parcours.objects.bulk_create(pathways, batch_size=BATCH)


def collective_actions(demo: Demo, pathways: list[Parcours], scale: int, today: datetime.date) -> None:
    """Every action once per `scale`, each year on its dates, to a group of people it covers."""
    rng, sessions, groups = demo.rng, [], []
    for name, description, partner, dates, themes in ACTIONS:
        actions = CollectiveAction.objects.bulk_create(
            CollectiveAction(name=name, description=description, partner=demo.organisations.get(partner))
            for _ in range(scale)
        )
        for year in range(FIRST_YEAR, today.year + 1):
            days = [day for month, day_of_month in dates if (day := datetime.date(year, month, day_of_month)) < today]
            eligible = [p for p in pathways if days and all(p.covers(day) for day in days)]
            for action in actions:
                group = [Session(action=action, date=day, theme=themes[i % len(themes)]) for i, day in enumerate(days)]
                sessions += group
                groups.append((group, rng.sample(eligible, min(GROUP, len(eligible)))))
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    Attendance.objects.bulk_create(
        (
            Attendance(session_id=session.pk, parcours_id=parcours.pk)
            for group, attendees in groups
            for parcours in attendees
            for session in group
            if rng.random() < 0.85
        ),
        batch_size=BATCH,
    )
