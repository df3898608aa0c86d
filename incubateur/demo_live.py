"""The incubator's demo years from 2021 to today (`LiveYears`, also used by `generate` at scale):
the volumes of 2020 go on, new projects move through the pipeline, two committees a year decide on
them, the projects accompanied today have appointments planned in the coming days."""

import datetime
import random
from dataclasses import dataclass, field

from cbe_portal.models import Organisation, Person

from .demo import (
    ADMIS,
    AJOURNE,
    ASSOCIATION,
    COLLECTIVE_SESSIONS,
    IDEAS,
    IDEE,
    RECEPTIONS,
    REORIENTE,
    SCIC,
    SEED,
    SESSION_THEMES,
    Builder,
    D,
    L,
    N,
    P,
    S,
    admitted,
)
from .models import (
    DECISION_STAGES,
    Appointment,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Reception,
    StageChange,
    Theme,
    TrainingSession,
)

LIVE_FROM = 2021
LIVE_COMMITTEES = [(2, 11), (10, 7)]  # (month, day): February and October, as in 2020
PROJECTS_PER_YEAR = 7  # as many as were met in 2020
# The projects met from 2021 are named « <kind> <place> ».
LIVE_KINDS = [
    ("Épicerie coopérative", Theme.ALIMENTATION), ("Friperie solidaire", Theme.REEMPLOI),
    ("Transport solidaire", Theme.MOBILITE), ("Café-librairie", Theme.CULTURE), ("Tiers-lieu", Theme.TIERS_LIEU),
    ("Habitat inclusif", Theme.HABITAT), ("Conciergerie de village", Theme.SERVICES),
    ("Légumerie solidaire", Theme.ALIMENTATION), ("Atelier de réparation", Theme.REEMPLOI),
    ("Garage associatif", Theme.MOBILITE), ("Troupe de théâtre", Theme.CULTURE),
    ("Espace de coworking", Theme.TIERS_LIEU), ("Aide à domicile coopérative", Theme.SERVICES),
    ("Cantine solidaire", Theme.ALIMENTATION),
]  # fmt: skip
LIVE_PLACES = ["de Tarnos", "d'Ondres", "de Saint-Martin-de-Seignanx", "de Biarrotte", "de Biaudos",
               "de Saint-Barthélemy", "de Saint-André-de-Seignanx", "de Saint-Laurent-de-Gosse", "du Seignanx",
               "de Boucau"]  # fmt: skip
# Each training of the catalogue is given once a year from 2021, on these days (month, day).
LIVE_TRAINING_DAYS = [(3, 16), (5, 11), (9, 21), (11, 16), (12, 7)]
TRAINING_PLACES = ["Tarnos, salle Maurice Thorez", "Ondres, La Fabrique", "Saint-Martin-de-Seignanx, mairie"]
JOBS = ["Coordinateur·rice", "Animateur·rice", "Agent·e d'accueil", "Valoriste", "Chargé·e de projet", "Vendeur·se"]
LAUNCHED = "Fin de l'accompagnement : activité lancée."


@dataclass
class Track:
    """A project's course from 2021: its history (stage, date, reason, day of the committee that
    decided it), of which the first `written` entries are already in the database, and what it
    does from 2021 on."""

    name: str
    theme: str
    holders: list
    reception: datetime.date
    history: list
    written: int = 0
    project: Project | None = None
    has_structure: bool = False
    presentations: list = field(default_factory=list)  # (committee day, decision)
    structures: list = field(default_factory=list)  # (date, legal form)
    jobs: list = field(default_factory=list)  # (number, date, positions)

    def periods(self):
        """(start, end) of each accompanied stage; end is None while it lasts."""
        for (stage, start, *_), following in zip(self.history, [*self.history[1:], None], strict=True):
            if stage in (P, N, L):
                yield start, following[1] if following else None

    def accompanied_on(self, day) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in self.periods())


