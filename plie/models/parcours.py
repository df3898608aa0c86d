"""The pathways of the people the PLIE follows: their steps and interviews, and the exit (their
barriers in freins.py)."""

import calendar
import datetime
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest, Now
from django.urls import reverse
from django.utils import timezone

from cbe_portal.audit import track
from cbe_portal.models import (
    ContractType,
    Organisation,
    Person,
    ProgrammeQuerySet,
    SearchQuerySet,
    TimeStampedModel,
    YearLocked,
)
from cbe_portal.permissions import is_coordination
from cbe_portal.publication import check_unlocked
from cbe_portal.validators import validate_past_date, validate_planned_date

SECOND_OPEN_PARCOURS = "Cette personne a déjà un parcours en cours : clôturez-le avant d'en ouvrir un autre."
REOPEN_REFUSED = "{person} a un autre parcours en cours : la sortie de celui-ci ne peut pas être annulée."


def of(name: str) -> str:
    """« de Marie », « d'Aïcha », « d'Hélène »: French elision before a vowel or a mute h."""
    first = unicodedata.normalize("NFD", name[:1].lower())[:1]
    return f"d'{name}" if first and first in "aeiouh" else f"de {name}"


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_between(before: datetime.date | None, after: datetime.date | None) -> set[int]:
    """Every year from one date to the other, both included; no date (a pathway or a barrier still
    running) stands for this year."""
    ends = [(day or timezone.localdate()).year for day in (before, after)]
    return set(range(min(ends), max(ends) + 1))


# The staff home's « À faire »: a participant without news for this many months, a barrier open for that many.
NO_NEWS_MONTHS, OLD_BARRIER_MONTHS = 3, 6


# A plausible bound: a contract of a pathway's step (an apprenticeship lasts up to 3 years).
MAX_CONTRACT_MONTHS = 36


class TwelveMonthsBefore(Func):
    """A date twelve calendar months earlier (PostgreSQL interval arithmetic, as a date)."""

    template = "(%(expressions)s - interval '12 months')::date"
    output_field = models.DateField()


# The one definition of a long-term job seeker (DELD), on a pathway: registered as a job seeker for
# 12 months or more on the entry date. `isnull=False` keeps the annotation a boolean, never NULL.
LONG_TERM_JOB_SEEKER = Q(job_seeker_since__isnull=False, job_seeker_since__lte=TwelveMonthsBefore(F("entry_date")))


class ExitType(YearLocked, models.Model):
    """A kind of exit, managed by coordination in the admin; its category drives the exit rates."""

    # No date of its own: its name and category count in the years of its exits (see touched_years).
    year_dates = {}

    class Category(models.TextChoices):
        POSITIVE = "positive", "Sortie positive"
        ADMINISTRATIVE = "administrative", "Sortie administrative"
        AUTRE = "autre", "Autre sortie"

    name = models.CharField("type de sortie", max_length=150, unique=True)
    category = models.CharField("catégorie", max_length=20, choices=Category)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "type de sortie"
        verbose_name_plural = "types de sortie"

    def __str__(self):
        return self.name

    def touched_years(self, deleting: bool = False) -> set[int]:
        """The years of its exits when its name or category changes (deleting it is PROTECTed by them)."""
        if deleting or not self.pk:
            return set()
        old = ExitType._base_manager.filter(pk=self.pk).values("name", "category").first()
        if old == {"name": self.name, "category": self.category}:
            return set()
        return {day.year for day in self.parcours.dates("exit_date", "year")}


class EducationLevel(models.TextChoices):
    INFRA_3 = "infra3", "Sans diplôme (infra niveau 3)"
    NIVEAU_3 = "3", "Niveau 3 (CAP, BEP)"
    NIVEAU_4 = "4", "Niveau 4 (baccalauréat)"
    NIVEAU_5 = "5", "Niveau 5 (bac + 2)"
    NIVEAU_6 = "6+", "Niveau 6 et plus (licence et au-delà)"


