"""The GPECT's records: employers and the actions with them, job offers and matches, company
visits, markets with an insertion clause and the hours realised, territorial projects."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
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
from cbe_portal.validators import validate_past_date, validate_planned_date
from cbe_portal.years import FIRST_YEAR

# A full-time year (35 h × 52 weeks): more hours than this for one person in one year is a typo.
MAX_HOURS_PER_PERSON_YEAR = 1820
# The legal maximum working day: more hours on average over a period is a typo too.
MAX_HOURS_PER_DAY = 10
# Fixed-term contracts rarely pass 36 months (apprenticeships, CDDI with renewals): more than 60 is a
# typo, often days typed as months.
MAX_CONTRACT_MONTHS = 60
CONTRACT_MONTHS_MESSAGE = (
    f"La durée du contrat doit être comprise entre 1 et {MAX_CONTRACT_MONTHS} mois : "
    "vérifiez qu'il s'agit bien de mois."
)
# The largest building markets of the territory ask a few thousand hours of their clause.
MAX_MARKET_HOURS = 100_000
MARKET_HOURS_MESSAGE = (
    f"Les heures exigées par un marché doivent être comprises entre 1 et {MAX_MARKET_HOURS:_} : vérifiez la saisie."
).replace("_", " ")
# A coach holds about fifty people: more at one visit or workshop is a typo.
MAX_PARTICIPANTS = 200
PARTICIPANTS_MESSAGE = f"Le nombre de participant·es doit être compris entre 1 et {MAX_PARTICIPANTS}."


def between(low: int, high: int, message: str) -> list:
    """The validators of a number from `low` to `high`, both refused with `message` (which says the bounds)."""
    return [MinValueValidator(low, message), MaxValueValidator(high, message)]


class Sector(models.Model):
    """One of the 13 activity sectors the GPECT sorts employers into (loaded by migration)."""

    name = models.CharField("nom", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"

    def __str__(self):
        return self.name


class EmployerQuerySet(SearchQuerySet, ProgrammeQuerySet):
    search_fields = ("organisation__name", "organisation__commune__name", "sector__name")

    def lookup(self, text: str):
        """The employers matching `text` for the picker (gpect:employer_lookup), by name."""
        return self.search(text).select_related("organisation__commune").order_by("organisation__name", "pk")

    def mobilised_in(self, year: int):
        """Employers with at least one action dated in `year`."""
        return self.filter(Exists(EmployerAction.objects.filter(employer=OuterRef("pk"), date__year=year)))

    def with_actions_in(self, year: int):
        """`actions_in_year`: each employer's actions dated in `year`. An aggregate over every row of
        the QuerySet: apply it to a page (`filter(pk__in=page.object_list)`) or an export, never to the
        whole list shown."""
        return self.annotate(actions_in_year=models.Count("actions", filter=models.Q(actions__date__year=year)))


class Employer(YearLocked, TimeStampedModel):
    """An organisation as the GPECT sees it: an employer of a sector."""

    # No date of its own: its sector counts in the years of its actions (`secteurs`, see touched_years).
    year_dates = {}

    organisation = models.OneToOneField(
        Organisation, models.CASCADE, related_name="gpect_employer", verbose_name="organisation"
    )
    sector = models.ForeignKey(Sector, models.PROTECT, related_name="employers", verbose_name="secteur")
    notes = models.TextField("notes", blank=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "employeur"

    def __str__(self):
        return self.organisation.name

    def get_absolute_url(self):
        return reverse("gpect:employer_detail", args=[self.pk])

    def touched_years(self, deleting: bool = False) -> set[int]:
        """The years of its actions when its sector changes (deleting it is PROTECTed by its actions)."""
        if deleting or not self.pk:
            return set()
        old_sector = Employer._base_manager.filter(pk=self.pk).values_list("sector", flat=True).first()
        if old_sector == self.sector_id:
            return set()
        return {day.year for day in self.actions.dates("date", "year")}


class EmployerActionQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(date__year=year)


class EmployerAction(YearLocked, TimeStampedModel):
    year_dates = {"date": ("employer",)}

    class Kind(models.TextChoices):
        CONTACT = "contact", "Contact"
        OFFRE = "offre", "Offre d'emploi relayée"
        IMMERSION = "immersion", "Immersion"
        EVENEMENT = "evenement", "Événement"
        FORMATION = "formation", "Formation"
        INFORMATION = "information", "Information"

    # PROTECT: the actions of a year give its `employeurs_mobilises`.
    employer = models.ForeignKey(Employer, models.PROTECT, related_name="actions", verbose_name="employeur")
    kind = models.CharField("type d'action", max_length=20, choices=Kind, default=Kind.CONTACT)
    date = models.DateField("date", validators=[validate_past_date])
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="gpect_actions",
        verbose_name="chargé·e de mission",
    )  # fmt: skip
    notes = models.TextField("notes", blank=True)

    objects = EmployerActionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "action avec un employeur"
        verbose_name_plural = "actions avec les employeurs"
        # The list's default order, and the year's actions for the figures.
        indexes = [models.Index(fields=["date", "id"], name="gpect_action_order_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.employer} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.employer.get_absolute_url()


class JobOfferQuerySet(SearchQuerySet, ProgrammeQuerySet):
    search_fields = ("title", "employer__organisation__name")

    def for_year(self, year: int):
        return self.filter(date__year=year)

    def with_match_count(self):
        """`match_count`: an aggregate over every row of the QuerySet, for a page of the list or an export."""
        return self.annotate(match_count=models.Count("matches"))

    def unmatched_past_closing(self):
        """Offers whose closing date has passed without anyone put forward (the GPECT's « À faire »)."""
        matched = Match.objects.filter(offer=OuterRef("pk"))
        return self.filter(~Exists(matched), closing_date__lt=timezone.localdate())


class JobOffer(YearLocked, TimeStampedModel):
    year_dates = {"date": ()}

    # PROTECT: an offer keeps its employer, whom its matches were put forward to.
    employer = models.ForeignKey(
        Employer, models.PROTECT, null=True, blank=True, related_name="offers", verbose_name="employeur"
    )
    title = models.CharField("intitulé", max_length=200)
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType, default=ContractType.CDD)
    contract_months = models.PositiveSmallIntegerField(
        "durée du contrat (mois)", null=True, blank=True, help_text="Pour un contrat à durée déterminée.",
        validators=between(1, MAX_CONTRACT_MONTHS, CONTRACT_MONTHS_MESSAGE),
    )  # fmt: skip
    date = models.DateField("date de diffusion", validators=[validate_past_date])
    closing_date = models.DateField(
        "date limite de candidature", null=True, blank=True, validators=[validate_planned_date]
    )

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        # The list's default order, and the year's offers for the figures.
        indexes = [models.Index(fields=["date", "id"], name="gpect_offer_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_months__gte=1, contract_months__lte=MAX_CONTRACT_MONTHS),
                name="gpect_offer_contract_months",
                violation_error_message=CONTRACT_MONTHS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(closing_date__gte=models.F("date")), name="gpect_offer_closing_after_date",
                violation_error_message="La date limite de candidature ne peut pas précéder la diffusion de l'offre.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.title} ({self.employer or 'employeur inconnu'})"

    def get_absolute_url(self):
        return reverse("gpect:offer_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.contract_type == ContractType.CDI and self.contract_months:
            errors["contract_months"] = "Un CDI n'a pas de durée : laissez la durée du contrat vide."
        if self.date and self.closing_date and self.closing_date < self.date:
            errors["closing_date"] = "La date limite de candidature ne peut pas précéder la diffusion de l'offre."
        if errors:
            raise ValidationError(errors)


class PersonRecordQuerySet(ProgrammeQuerySet):
    """Records about a person: the programme's staff see those of the people they may see."""

    def visible_to(self, user):
        return super().visible_to(user).filter(person__in=Person.objects.visible_to(user))


class Match(YearLocked, TimeStampedModel):
    """A mise en relation: a job-seeker put forward for an offer."""

    year_dates = {"date": ()}
    participant_field = "person"

    class Outcome(models.TextChoices):
        EN_COURS = "en_cours", "En cours"
        EMBAUCHE = "embauche", "Embauché·e"
        NON_RETENU = "non_retenu", "Non retenu·e"

    # PROTECT: the matches of a year give its `mises_en_relation`.
    offer = models.ForeignKey(JobOffer, models.PROTECT, related_name="matches", verbose_name="offre")
    person = models.ForeignKey(Person, models.PROTECT, related_name="gpect_matches", verbose_name="personne")
    date = models.DateField("date", validators=[validate_past_date])
    outcome = models.CharField("suite donnée", max_length=20, choices=Outcome, default=Outcome.EN_COURS)

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "mise en relation"
        verbose_name_plural = "mises en relation"
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "person"], name="gpect_match_unique",
                violation_error_message="Cette personne a déjà été mise en relation avec cette offre.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} → {self.offer.title}"

    def get_absolute_url(self):
        return reverse("gpect:offer_detail", args=[self.offer_id])

    def clean(self):
        super().clean()
        if self.offer_id and self.date and self.date < self.offer.date:
            message = (
                f"L'offre a été diffusée le {self.offer.date:%d/%m/%Y} : la mise en relation ne peut pas la précéder."
            )
            raise ValidationError({"date": message})


class CompanyVisitQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(date__year=year)


class CompanyVisit(YearLocked, TimeStampedModel):
    """A company visit or an activity-zone workshop with job-seekers."""

    year_dates = {"date": ("participants",)}

    class Kind(models.TextChoices):
        VISITE = "visite", "Visite d'entreprise"
        ATELIER = "atelier", "Atelier de présentation d'une zone d'activités"

    kind = models.CharField("type", max_length=20, choices=Kind, default=Kind.VISITE)
    title = models.CharField("intitulé", max_length=200)
    date = models.DateField("date", validators=[validate_past_date])
    organisation = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="gpect_visits",
        verbose_name="entreprise visitée",
    )  # fmt: skip
    participants = models.PositiveIntegerField(
        "participant·es", validators=between(1, MAX_PARTICIPANTS, PARTICIPANTS_MESSAGE)
    )

    objects = CompanyVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "visite ou atelier"
        verbose_name_plural = "visites et ateliers"

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("gpect:visit_list")


class MarketQuerySet(SearchQuerySet, ProgrammeQuerySet):
    search_fields = ("title", "buyer__name")

    def for_year(self, year: int):
        return self.filter(year=year)

    def with_hours_realised(self):
        """`hours_realised`: an aggregate over every row of the QuerySet, for one market, a page or an export."""
        return self.annotate(hours_realised=models.Sum("insertion_hours__hours", default=0))


class Market(YearLocked, TimeStampedModel):
    """A public market with an insertion clause (one year of execution)."""

    # `heures_par_marche` lists the year's markets with their buyer, title and hours required.
    year_dates = {"year": ("buyer", "title", "hours_required")}

    buyer = models.ForeignKey(Organisation, models.PROTECT, related_name="gpect_markets", verbose_name="acheteur")
    title = models.CharField("intitulé", max_length=250)
    year = models.PositiveSmallIntegerField("année")
    hours_required = models.PositiveIntegerField(
        "heures d'insertion exigées", validators=between(1, MAX_MARKET_HOURS, MARKET_HOURS_MESSAGE)
    )

    objects = MarketQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "marché avec clause d'insertion"
        verbose_name_plural = "marchés avec clause d'insertion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="gpect_market_year",
                violation_error_message="L'année du marché doit être comprise entre 2000 et 2100.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("gpect:market_detail", args=[self.pk])

    def clean(self):
        """A market of a year with records, or of the next one (its clause is planned)."""
        super().clean()
        last = timezone.localdate().year + 1
        if self.year is not None and not FIRST_YEAR <= self.year <= last:
            raise ValidationError({"year": f"L'année du marché doit être comprise entre {FIRST_YEAR} et {last}."})


class InsertionHoursQuerySet(PersonRecordQuerySet):
    def for_year(self, year: int):
        """Hours of a year: periods begin (and, by rule, end) in the market's year."""
        return self.filter(period_start__year=year)


class InsertionHours(YearLocked, TimeStampedModel):
    """Hours realised by one person with one company in a market over a period."""

    # A period counts in the year it starts in (and lies within its market's year).
    year_dates = {"period_start": ("person", "company", "market", "hours", "is_professionalisation")}
    participant_field = "person"

    person = models.ForeignKey(Person, models.PROTECT, related_name="gpect_insertion_hours", verbose_name="personne")
    company = models.ForeignKey(
        Organisation, models.PROTECT, related_name="gpect_insertion_hours", verbose_name="entreprise"
    )
    # PROTECT: the hours give the year's clause figures.
    market = models.ForeignKey(Market, models.PROTECT, related_name="insertion_hours", verbose_name="marché")
    hours = models.PositiveIntegerField("heures réalisées")
    period_start = models.DateField("début de la période", validators=[validate_past_date])
    period_end = models.DateField("fin de la période", validators=[validate_past_date])
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType, default=ContractType.CDD)
    is_professionalisation = models.BooleanField(
        "contrat de professionnalisation", default=False,
        help_text="La personne se forme en contrat de professionnalisation (en CDD ou en CDI).",
    )  # fmt: skip

    objects = InsertionHoursQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = "heures d'insertion"
        verbose_name_plural = "heures d'insertion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0), name="gpect_hours_positive",
                violation_error_message="Le nombre d'heures doit être supérieur à zéro.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="gpect_hours_period_order",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
            models.UniqueConstraint(
                fields=["person", "company", "market", "period_start", "period_end"], name="gpect_hours_unique",
                violation_error_message=(
                    "Ces heures sont déjà saisies : même personne, même entreprise, même marché et même période."
                ),
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["period_start"], name="gpect_hours_start_idx")]

    def __str__(self):
        return f"{self.person} — {self.company} — {self.hours} h"

    def get_absolute_url(self):
        return reverse("gpect:market_detail", args=[self.market_id])

    def clean(self):
        """The period lies within the market's year."""
        super().clean()
        if self.market_id and self.period_start and self.period_end:
            year = self.market.year
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            if not (first <= self.period_start <= last and first <= self.period_end <= last):
                raise ValidationError({"period_end": f"La période doit se situer dans l'année du marché ({year})."})


class Project(TimeStampedModel):
    """A territorial project the GPECT takes part in (FILOHA, Matières Communes…)."""

    class Status(models.TextChoices):
        EMERGENCE = "emergence", "En émergence"
        EN_COURS = "en_cours", "En cours"
        TERMINE = "termine", "Terminé"

    name = models.CharField("nom", max_length=150, unique=True)
    summary = models.TextField("présentation", blank=True)
    status = models.CharField("état", max_length=20, choices=Status, default=Status.EN_COURS)
    partners = models.ManyToManyField(
        Organisation, related_name="gpect_projects", blank=True, verbose_name="organisations partenaires"
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "projet de territoire"
        verbose_name_plural = "projets de territoire"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gpect:project_list")


track(Employer, EmployerAction, JobOffer, Match, CompanyVisit, Market, InsertionHours, Project)
