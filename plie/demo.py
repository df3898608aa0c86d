"""Demo data of the programme (invented people only): pathways from 2014 to 2020 whose 2020 figures
are the activity report's (203 people, 51 new, 62 % women, 39 % long-term job-seekers, a third on
RSA, 25 % aged 50+, 57 exits of which 29 positive and 15 administrative), collective actions, and
the meal fund (15 aids in 2016, 325 in 2019, 390 in 2020: +20 % in a year, +2 500 % since 2016).
From 2021 to today the programme runs on at 2020's pace (`Demo.live_years`, drawn after everything
above so that the figures up to 2020 stay those of the report): the pathways open at the end of 2020
reach their exit, new ones open every year and the latest are still open, a few without news for
months; the collective actions come back every autumn and the meal fund gives as many aids."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cbe_portal.models import Commune, Organisation, Person, User

from .demo_names import LAST_NAMES, MEN_NAMES, WOMEN_NAMES
from .models import (
    SIX_MONTHS,
    Attendance,
    CollectiveAction,
    ExitType,
    Frein,
    FseRecord,
    Interview,
    MealAid,
    Parcours,
    Session,
    Step,
    months_before,
)

SEED = 1997  # the year the PLIE du Seignanx was created
# The FSE+ data comes from a random generator of its own, drawn after everything else: the draws
# above, and so the figures of 2016–2020, stay as they were.
FSE_SEED = 2021  # the first year of the FSE+ programme
YEAR = 2020
END = datetime.date(YEAR, 12, 31)
LOCKDOWN = (datetime.date(2020, 3, 17), datetime.date(2020, 5, 10))

# The report's 2020 figures, as counts over the 203 people accompanied.
ACCOMPANIED, NEW = 203, 51
WOMEN, DELD, RSA, FIFTY_PLUS = 126, 79, 68, 51
EXITS_FROM_OLD, EXITS_FROM_NEW = 50, 7
# 57 exits in 2020: 29 positive, 15 administrative, 13 other, by type.
EXITS_2020 = {
    "CDI": 6, "CDD de 6 mois ou plus": 8, "Intérim cumulé de 6 mois ou plus": 3,
    "Contrat de professionnalisation": 4, "Contrat d'apprentissage": 1, "Création d'entreprise": 2,
    "Formation qualifiante": 5, "Déménagement": 11, "Retraite": 4, "Abandon": 4, "Raisons de santé": 6,
    "Durée maximale de parcours atteinte": 3,
}  # fmt: skip
# Pathways closed before 2020, by exit year.
EARLIER_EXITS = {2016: 38, 2017: 44, 2018: 47, 2019: 52}
RETURNING = 6  # people of 2020 who had an earlier pathway
MEAL_AIDS = {2016: 15, 2017: 52, 2018: 140, 2019: 325, 2020: 390}

# The years after the report: new pathways a year, and how long a pathway lasts (months); the exits
# in 2020's proportions (retirement for people aged 62 or more); a few open pathways without news.
LIVE_FROM = datetime.date(YEAR + 1, 1, 4)
LIVE_NEW = 60
LIVE_MONTHS = (10, 44)
LIVE_EXITS = {name: count for name, count in EXITS_2020.items() if name != "Retraite"}
SILENT_SHARE = 0.12

SEIGNANX = {"40312": 45, "40212": 16, "40273": 14, "40249": 7, "40251": 4, "40043": 3, "40044": 6, "40266": 5}

ORGANISATIONS = {
    "Pôle emploi": {"kind": Organisation.Kind.ETABLISSEMENT_PUBLIC, "sector": "Emploi"},
    "Mission locale des Landes": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Emploi"},
    "Services sociaux du Département des Landes": {"kind": Organisation.Kind.COLLECTIVITE, "sector": "Action sociale"},
    "CCAS de Tarnos": {"kind": Organisation.Kind.ETABLISSEMENT_PUBLIC, "sector": "Action sociale"},
    "CAP Emploi": {"kind": Organisation.Kind.ASSOCIATION, "sector": "Emploi"},
    "PERF": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Formation"},
    "Ferme solidaire Lacoste": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Maraîchage"},
    "SCIC Eole": {"kind": Organisation.Kind.SCIC, "is_ess": True, "sector": "Restauration"},
    "Items": {"kind": Organisation.Kind.ENTREPRISE, "is_ess": True, "sector": "Recyclage"},
    "Groupement d'employeurs A Lundi": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Emploi"},
    "Habitat Jeunes Sud Aquitaine": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Logement"},
    "Carrefour Supply Chain Labenne": {"kind": Organisation.Kind.ENTREPRISE, "sector": "Logistique"},
    "CIAS du Seignanx": {"kind": Organisation.Kind.ETABLISSEMENT_PUBLIC, "sector": "Aide à domicile"},
    "Association Addictions France": {"kind": Organisation.Kind.ASSOCIATION, "is_ess": True, "sector": "Santé"},
}
PRESCRIBERS = {
    "Pôle emploi": 40, "Services sociaux du Département des Landes": 22, "CCAS de Tarnos": 12,
    "Mission locale des Landes": 8, "CAP Emploi": 8, "CIAS du Seignanx": 10,
}  # fmt: skip
EDUCATION = {"infra3": 30, "3": 38, "4": 20, "5": 8, "6+": 4}

# Steps on the way: (kind, title, organisation, contract, months, qualifying).
STEPS = [
    ("accompagnement_social", "Accompagnement budgétaire", "CCAS de Tarnos", "", None, None),
    ("accompagnement_social", "Recherche de logement", "Habitat Jeunes Sud Aquitaine", "", None, None),
    ("atelier", "Techniques de recherche d'emploi", "PERF", "", None, None),
    ("atelier", "Atelier numérique : démarches en ligne", "PERF", "", None, None),
    ("immersion", "Maraîchage biologique", "Ferme solidaire Lacoste", "", None, None),
    ("immersion", "Commis de cuisine", "SCIC Eole", "", None, None),
    ("immersion", "Préparation de commandes", "Carrefour Supply Chain Labenne", "", None, None),
    ("formation", "Remise à niveau en français", "PERF", "", None, False),
    ("formation", "Sauveteur secouriste du travail", "PERF", "", None, False),
    ("iae", "Ouvrier·e maraîcher·e", "Ferme solidaire Lacoste", "cddi", 6, None),
    ("iae", "Agent·e de tri", "Items", "cddi", 8, None),
    ("iae", "Commis de cuisine", "SCIC Eole", "cddi", 6, None),
    ("emploi", "Agent·e d'entretien", "Groupement d'employeurs A Lundi", "cdd", 2, None),
    ("emploi", "Préparateur·rice de commandes", "Carrefour Supply Chain Labenne", "interim", 1, None),
    ("emploi", "Aide à domicile", "CIAS du Seignanx", "cdd", 3, None),
]
# The step that goes with each positive exit.
EXIT_STEPS = {
    "CDI": ("emploi", "Aide à domicile", "CIAS du Seignanx", "cdi", None, None),
    "CDD de 6 mois ou plus": ("emploi", "Agent·e de restauration", "SCIC Eole", "cdd", 6, None),
    "Intérim cumulé de 6 mois ou plus": (
        "emploi", "Préparateur·rice de commandes", "Carrefour Supply Chain Labenne", "interim", 6, None,
    ),
    "Contrat de professionnalisation": (
        "emploi", "Agent·e de propreté", "Groupement d'employeurs A Lundi", "professionnalisation", 12, None,
    ),
    "Contrat d'apprentissage": ("emploi", "CAP cuisine", "SCIC Eole", "apprentissage", 24, None),
    "Création d'entreprise": ("autre", "Création d'une micro-entreprise", None, "", None, None),
    "Formation qualifiante": ("formation", "Titre pro assistant·e de vie aux familles", "PERF", "", None, True),
}  # fmt: skip
SUBJECTS = [
    "Diagnostic et projet professionnel", "Point d'étape", "Préparation d'un entretien d'embauche",
    "Mise à jour du CV", "Suivi des démarches", "Point sur les freins", "Bilan d'immersion", "Point sur la formation",
]  # fmt: skip


REFERENTS = [("Sophie", "Laborde"), ("Karim", "Benhamou"), ("Maïté", "Etchegaray")]


def load() -> None:
    """Load the demo data once; a second call changes nothing."""
    if Parcours.objects.exists():
        return
    with transaction.atomic():
        Demo(random.Random(SEED)).load()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


class Demo:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.organisations = {
            name: Organisation.objects.get_or_create(name=name, defaults=defaults)[0]
            for name, defaults in ORGANISATIONS.items()
        }
        self.communes = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=SEIGNANX)}
        self.exit_types = {t.name: t for t in ExitType.objects.all()}
        self.referents = [self.referent(*names) for names in REFERENTS]

    @staticmethod
    def referent(first_name: str, last_name: str):
        """A PLIE adviser (no password: an account for the demo's pathways, not to log in)."""
        username = f"{first_name[0]}.{last_name}".lower()
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name="plie"))
        return user

    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        day = first + datetime.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))
        if LOCKDOWN[0] <= day <= LOCKDOWN[1] and last > LOCKDOWN[1]:  # few entries during the lockdown
            day = min(LOCKDOWN[1] + datetime.timedelta(days=self.rng.randint(1, 40)), last)
        return day

    def load(self):
        plans_2020 = self.plan_2020()
        plans = plans_2020 + self.plan_earlier(plans_2020)
        Person.objects.bulk_create(list({id(plan["person"]): plan["person"] for plan in plans}.values()))
        pathways = Parcours.objects.bulk_create([self.parcours(plan) for plan in plans])
        freins, steps, interviews = [], [], []
        for parcours, plan in zip(pathways, plans, strict=True):
            end = parcours.exit_date or END
            steps += self.steps(parcours, end, plan["exit_type"])
            freins += self.barriers(parcours, end)
            interviews += self.appointments(parcours, end)
        Frein.objects.bulk_create(freins)
        Step.objects.bulk_create(steps)
        Interview.objects.bulk_create(interviews)
        self.collective_actions(pathways)
        self.meal_fund(pathways, MEAL_AIDS)
        self.live_years(pathways, freins, interviews)
        fse_records(random.Random(FSE_SEED))

    # The people and their pathways ------------------------------------------------------------

    def new_person(self, woman: bool, birth_date: datetime.date) -> Person:
        first_name = self.rng.choice(WOMEN_NAMES if woman else MEN_NAMES)
        return Person(
            first_name=first_name,
            last_name=self.rng.choice(LAST_NAMES),
            gender=Person.Gender.FEMME if woman else Person.Gender.HOMME,
            birth_date=birth_date,
            phone=f"06 {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} "
            f"{self.rng.randint(10, 99)}",
            commune=self.communes[self.weighted(SEIGNANX)],
        )

    def birth_date(self, age_on_31_december: int, year: int = YEAR) -> datetime.date:
        """Born in the year that gives exactly this age on 31 December of `year`."""
        return datetime.date(year - age_on_31_december, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def plan_2020(self) -> list[dict]:
        """The 203 people accompanied in 2020, with the report's exact shares."""
        rng, indices = self.rng, range(ACCOMPANIED)
        women, deld, rsa = (set(rng.sample(indices, k)) for k in (WOMEN, DELD, RSA))
        fifty = set(rng.sample(indices, FIFTY_PLUS))
        new = set(rng.sample(sorted(set(indices) - fifty), NEW - 6)) | set(rng.sample(sorted(fifty), 6))
        old = sorted(set(indices) - new)
        retired = rng.sample(sorted(fifty - new), EXITS_2020["Retraite"])
        exiting_old = retired + rng.sample(sorted(set(old) - set(retired)), EXITS_FROM_OLD - len(retired))
        exiting_new = rng.sample(sorted(new), EXITS_FROM_NEW)
        other_types = [name for name, n in EXITS_2020.items() for _ in range(n) if name != "Retraite"]
        rng.shuffle(other_types)
        exit_types = dict(zip(retired, ["Retraite"] * len(retired), strict=True))
        exit_types |= dict(zip(exiting_old[len(retired) :] + exiting_new, other_types, strict=True))
        plans = []
        for i in indices:
            age = rng.randint(61, 63) if i in retired else rng.randint(50, 59) if i in fifty else rng.randint(22, 49)
            if i in new:
                latest = datetime.date(YEAR, 2, 28) if i in exit_types else datetime.date(YEAR, 12, 11)
                entry = self.day_between(datetime.date(YEAR, 1, 6), latest)
            else:
                entry = self.day_between(datetime.date(2017, 9, 1), datetime.date(2019, 12, 16))
            exit_date = None
            if i in exit_types:
                exit_date = self.day_between(max(entry + datetime.timedelta(days=120), datetime.date(YEAR, 1, 6)), END)
            plans.append(
                self.plan(self.new_person(i in women, self.birth_date(age)), entry, exit_date, exit_types.get(i),
                          deld=i in deld, rsa=i in rsa)
            )  # fmt: skip
        plans[exiting_old[-1]]["exit_date"] = END  # an exit on 31 December still counts in 2020
        return plans

    def plan_earlier(self, plans_2020) -> list[dict]:
        """Pathways closed between 2016 and 2019; a few of those people came back in 2020."""
        rng, plans = self.rng, []
        came_back = [
            plan["person"] for plan in plans_2020
            if plan["entry"].year == YEAR and plan["person"].birth_date.year <= 1988
        ][:RETURNING]  # fmt: skip
        positive = list(EXIT_STEPS)
        for year, count in EARLIER_EXITS.items():
            for _ in range(count):
                exit_date = self.day_between(datetime.date(year, 1, 10), datetime.date(year, 12, 20))
                entry = add_months(exit_date, -rng.randint(6, 30))
                category = rng.choices(["positive", "administrative", "autre"], [48, 22, 30])[0]
                if category == "positive":
                    exit_type = rng.choice(positive)
                elif category == "administrative":
                    exit_type = "Déménagement"
                else:
                    exit_type = rng.choice(["Abandon", "Raisons de santé", "Durée maximale de parcours atteinte"])
                if year <= 2018 and came_back:
                    person = came_back.pop()
                else:
                    person = self.new_person(rng.random() < 0.6, self.birth_date(rng.randint(22, 58), entry.year))
                plans.append(
                    self.plan(person, entry, exit_date, exit_type, deld=rng.random() < 0.4, rsa=rng.random() < 0.33)
                )
        return plans

    def plan(self, person, entry, exit_date, exit_type, deld, rsa) -> dict:
        rng = self.rng
        if deld:
            since = add_months(entry, -rng.randint(12, 48))
        elif rng.random() < 0.6:
            since = add_months(entry, -rng.randint(1, 10))
        else:
            since = None
        return {
            "person": person, "entry": entry, "exit_date": exit_date, "exit_type": exit_type,
            "since": since, "rsa": rsa,
        }  # fmt: skip

    def parcours(self, plan) -> Parcours:
        rng = self.rng
        return Parcours(
            person=plan["person"],
            entry_date=plan["entry"],
            prescriber=self.organisations[self.weighted(PRESCRIBERS)],
            # Not drawn from rng, so that the draws (and the demo's figures) stay as they were.
            referent=self.referents[len(plan["person"].last_name) % len(self.referents)],
            job_seeker_since=plan["since"],
            rsa=plan["rsa"],
            ass=not plan["rsa"] and rng.random() < 0.1,
            aah=rng.random() < 0.06,
            rqth=rng.random() < 0.14,
            education_level=self.weighted(EDUCATION),
            qpv=rng.random() < 0.08,
            exit_date=plan["exit_date"],
            exit_type=self.exit_types[plan["exit_type"]] if plan["exit_type"] else None,
        )

    # What happens during a pathway ------------------------------------------------------------

    def step(self, parcours, spec, start, end) -> Step:
        kind, title, organisation, contract, months, qualifying = spec
        return Step(
            parcours=parcours, kind=kind, title=title, start_date=start, end_date=end,
            organisation=self.organisations[organisation] if organisation else None,
            contract_type=contract, contract_months=months, qualifying=qualifying,
        )  # fmt: skip

    def steps(self, parcours, end, exit_type, start=None) -> list[Step]:
        """Steps from the entry (or `start`) to `end`, and the step that goes with a positive exit."""
        rng, steps = self.rng, []
        day = (start or parcours.entry_date) + datetime.timedelta(days=rng.randint(10, 45))
        for spec in rng.sample(STEPS, rng.randint(1, 4)):
            if day >= end:
                break
            months = spec[4]
            length = datetime.timedelta(days=30 * months if months else rng.randint(3, 60))
            steps.append(self.step(parcours, spec, day, min(day + length, end)))
            day += length + datetime.timedelta(days=rng.randint(15, 90))
        if exit_type in EXIT_STEPS:
            start = max(parcours.exit_date - datetime.timedelta(days=rng.randint(0, 30)), parcours.entry_date)
            steps.append(self.step(parcours, EXIT_STEPS[exit_type], start, None))
        return steps

    def barriers(self, parcours, end) -> list[Frein]:
        rng, freins = self.rng, []
        themes = [theme for theme in Frein.Theme if theme != Frein.Theme.AUTRE]
        weights = [30, 28, 14, 8, 22, 14, 5]
        count = rng.choices([0, 1, 2, 3], [15, 35, 32, 18])[0]
        for theme in dict.fromkeys(rng.choices(themes, weights, k=count)):
            identified = min(parcours.entry_date + datetime.timedelta(days=rng.randint(0, 60)), end)
            lifted = identified + datetime.timedelta(days=rng.randint(30, 400))
            freins.append(
                Frein(parcours=parcours, theme=theme, identified_on=identified,
                      lifted_on=lifted if lifted <= end and rng.random() < 0.6 else None)
            )  # fmt: skip
        return freins

    def appointments(self, parcours, end, start=None) -> list[Interview]:
        """An interview every three to eight weeks from the entry (or `start`) to `end`."""
        rng, day, interviews = self.rng, start or parcours.entry_date, []
        while day <= end:
            mode = Interview.Mode.TELEPHONE if LOCKDOWN[0] <= day <= LOCKDOWN[1] else Interview.Mode.PRESENTIEL
            subject = SUBJECTS[0] if day == parcours.entry_date else rng.choice(SUBJECTS[1:])
            interviews.append(Interview(parcours=parcours, date=day, mode=mode, subject=subject))
            day += datetime.timedelta(days=rng.randint(21, 56))
        return interviews

    # Collective actions and the meal fund -----------------------------------------------------

    def collective_actions(self, pathways):
        actions = [
            ("En forme pour l'emploi", "Santé, hygiène de vie et alimentation en lien avec l'emploi.", None,
             [datetime.date(2020, d[0], d[1]) for d in [(9, 15), (9, 29), (10, 13), (10, 27), (11, 17), (12, 1)]],
             ["Sommeil et rythme de travail", "Bouger au quotidien", "Bien manger à petit prix", "Gérer son stress",
              "Prévention des addictions", "Bilan collectif"], 12),
            ("Théâtre et coaching", "Travailler sa posture et sa communication professionnelle par le théâtre.", None,
             [datetime.date(2020, d[0], d[1]) for d in [(10, 6), (10, 20), (11, 10), (11, 24), (12, 8)]],
             ["Se présenter", "La voix et le regard", "Jeux de rôle : l'entretien", "Improvisation", "Restitution"],
             9),
            ("Techniques de recherche d'emploi", "Projet professionnel, CV et candidatures, avec le PERF.", "PERF",
             [datetime.date(2019, m, 12) for m in (2, 4, 6, 9, 11)] + [datetime.date(2020, m, 14) for m in (1, 2, 9)],
             ["Projet professionnel", "CV", "Lettre de motivation", "Entretien d'embauche", "Réseau"], 10),
        ]  # fmt: skip
        links, self.actions = [], []
        for name, description, partner, dates, themes, size in actions:
            action = CollectiveAction.objects.create(
                name=name, description=description, partner=self.organisations.get(partner)
            )
            self.actions.append((action, [day for day in dates if day.year == YEAR], themes, size))
            sessions = Session.objects.bulk_create(
                [Session(action=action, date=day, theme=themes[i % len(themes)]) for i, day in enumerate(dates)]
            )
            for year in sorted({day.year for day in dates}):
                year_sessions = [s for s in sessions if s.date.year == year]
                eligible = [p for p in pathways if all(p.covers(s.date) for s in year_sessions)]
                for parcours in self.rng.sample(eligible, size):
                    links += [
                        Attendance(session_id=s.pk, parcours_id=parcours.pk)
                        for s in year_sessions
                        if self.rng.random() < 0.85
                    ]
        Attendance.objects.bulk_create(links)

    def meal_fund(self, pathways, counts: dict[int, int], until: datetime.date = END):
        """`counts[year]` aids a year, up to `until`, to people followed that year."""
        restaurant = self.organisations["SCIC Eole"]
        aids = []
        for year, count in counts.items():
            first, last = datetime.date(year, 1, 2), min(datetime.date(year, 12, 22), until)
            followed = [p for p in pathways if p.entry_date <= last and (p.exit_date is None or p.exit_date >= first)]
            beneficiaries = self.rng.sample(followed, max(count // 5, 3))
            for _ in range(count):
                parcours = self.rng.choice(beneficiaries)
                day = self.day_between(max(first, parcours.entry_date), min(last, parcours.exit_date or last))
                by_meals = self.rng.random() < 0.75
                aids.append(
                    MealAid(
                        date=day, beneficiary_id=parcours.person_id, restaurant=restaurant,
                        meals=self.rng.randint(4, 20) if by_meals else None,
                        amount=None if by_meals else Decimal(self.rng.choice([20, 30, 40, 50, 60])),
                    )
                )  # fmt: skip
        MealAid.objects.bulk_create(aids)

    # From 2021 to today -----------------------------------------------------------------------

    def live_years(self, pathways, freins, interviews):
        """2021 to today at 2020's pace; nothing here changes a figure of 2020 or before."""
        today = timezone.localdate()
        running = [parcours for parcours in pathways if parcours.exit_date is None]
        last_interview = {interview.parcours_id: interview.date for interview in interviews}  # in date order
        for parcours in running:
            exit_date = add_months(parcours.entry_date, self.rng.randint(14, 54))
            if exit_date < LIVE_FROM:
                exit_date = self.day_between(LIVE_FROM, datetime.date(YEAR + 2, 9, 30))
            if exit_date < today:
                self.leave(parcours, exit_date)
        Parcours.objects.bulk_update(running, ["exit_date", "exit_type"])
        running_ids = {parcours.pk for parcours in running}
        lifted = [
            frein for frein in freins
            if frein.lifted_on is None and frein.parcours_id in running_ids and self.rng.random() < 0.6
        ]  # fmt: skip
        for frein in lifted:
            frein.lifted_on = self.day_between(LIVE_FROM, min(frein.parcours.exit_date or today, today))
        Frein.objects.bulk_update(lifted, ["lifted_on"])
        newcomers = self.live_pathways(today)
        freins, steps, interviews = [], [], []
        for parcours in running:
            end = min(parcours.exit_date or today, today)
            exit_type = parcours.exit_type.name if parcours.exit_type else None
            steps += self.steps(parcours, end, exit_type, start=LIVE_FROM)
            start = last_interview[parcours.pk] + datetime.timedelta(days=self.rng.randint(21, 56))
            interviews += self.appointments(parcours, end, start=start)
        for parcours in newcomers:
            end = parcours.exit_date or today
            if parcours.exit_date is None and self.rng.random() < SILENT_SHARE:  # no news for months
                end = max(today - datetime.timedelta(days=self.rng.randint(100, 250)), parcours.entry_date)
            steps += self.steps(parcours, end, parcours.exit_type.name if parcours.exit_type else None)
            freins += self.barriers(parcours, end)
            interviews += self.appointments(parcours, end)
        Frein.objects.bulk_create(freins)
        Step.objects.bulk_create(steps)
        Interview.objects.bulk_create(interviews)
        every_pathway = pathways + newcomers
        self.live_sessions(every_pathway, today)
        counts = dict.fromkeys(range(LIVE_FROM.year, today.year), MEAL_AIDS[YEAR])
        counts[today.year] = MEAL_AIDS[YEAR] * today.timetuple().tm_yday // 365
        self.meal_fund(every_pathway, counts, until=today - datetime.timedelta(days=1))

    def leave(self, parcours, exit_date):
        """The exit on `exit_date`: retirement from 62 on, else in 2020's proportions."""
        age = parcours.person.age_on(exit_date)
        parcours.exit_date = exit_date
        parcours.exit_type = self.exit_types["Retraite" if age >= 62 else self.weighted(LIVE_EXITS)]

    def live_pathways(self, today) -> list[Parcours]:
        """`LIVE_NEW` new pathways a year (pro rata this year); those begun lately still open."""
        plans = []
        for year in range(LIVE_FROM.year, today.year + 1):
            last = min(datetime.date(year, 12, 15), today - datetime.timedelta(days=7))
            count = LIVE_NEW if year < today.year else LIVE_NEW * today.timetuple().tm_yday // 365
            for _ in range(count):
                entry = self.day_between(datetime.date(year, 1, 6), last)
                age = self.rng.randint(50, 59) if self.rng.random() < 0.25 else self.rng.randint(20, 49)
                person = self.new_person(self.rng.random() < 0.62, self.birth_date(age, entry.year))
                plan = self.plan(
                    person, entry, None, None, deld=self.rng.random() < 0.39, rsa=self.rng.random() < 0.33
                )
                plans.append(plan)
        Person.objects.bulk_create([plan["person"] for plan in plans])
        pathways = [self.parcours(plan) for plan in plans]
        for parcours in pathways:
            exit_date = add_months(parcours.entry_date, self.rng.randint(*LIVE_MONTHS))
            if exit_date < today:
                self.leave(parcours, exit_date)
        return Parcours.objects.bulk_create(pathways)

    def live_sessions(self, pathways, today):
        """Each collective action comes back every year on its 2020 dates, up to today."""
        sessions, attended = [], []
        for action, dates, themes, size in self.actions:
            for year in range(LIVE_FROM.year, today.year + 1):
                days = [day.replace(year=year) for day in dates if day.replace(year=year) < today]
                if days:
                    group = [
                        Session(action=action, date=day, theme=themes[i % len(themes)]) for i, day in enumerate(days)
                    ]
                    eligible = [parcours for parcours in pathways if all(parcours.covers(day) for day in days)]
                    sessions += group
                    attended.append((group, self.rng.sample(eligible, min(size, len(eligible)))))
        Session.objects.bulk_create(sessions)
        Attendance.objects.bulk_create(
            Attendance(session_id=session.pk, parcours_id=parcours.pk)
            for group, attendees in attended
            for parcours in attendees
            for session in group
            if self.rng.random() < 0.85
        )


# FSE+ answers: the share of people who agree to the sensitive questions, and of each answer among
# them; the results at exit by kind of exit; the share of situations six months later recorded.
FSE_CONSENT, FSE_SIX_MONTHS_RECORDED = 0.6, 0.9
FSE_SENSITIVE = {"foreign_background": 0.18, "third_country_national": 0.08, "minority": 0.03, "homeless": 0.05}
FSE_TRAINING_EXITS = {"Formation qualifiante", "Contrat de professionnalisation", "Contrat d'apprentissage"}
FSE_SIX_MONTHS = {
    "positive": {"emploi": 70, "formation": 12, "aucune": 18},
    "other": {"emploi": 22, "formation": 10, "aucune": 68},
}


def fse_records(rng: random.Random) -> None:
    """Every pathway's FSE+ data, in the order the pathways were created."""
    today = timezone.localdate()
    pathways = Parcours.objects.select_related("person", "exit_type").order_by("pk")
    FseRecord.objects.bulk_create([fse_record(rng, parcours, today) for parcours in pathways])


def fse_record(rng: random.Random, parcours: Parcours, today: datetime.date) -> FseRecord:
    record = FseRecord(parcours=parcours)
    if parcours.is_long_term_job_seeker:
        record.labour_situation = FseRecord.LabourSituation.CHOMEUR_LONGUE_DUREE
    elif parcours.job_seeker_since:
        record.labour_situation = FseRecord.LabourSituation.CHOMEUR
    else:
        record.labour_situation = rng.choices(["inactif", "emploi"], [85, 15])[0]
    if rng.random() < FSE_CONSENT:
        record.sensitive_consent, record.sensitive_consent_on = True, parcours.entry_date
        for name, share in FSE_SENSITIVE.items():
            setattr(record, name, rng.random() < share)
    if not parcours.exit_date:
        return record
    exit_type = parcours.exit_type
    positive = exit_type.category == ExitType.Category.POSITIVE
    in_training = exit_type.name in FSE_TRAINING_EXITS
    record.exit_employed = positive and exit_type.name != "Formation qualifiante"
    record.exit_in_training = in_training
    record.exit_qualified = (in_training and rng.random() < 0.5) or rng.random() < 0.08
    record.exit_job_seeking = not positive and exit_type.name != "Retraite" and rng.random() < 0.6
    if parcours.exit_date <= months_before(today, SIX_MONTHS) and rng.random() < FSE_SIX_MONTHS_RECORDED:
        weights = FSE_SIX_MONTHS["positive" if positive else "other"]
        record.six_month_situation = rng.choices(list(weights), list(weights.values()))[0]
        recorded_on = add_months(parcours.exit_date, SIX_MONTHS) + datetime.timedelta(days=rng.randint(0, 30))
        record.six_month_recorded_on = min(recorded_on, today)
    return record