# The FSE+ (European Social Fund Plus) education bands (ISCED, « CITE » in French), from the
# pathway's French education level: no diploma is ISCED 0–2, CAP/BEP and baccalauréat ISCED 3–4,
# bac + 2 and beyond ISCED 5–8.
ISCED_BANDS = {
    "CITE_0_2": ("CITE 0 à 2 (sans diplôme)", (EducationLevel.INFRA_3,)),
    "CITE_3_4": ("CITE 3 et 4 (CAP, BEP, baccalauréat)", (EducationLevel.NIVEAU_3, EducationLevel.NIVEAU_4)),
    "CITE_5_8": ("CITE 5 à 8 (bac + 2 et au-delà)", (EducationLevel.NIVEAU_5, EducationLevel.NIVEAU_6)),
}
SENSITIVE_WITHOUT_CONSENT = (
    "Sans le consentement de la personne, les données sensibles restent vides : recueillez son "
    "consentement (avec sa date) ou videz ces réponses."
)
# The FSE+ measures the situation six months after the exit.
SIX_MONTHS = 6


class ParcoursQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("person__last_name", "person__first_name", "person__email")

    def open(self):
        return self.filter(exit_date__isnull=True)

    def closed(self):
        return self.filter(exit_date__isnull=False)

    def active_in(self, year: int):
        """Pathways open on at least one day of `year`."""
        first, last = year_bounds(year)
        return self.filter(Q(exit_date__isnull=True) | Q(exit_date__gte=first), entry_date__lte=last)

    def with_long_term_job_seeker(self):
        """`is_deld`: a long-term job seeker on the entry date (`LONG_TERM_JOB_SEEKER`)."""
        return self.annotate(is_deld=LONG_TERM_JOB_SEEKER)

    def with_barrier(self, theme: str):
        barriers = self.model.freins.rel.related_model  # Frein, whose module imports this one
        return self.filter(Exists(barriers.objects.filter(parcours=OuterRef("pk"), theme=theme)))

    def exited_as(self, category: str):
        return self.filter(exit_type__category=category)

    def covering(self, day: datetime.date):
        """Pathways running on `day`."""
        return self.filter(Q(exit_date__isnull=True) | Q(exit_date__gte=day), entry_date__lte=day)

    def others_of(self, parcours):
        """The person's other pathways."""
        return self.filter(person=parcours.person_id).exclude(pk=parcours.pk)

    def followed_by(self, user):
        """The pathways `user` follows as referent; coordination follows them all."""
        return self if is_coordination(user) else self.filter(referent=user)

    def without_news_since(self, day: datetime.date):
        """Pathways entered before `day` with neither an interview nor a step (begun or running) since;
        `last_news`: the date of the latest of them, or of the entry."""
        interviews = Interview.objects.filter(parcours=OuterRef("pk")).order_by()
        steps = Step.objects.filter(parcours=OuterRef("pk")).order_by()
        step_end = Greatest("start_date", Coalesce("end_date", "start_date"))
        return (
            self.filter(entry_date__lt=day)
            .exclude(Exists(interviews.filter(date__gte=day)))
            .exclude(Exists(steps.filter(Q(start_date__gte=day) | Q(end_date__gte=day))))
            .annotate(
                last_news=Greatest(
                    "entry_date",
                    Subquery(interviews.order_by("-date").values("date")[:1]),
                    Subquery(steps.annotate(end=step_end).order_by("-end").values("end")[:1]),
                )
            )
        )

    def entered_or_exited_in(self, year: int):
        """Pathways entered or exited during `year`: the FSE+ participants of that year."""
        bounds = year_bounds(year)
        return self.filter(Q(entry_date__range=bounds) | Q(exit_date__range=bounds))

    def awaiting_six_month_situation(self, today: datetime.date):
        """Pathways exited `SIX_MONTHS` months ago or more whose situation six months later is not recorded."""
        return self.filter(exit_date__lte=months_before(today, SIX_MONTHS)).filter(
            Q(fse__isnull=True) | Q(fse__six_month_situation="")
        )

    def with_fse_export(self):
        """What the FSE+ export shows, in entry order."""
        return self.select_related("person", "fse").with_isced_band().order_by("entry_date", "pk")

    def with_isced_band(self):
        """`isced_band`: the FSE+ education band of the level at entry ('' when unknown)."""
        whens = [
            models.When(education_level__in=levels, then=models.Value(band))
            for band, (_, levels) in ISCED_BANDS.items()
        ]
        return self.annotate(isced_band=models.Case(*whens, default=models.Value(""), output_field=models.CharField()))

    def with_list_details(self):
        """What the list of pathways and its export show."""
        return self.select_related("person__commune", "prescriber", "referent", "exit_type")

    def with_timeline(self):
        """What the participant's page shows: the situation and every dated event (see `timeline`)."""
        from .collective import Session

        return self.with_list_details().prefetch_related(
            "freins",
            Prefetch("steps", Step.objects.select_related("organisation")),
            "interviews",
            Prefetch("sessions", Session.objects.select_related("action")),
        )