class LiveYears:
    """The years from 2021 to `today`, with the volumes of 2020. Each year and each project draws
    from a random generator of its own, so that what is dated up to a day does not depend on the day
    the demo is loaded. Nothing is dated after today but the appointments planned, nor before 2021:
    the figures of 2020 and before stay those of the report."""

    def __init__(self, builder: Builder, today: datetime.date, first_year=LIVE_FROM, scale=1, key=()):
        """`first_year`, `scale` and `key` (mixed into every random generator) serve `generate`,
        the data at scale; their defaults give the demo."""
        self.builder, self.today = builder, today
        self.first_year, self.scale, self.key = first_year, scale, key
        self.years = range(first_year, today.year + 1)
        self.committees = [
            day for year in self.years for month, day_of_month in LIVE_COMMITTEES
            if (day := D(year, month, day_of_month)) <= today
        ]  # fmt: skip

    def rng(self, *key) -> random.Random:
        return random.Random("-".join(map(str, (SEED, *self.key, *key))))

    def build(self, projects, members, trainings):
        tracks = [self.continued(spec, project) for spec, project in projects] + self.new_tracks()
        for index, track in enumerate(tracks):
            self.plan(track, self.rng("projet", index))
        self.write_projects(tracks, members)
        for year in self.years:
            self.receptions(year, [track for track in tracks if track.written == 0 and track.reception.year == year])
            self.collective_sessions(year, tracks)
            self.training_sessions(year, tracks, trainings)
        self.appointments(tracks, members)

    def continued(self, spec, project) -> Track:
        history = [(IDEE, spec.reception, "", None), *((*change, None) for change in spec.changes)]
        return Track(spec.name, spec.theme, list(project.holders.all()), spec.reception, history,
                     written=len(history), project=project, has_structure=bool(spec.structures))  # fmt: skip

    def new_tracks(self) -> list[Track]:
        """The projects met from 2021 to today, as many each year as in 2020."""
        tracks = []
        for year in self.years:
            for number in range(PROJECTS_PER_YEAR * self.scale):
                index = (year - self.first_year) * PROJECTS_PER_YEAR * self.scale + number
                kind, theme = LIVE_KINDS[index % len(LIVE_KINDS)]
                name = f"{kind} {LIVE_PLACES[index * 3 % len(LIVE_PLACES)]}"  # a different name up to 70
                if index >= 70:
                    name += f" ({index // 70 + 1})"
                rng = self.rng("nouveau", index)
                met = D(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                if met <= self.today:
                    holders = self.builder.new_people(rng.choice([1, 2, 2, 3, 4]), rng)
                    tracks.append(Track(name, theme, holders, met, [(IDEE, met, "", None)]))
        return tracks

    def after(self, since, low, high, rng) -> datetime.date:
        """`low` to `high` days after `since`, and in 2021 at the earliest."""
        return max(since + datetime.timedelta(days=rng.randint(low, high)),
                   D(self.first_year, 1, 4) + datetime.timedelta(days=rng.randint(0, 60)))  # fmt: skip

    def plan(self, track: Track, rng: random.Random) -> None:
        """Move the project through the pipeline up to today: a recent idea enters pré-incubation
        (most of them), is presented at a committee two months later at least, which admits,
        reorients or adjourns it (then decides at the next one); incubation lasts 8 to 14 months,
        the launch 10 to 16, with a structure created and jobs."""
        stage, since, *_ = track.history[-1]
        adjourned = False
        while stage != S:
            committee = None
            if stage == IDEE:
                if since < D(self.first_year - 1, 6, 1) or rng.random() < 0.3:
                    return  # an idea that went no further, or is on hold
                stage, since, reason = P, self.after(since, 30, 90, rng), ""
            elif stage == P:
                committee = next((day for day in self.committees if day >= since + datetime.timedelta(days=60)), None)
                if committee is None:
                    return
                decision = rng.choice([ADMIS, REORIENTE] if adjourned else [ADMIS] * 4 + [REORIENTE, AJOURNE])
                track.presentations.append((committee, decision))
                if decision == AJOURNE:
                    adjourned, since = True, committee - datetime.timedelta(days=59)
                    continue
                stage, since = DECISION_STAGES[decision], committee
                reason = admitted(committee)[2] if decision == ADMIS else "Réorienté vers une structure plus adaptée."
            elif stage == N:
                stage, since, reason = L, self.after(since, 240, 420, rng), ""
            else:
                stage, since, reason = S, self.after(since, 300, 480, rng), LAUNCHED
            if since > self.today:
                return
            track.history.append((stage, since, reason, committee))
            if stage == L:  # its structure if it has none, and jobs a few months later
                if not track.has_structure:
                    track.has_structure = True
                    legal_form = rng.choice([ASSOCIATION, ASSOCIATION, ASSOCIATION, SCIC])
                    track.structures.append((since + datetime.timedelta(days=rng.randint(-20, 40)), legal_form))
                hired = since + datetime.timedelta(days=rng.randint(60, 150))
                track.jobs.append((rng.choice([1, 1, 2]), hired, rng.choice(JOBS)))

    def write_projects(self, tracks, members) -> None:
        new = [track for track in tracks if track.project is None]
        for track in new:
            track.project = Project(name=track.name, theme=track.theme)
        Project.objects.bulk_create(track.project for track in new)
        Project.holders.through.objects.bulk_create(
            Project.holders.through(project=track.project, person=person) for track in new for person in track.holders
        )
        committees = Committee.objects.bulk_create(Committee(date=day) for day in self.committees)
        rng = self.rng("comites")
        Committee.members_present.through.objects.bulk_create(
            Committee.members_present.through(committee=committee, collectivemember=member)
            for committee in committees
            for member in rng.sample(members, 5)
        )
        by_day = {committee.date: committee for committee in committees}
        presentations = {
            (track.project.pk, day): Presentation(committee=by_day[day], project=track.project, decision=decision)
            for track in tracks
            for day, decision in track.presentations
        }
        Presentation.objects.bulk_create(presentations.values())
        changes = []
        for track in tracks:
            previous = ["", *(stage for stage, *_ in track.history)]
            for (stage, day, reason, committee), before in list(zip(track.history, previous))[track.written :]:  # noqa: B905
                changes.append(
                    StageChange(project=track.project, stage=stage, previous_stage=before, date=day, reason=reason,
                                presentation=presentations.get((track.project.pk, committee)))
                )  # fmt: skip
            track.project.stage = track.history[-1][0]
        StageChange.objects.bulk_create(changes)
        Project.objects.bulk_update([track.project for track in tracks], ["stage"])
        structures = []
        for track in tracks:
            for day, legal_form in track.structures:
                if day <= self.today:
                    kind = Organisation.Kind.SCIC if legal_form == SCIC else Organisation.Kind.ASSOCIATION
                    organisation, _ = Organisation.objects.get_or_create(
                        name=track.name, defaults={"kind": kind, "is_ess": True}
                    )
                    structures.append(CreatedStructure(project=track.project, organisation=organisation,
                                                       legal_form=legal_form, created_on=day))  # fmt: skip
        CreatedStructure.objects.bulk_create(structures)
        CreatedJob.objects.bulk_create(
            CreatedJob(project=track.project, number=number, date=day, description=what)
            for track in tracks
            for number, day, what in track.jobs
            if day <= self.today
        )

    def day_in(self, year, rng) -> datetime.date:
        """A day of `year`, up to today."""
        last = min(D(year, 12, 31), self.today)
        return D(year, 1, 1) + datetime.timedelta(days=rng.randrange((last - D(year, 1, 1)).days + 1))

    def receptions(self, year, tracks) -> None:
        """The first receptions of the projects met in `year`, then of ideas that went no further:
        as many receptions and people as in 2020 over a whole year, in proportion for this one."""
        rng = self.rng("accueils", year)
        share = min(1, ((min(D(year, 12, 31), self.today) - D(year, 1, 1)).days + 1) / 365)
        count, people_count = (round(number * share * self.scale) for number in RECEPTIONS[2020])
        FollowUp, heard = Reception.FollowUp, list(Reception.HeardFrom)
        receptions = [
            Reception(
                date=track.reception, idea=f"{track.name} : idée de projet", heard_from=rng.choice(heard),
                project=track.project,
                follow_up=FollowUp.PRE_INCUBATION if len(track.history) > 1 else FollowUp.NOUVEL_ECHANGE,
            )
            for track in tracks
        ]  # fmt: skip
        groups = [track.holders for track in tracks]
        free_count = max(count - len(tracks), 0)
        extra = min(max(people_count - sum(map(len, groups)), free_count), 4 * free_count)
        free_people = self.builder.new_people(extra, rng)
        sizes = [1] * free_count  # one to four people each
        for _ in range(len(free_people) - free_count):
            sizes[rng.choice([i for i, size in enumerate(sizes) if size < 4])] += 1
        start = 0
        for size, day in zip(sizes, sorted(self.day_in(year, rng) for _ in sizes), strict=True):
            follow_up = rng.choice([FollowUp.NOUVEL_ECHANGE, FollowUp.REORIENTATION, FollowUp.SANS_SUITE])
            receptions.append(Reception(date=day, idea=rng.choice(IDEAS), heard_from=rng.choice(heard),
                                        follow_up=follow_up))  # fmt: skip
            groups.append(free_people[start : start + size])
            start += size
        Reception.objects.bulk_create(receptions)
        through = Reception.persons.through
        through.objects.bulk_create(
            through(reception=reception, person=person)
            for reception, group in zip(receptions, groups, strict=True)
            for person in group
        )

    def holders_on(self, tracks, day) -> list[Person]:
        return list(dict.fromkeys(person for track in tracks if track.accompanied_on(day) for person in track.holders))

    def collective_sessions(self, year, tracks) -> None:
        rng = self.rng("temps-collectifs", year)
        days = [D(year, month, rng.randint(8, 22)) for month in COLLECTIVE_SESSIONS[2020] for _ in range(self.scale)]
        sessions = CollectiveTime.objects.bulk_create(
            CollectiveTime(date=day, theme=rng.choice(SESSION_THEMES)) for day in days if day <= self.today
        )
        through = CollectiveTime.attendees.through
        through.objects.bulk_create(
            through(collectivetime=session, person=person)
            for session in sessions
            for holders in [self.holders_on(tracks, session.date)]
            for person in rng.sample(holders, min(len(holders), rng.randint(4, 10)))
        )

    def training_sessions(self, year, tracks, trainings) -> None:
        """Each training of the catalogue once a year, to 6 to 12 of the holders accompanied then."""
        rng = self.rng("formations", year)
        sessions = TrainingSession.objects.bulk_create(
            TrainingSession(training=training, date=day, place=rng.choice(TRAINING_PLACES), capacity=12)
            for training, (month, day_of_month) in zip(trainings, LIVE_TRAINING_DAYS, strict=True)
            for _ in range(self.scale)
            if (day := D(year, month, day_of_month)) <= self.today
        )
        through = TrainingSession.participants.through
        through.objects.bulk_create(
            through(trainingsession=session, person=person)
            for session in sessions
            for holders in [self.holders_on(tracks, session.date)]
            for person in rng.sample(holders, min(len(holders), rng.randint(6, 12)))
        )

    def appointments(self, tracks, members) -> None:
        """Every five weeks or so with a member of the collective while a project is accompanied
        (from 2021: the earlier ones are there), and the next one planned within two weeks for the
        projects accompanied today (within the week for the first two)."""
        appointments, planned = [], 0
        for index, track in enumerate(tracks):
            rng = self.rng("rendez-vous", index)
            for start, end in track.periods():
                day = max(start, D(self.first_year, 1, 1)) + datetime.timedelta(days=rng.randint(3, 15))
                while day < (end or self.today):
                    appointments.append(Appointment(project=track.project, date=day, member=rng.choice(members),
                                                    duration_minutes=rng.choice([60, 90, 90, 120])))  # fmt: skip
                    day += datetime.timedelta(days=rng.randint(28, 50))
                if end is None:
                    planned += 1
                    ahead = datetime.timedelta(days=rng.randint(1, 6) if planned <= 2 else rng.randint(1, 14))
                    appointments.append(Appointment(project=track.project, date=self.today + ahead,
                                                    member=rng.choice(members), duration_minutes=90))  # fmt: skip
        Appointment.objects.bulk_create(appointments)
