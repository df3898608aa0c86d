"""The GPECT's records: employers and the actions with them, job offers and matches, company
visits, markets with an insertion clause and the hours realised, territorial projects."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from cbe_portal.models import Organisation, Person, SearchQuerySet, TimeStampedModel

# A full-time year (35 h × 52 weeks): more hours than this for one person in one year is a typo.
MAX_HOURS_PER_PERSON_YEAR = 1820
# The legal maximum working day: more hours on average over a period is a typo too.
MAX_HOURS_PER_DAY = 10


class Sector(models.Model):
    """One of the 13 activity sectors the GPECT sorts employers into (loaded by migration)."""

    name = models.CharField("nom", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"

    def __str__(self):
        return self.name


class EmployerQuerySet(SearchQuerySet):
    search_fields = ("organisation__name", "organisation__commune__name", "sector__name")

    def mobilised_in(self, year: int):
        """Employers with at least one action dated in `year`."""
        return self.filter(pk__in=EmployerAction.objects.filter(date__year=year).values("employer"))

    def with_actions_in(self, year: int):
        # An aggregate drops Meta.ordering: say it again for the paginated list.
        actions = models.Count("actions", filter=models.Q(actions__date__year=year))
        return self.annotate(actions_in_year=actions).order_by("organisation__name", "pk")

    def filtered(self, *, year: int, sector=None, commune=None, contacted=False):
        """The employer list's filters: sector, commune, mobilised in `year`."""
        queryset = self
        if sector:
            queryset = queryset.filter(sector=sector)
        if commune:
            queryset = queryset.filter(organisation__commune=commune)
        if contacted:
            queryset = queryset.mobilised_in(year)
        return queryset


class Employer(TimeStampedModel):
    """An organisation as the GPECT sees it: an employer of a sector."""

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


class EmployerAction(TimeStampedModel):
    class Kind(models.TextChoices):
        CONTACT = "contact", "Contact"
        OFFRE = "offre", "Offre d'emploi relayée"
        IMMERSION = "immersion", "Immersion"
        EVENEMENT = "evenement", "Événement"
        FORMATION = "formation", "Formation"
        INFORMATION = "information", "Information"

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="actions", verbose_name="employeur")
    kind = models.CharField("type d'action", max_length=20, choices=Kind, default=Kind.CONTACT)
    date = models.DateField("date")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="gpect_actions",
        verbose_name="chargé·e de mission",
    )  # fmt: skip
    notes = models.TextField("notes", blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "action avec un employeur"
        verbose_name_plural = "actions avec les employeurs"
        indexes = [models.Index(fields=["date"], name="gpect_action_date_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.employer} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.employer.get_absolute_url()


class ContractType(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", "Intérim"
    PROFESSIONNALISATION = "professionnalisation", "Contrat de professionnalisation"
    APPRENTISSAGE = "apprentissage", "Contrat d'apprentissage"
    CDDI = "cddi", "CDDI (insertion)"
    AUTRE = "autre", "Autre"


class JobOfferQuerySet(SearchQuerySet):
    search_fields = ("title", "employer__organisation__name")

    def with_match_count(self):
        return self.annotate(match_count=models.Count("matches")).order_by("-date", "-pk")


class JobOffer(TimeStampedModel):
    title = models.CharField("intitulé", max_length=200)
    employer = models.ForeignKey(
        Employer, models.SET_NULL, null=True, blank=True, related_name="offers", verbose_name="employeur"
    )
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType, default=ContractType.CDD)
    date = models.DateField("date de diffusion")

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        indexes = [models.Index(fields=["date"], name="gpect_offer_date_idx")]

    def __str__(self):
        return f"{self.title} ({self.employer or 'employeur inconnu'})"

    def get_absolute_url(self):
        return reverse("gpect:offer_detail", args=[self.pk])


class Match(TimeStampedModel):
    """A mise en relation: a job-seeker put forward for an offer."""

    class Outcome(models.TextChoices):
        EN_COURS = "en_cours", "En cours"
        EMBAUCHE = "embauche", "Embauché·e"
        NON_RETENU = "non_retenu", "Non retenu·e"

    offer = models.ForeignKey(JobOffer, models.CASCADE, related_name="matches", verbose_name="offre")
    person = models.ForeignKey(Person, models.PROTECT, related_name="gpect_matches", verbose_name="personne")
    date = models.DateField("date")
    outcome = models.CharField("suite donnée", max_length=20, choices=Outcome, default=Outcome.EN_COURS)

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


class CompanyVisit(TimeStampedModel):
    """A company visit or an activity-zone workshop with job-seekers."""

    class Kind(models.TextChoices):
        VISITE = "visite", "Visite d'entreprise"
        ATELIER = "atelier", "Atelier de présentation d'une zone d'activités"

    kind = models.CharField("type", max_length=20, choices=Kind, default=Kind.VISITE)
    title = models.CharField("intitulé", max_length=200)
    date = models.DateField("date")
    organisation = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="gpect_visits",
        verbose_name="entreprise visitée",
    )  # fmt: skip
    participants = models.PositiveIntegerField("participant·es")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "visite ou atelier"
        verbose_name_plural = "visites et ateliers"

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("gpect:visit_list")


class MarketQuerySet(SearchQuerySet):
    search_fields = ("title", "buyer__name")

    def with_hours_realised(self):
        hours = models.Sum("insertion_hours__hours", default=0)
        return self.annotate(hours_realised=hours).order_by("-year", "title", "pk")


class Market(TimeStampedModel):
    """A public market with an insertion clause (one year of execution)."""

    buyer = models.ForeignKey(Organisation, models.PROTECT, related_name="gpect_markets", verbose_name="acheteur")
    title = models.CharField("intitulé", max_length=250)
    year = models.PositiveSmallIntegerField("année")
    hours_required = models.PositiveIntegerField("heures d'insertion exigées")

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


class InsertionHoursQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """Hours of a year: periods begin (and, by rule, end) in the market's year."""
        return self.filter(period_start__year=year)


class InsertionHours(TimeStampedModel):
    """Hours realised by one person with one company in a market over a period."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="gpect_insertion_hours", verbose_name="personne")
    company = models.ForeignKey(
        Organisation, models.PROTECT, related_name="gpect_insertion_hours", verbose_name="entreprise"
    )
    market = models.ForeignKey(Market, models.CASCADE, related_name="insertion_hours", verbose_name="marché")
    hours = models.PositiveIntegerField("heures réalisées")
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
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

    class Meta:
        ordering = ["name"]
        verbose_name = "projet de territoire"
        verbose_name_plural = "projets de territoire"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gpect:project_list")