class Parcours(YearLocked, TimeStampedModel):
    """One person's pathway in the PLIE, from entry to exit, with the situation at entry."""

    # A pathway counts in every year it runs through: the person accompanied, a new one in the entry's
    # year, their RSA and long-term job seeking (`job_seeker_since`) at entry; its exit and exit type in
    # the exit's year. The other situation fields count in no figure: they belong to the entry's year.
    # Nor does the referent: it goes with the exit's year (none while open), so that advisers hand over
    # a running pathway whatever year is published.
    year_dates = {
        "entry_date": ("prescriber", "ass", "aah", "rqth", "education_level", "qpv"),
        "exit_date": ("exit_type", "referent"),
    }
    participant_field = "person"
    # Still followed while open: the retention of personal data (cbe_portal.gdpr) counts from the exit.
    last_activity = Coalesce(F("exit_date"), Cast(Now(), models.DateField()))

    person = models.ForeignKey(Person, models.PROTECT, related_name="plie_parcours", verbose_name="personne")
    entry_date = models.DateField("date d'entrée", validators=[validate_past_date])
    prescriber = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_prescriptions",
        verbose_name="prescripteur",
    )  # fmt: skip
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="plie_parcours",
        verbose_name="référent·e",
    )  # fmt: skip
    job_seeker_since = models.DateField(
        "demandeur·se d'emploi depuis", null=True, blank=True, validators=[validate_past_date],
        help_text="Vide si la personne n'est pas inscrite.",
    )  # fmt: skip
    rsa = models.BooleanField("bénéficiaire du RSA", default=False)
    ass = models.BooleanField("bénéficiaire de l'ASS", default=False)
    aah = models.BooleanField("bénéficiaire de l'AAH", default=False)
    rqth = models.BooleanField(
        "RQTH", default=False, help_text="Reconnaissance de la qualité de travailleur handicapé."
    )
    education_level = models.CharField("niveau de formation", max_length=10, choices=EducationLevel, blank=True)
    qpv = models.BooleanField("habite un quartier prioritaire (QPV)", default=False)
    exit_date = models.DateField("date de sortie", null=True, blank=True, validators=[validate_past_date])
    exit_type = models.ForeignKey(
        ExitType, models.PROTECT, null=True, blank=True, related_name="parcours", verbose_name="type de sortie"
    )

    objects = ParcoursQuerySet.as_manager()

    class Meta:
        ordering = ["-entry_date", "pk"]
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        # The default order, and the list sorted by entry (`views.PARCOURS_COLUMNS["entree"]`).
        indexes = [models.Index(fields=["entry_date", "id"], name="plie_parcours_entry_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(exit_date__isnull=True), name="plie_one_open_parcours_per_person",
                violation_error_message=SECOND_OPEN_PARCOURS,
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")),
                name="plie_parcours_exit_after_entry",
                violation_error_message="La date de sortie ne peut pas précéder la date d'entrée.",
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True, exit_type__isnull=True)
                | Q(exit_date__isnull=False, exit_type__isnull=False),
                name="plie_parcours_exit_date_and_type",
                violation_error_message="Une sortie a une date et un type.",
            ),
            models.CheckConstraint(
                condition=Q(job_seeker_since__isnull=True) | Q(job_seeker_since__lte=F("entry_date")),
                name="plie_parcours_job_seeker_before_entry",
                violation_error_message="L'inscription comme demandeur·se d'emploi précède l'entrée.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Parcours {self.of_person} (entré·e le {self.entry_date:%d/%m/%Y})"

    @property
    def of_person(self) -> str:
        """« de Marie Dupont », « d'Aïcha Benali »: for titles and messages."""
        return of(str(self.person))

    def get_absolute_url(self):
        return reverse("plie:parcours_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.exit_date is None

    @property
    def is_long_term_job_seeker(self) -> bool:
        """Mirrors `LONG_TERM_JOB_SEEKER` in Python, for one loaded pathway: registered on or before
        the same day a year before the entry (no 29 February a year before: the 28th, as PostgreSQL)."""
        if not self.job_seeker_since:
            return False
        since, entry = self.job_seeker_since, self.entry_date
        return (since.year, since.month, since.day) <= (entry.year - 1, entry.month, entry.day)

    def entry_conflicts(self, entry_date: datetime.date) -> list[str]:
        """Why the pathway cannot start on `entry_date`: its records dated before it, the earliest of
        each kind, in French (one query)."""
        firsts = self.dated_edges(
            steps=F("start_date"), interviews=F("date"), freins=F("identified_on"), sessions=F("date")
        )
        texts = {
            "steps": "Une étape commence", "interviews": "Un entretien a lieu", "freins": "Un frein est repéré",
            "sessions": "Une séance d'action collective a lieu",
        }  # fmt: skip
        return [
            f"{text} le {firsts[kind]:%d/%m/%Y}, avant cette date d'entrée."
            for kind, text in texts.items()
            if firsts[kind] and firsts[kind] < entry_date
        ]

    def exit_conflicts(self, exit_date: datetime.date) -> list[str]:
        """Why the pathway cannot end on `exit_date`: its records dated after it, the latest of each
        kind, in French (one query)."""
        lasts = self.dated_edges(
            latest=True, steps=Greatest("start_date", Coalesce("end_date", "start_date")), interviews=F("date"),
            freins=Coalesce("lifted_on", "identified_on"), sessions=F("date"),
        )  # fmt: skip
        texts = {
            "steps": "Une étape se poursuit jusqu'au {} : corrigez-la",
            "interviews": "Un entretien a lieu le {} : corrigez-le",
            "freins": "Un frein est daté du {} : corrigez-le",
            "sessions": "Une séance suivie a lieu le {} : corrigez-la",
        }
        return [
            f"{text.format(f'{lasts[kind]:%d/%m/%Y}')} d'abord ou choisissez une sortie plus tardive."
            for kind, text in texts.items()
            if lasts[kind] and lasts[kind] > exit_date
        ]

    def dated_edges(self, latest: bool = False, **dates) -> dict:
        """For each relation (`steps=F("start_date")`…), the earliest (`latest`: the latest) date of its
        records, None without any: a subquery each, one query for all (none for a pathway not yet
        saved, which no record can name)."""
        if self.pk is None:
            return dict.fromkeys(dates)
        edges = {
            f"{relation}_edge": Subquery(
                getattr(self, relation).annotate(edge=date).order_by(F("edge").desc() if latest else "edge")
                .values("edge")[:1]
            )
            for relation, date in dates.items()
        }  # fmt: skip
        found = Parcours._base_manager.filter(pk=self.pk).values(**edges).get()
        return {relation: found[f"{relation}_edge"] for relation in dates}

    @property
    def fse_record(self):
        """Its FSE+ data, or a new unsaved record (what the form and the export start from)."""
        from .fse import FseRecord

        return getattr(self, "fse", None) or FseRecord(parcours=self)

    def covers(self, day: datetime.date) -> bool:
        return self.entry_date <= day and (self.exit_date is None or day <= self.exit_date)

    def years_touched(self, old, deleting: bool = False) -> set[int]:
        """YearLocked's, and a moved date touches every year in between: the exit date says until when
        the person is accompanied; the entry date since when, and whether they were a long-term job
        seeker, which counts in every year of the pathway."""
        years = super().years_touched(old, deleting)
        old = None if deleting else old
        if old and old.entry_date != self.entry_date:
            years |= self._span(old) | self._span(self)
        if old and old.exit_date != self.exit_date:
            years |= years_between(old.exit_date, self.exit_date)
        return years

    def close(self, exit_date: datetime.date, exit_type: ExitType) -> None:
        self.exit_date, self.exit_type = exit_date, exit_type
        self.save(update_fields=["exit_date", "exit_type", "updated_at"])

    def reopen_refusal(self) -> str | None:
        """Why the exit cannot be cancelled, if it cannot: the person has another open pathway, or a
        year from the exit's to this one is published (the pathway would run through it again)."""
        if Parcours.objects.open().filter(person=self.person_id).exclude(pk=self.pk).exists():
            return REOPEN_REFUSED.format(person=self.person)
        try:
            check_unlocked(*years_between(self.exit_date, None))
        except ValidationError as error:
            return error.messages[0]
        return None

    def reopen(self) -> None:
        """Cancel the exit: the pathway is open again (check `reopen_refusal()` first; the database
        refuses a second open pathway anyway)."""
        self.exit_date = self.exit_type = None
        self.save(update_fields=["exit_date", "exit_type", "updated_at"])

    def timeline(self) -> list[dict]:
        """Every dated event of the pathway, oldest first (uses the prefetched relations)."""
        events = [{"date": self.entry_date, "kind": "entree", "label": "Entrée dans le PLIE"}]
        for frein in self.freins.all():
            events.append({"date": frein.identified_on, "kind": "frein", "label": f"Frein repéré : {frein}"})
            if frein.lifted_on:
                events.append({"date": frein.lifted_on, "kind": "frein-leve", "label": f"Frein levé : {frein}"})
        events += [{"date": s.start_date, "kind": "step", "label": str(s), "object": s} for s in self.steps.all()]
        events += [{"date": i.date, "kind": "interview", "label": str(i), "object": i} for i in self.interviews.all()]
        events += [{"date": s.date, "kind": "session", "label": str(s), "object": s} for s in self.sessions.all()]
        if self.exit_date:
            events.append({"date": self.exit_date, "kind": "sortie", "label": f"Sortie : {self.exit_type}"})
        order = {"entree": 0, "sortie": 2}
        return sorted(events, key=lambda event: (event["date"], order.get(event["kind"], 1)))


class Step(YearLocked, TimeStampedModel):
    """A step of the pathway: a job, a training, an immersion, a workshop…"""

    # No figure counts steps: a step belongs to the year it starts in.
    year_dates = {
        "start_date": ("kind", "end_date", "organisation", "title", "contract_type", "contract_months", "qualifying")
    }

    class Kind(models.TextChoices):
        EMPLOI = "emploi", "Emploi"
        IAE = "iae", "Insertion par l'activité économique (IAE)"
        FORMATION = "formation", "Formation"
        IMMERSION = "immersion", "Immersion en entreprise"
        ATELIER = "atelier", "Atelier collectif"
        ACCOMPAGNEMENT_SOCIAL = "accompagnement_social", "Accompagnement social"
        AUTRE = "autre", "Autre"

    parcours = models.ForeignKey(Parcours, models.CASCADE, related_name="steps", verbose_name="parcours")
    kind = models.CharField("type d'étape", max_length=30, choices=Kind)
    start_date = models.DateField("début", validators=[validate_past_date])
    end_date = models.DateField(
        "fin", null=True, blank=True, validators=[validate_planned_date],
        help_text="Prévue ou passée ; vide si elle n'est pas connue ou à plus d'un an.",
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_steps", verbose_name="structure"
    )
    title = models.CharField("intitulé", max_length=200, blank=True, help_text="Poste, formation, atelier…")
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType, blank=True)
    contract_months = models.PositiveSmallIntegerField(
        "durée du contrat (mois)", null=True, blank=True,
        validators=[
            MinValueValidator(1, "Une durée de contrat compte au moins 1 mois."),
            MaxValueValidator(MAX_CONTRACT_MONTHS, f"Une durée de contrat ne dépasse pas {MAX_CONTRACT_MONTHS} mois."),
        ],
    )  # fmt: skip
    qualifying = models.BooleanField("formation qualifiante", null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = "étape de parcours"
        verbose_name_plural = "étapes de parcours"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="plie_step_end_after_start",
                violation_error_message="La fin d'une étape ne peut pas précéder son début.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="emploi") | ~Q(contract_type=""),
                name="plie_step_job_has_contract",
                violation_error_message="Une étape d'emploi a un type de contrat.",
            ),
        ]

    def __str__(self):
        text = self.get_kind_display()
        if self.contract_type:
            text += f" en {self.get_contract_type_display()}"
        if self.title:
            text += f" — {self.title}"
        if self.organisation_id:
            text += f" ({self.organisation})"
        return text


class Interview(YearLocked, TimeStampedModel):
    """An individual appointment with the participant."""

    year_dates = {"date": ()}

    class Mode(models.TextChoices):
        PRESENTIEL = "presentiel", "En présentiel"
        TELEPHONE = "telephone", "Par téléphone"
        VISIO = "visio", "En visioconférence"

    parcours = models.ForeignKey(Parcours, models.CASCADE, related_name="interviews", verbose_name="parcours")
    date = models.DateField("date", validators=[validate_past_date])
    mode = models.CharField("modalité", max_length=20, choices=Mode, default=Mode.PRESENTIEL)
    subject = models.CharField("objet", max_length=250, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "entretien"
        # A pathway's interviews in date order: its page, and « no news since » (the staff home's « À faire »).
        indexes = [models.Index(fields=["parcours", "date"], name="plie_interview_parcours_idx")]

    def __str__(self):
        text = f"Entretien {self.get_mode_display().lower()}"
        return f"{text} : {self.subject}" if self.subject else text


track(Parcours, Step, Interview)
