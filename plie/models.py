"""The PLIE's records: pathways of the people it follows, their barriers, steps, appointments and
exit; collective actions; the solidarity meal fund."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse

from cbe_portal.models import Organisation, Person, SearchQuerySet, TimeStampedModel

SECOND_OPEN_PARCOURS = "Cette personne a déjà un parcours en cours : clôturez-le avant d'en ouvrir un autre."


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class TwelveMonthsBefore(Func):
    """A date twelve calendar months earlier (PostgreSQL interval arithmetic, as a date)."""

    template = "(%(expressions)s - interval '12 months')::date"
    output_field = models.DateField()


class ExitType(models.Model):
    """A kind of exit, managed by coordination in the admin; its category drives the exit rates."""

    class Category(models.TextChoices):
        POSITIVE = "positive", "Sortie positive"
        ADMINISTRATIVE = "administrative", "Sortie administrative"
        AUTRE = "autre", "Autre sortie"

    name = models.CharField("type de sortie", max_length=150, unique=True)
    category = models.CharField("catégorie", max_length=20, choices=Category)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "type de sortie"
        verbose_name_plural = "types de sortie"

    def __str__(self):
        return self.name


class EducationLevel(models.TextChoices):
    INFRA_3 = "infra3", "Sans diplôme (infra niveau 3)"
    NIVEAU_3 = "3", "Niveau 3 (CAP, BEP)"
    NIVEAU_4 = "4", "Niveau 4 (baccalauréat)"
    NIVEAU_5 = "5", "Niveau 5 (bac + 2)"
    NIVEAU_6 = "6+", "Niveau 6 et plus (licence et au-delà)"


class ParcoursQuerySet(SearchQuerySet):
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
        """`is_deld`: job-seeker for 12 months or more on the entry date."""
        return self.annotate(
            is_deld=Q(job_seeker_since__isnull=False, job_seeker_since__lte=TwelveMonthsBefore(F("entry_date")))
        )


class Parcours(TimeStampedModel):
    """One person's pathway in the PLIE, from entry to exit, with the situation at entry."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="plie_parcours", verbose_name="personne")
    entry_date = models.DateField("date d'entrée")
    prescriber = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_prescriptions",
        verbose_name="prescripteur",
    )  # fmt: skip
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="plie_parcours",
        verbose_name="référent·e",
    )  # fmt: skip
    job_seeker_since = models.DateField(
        "demandeur·se d'emploi depuis", null=True, blank=True, help_text="Vide si la personne n'est pas inscrite."
    )
    rsa = models.BooleanField("bénéficiaire du RSA", default=False)
    ass = models.BooleanField("bénéficiaire de l'ASS", default=False)
    aah = models.BooleanField("bénéficiaire de l'AAH", default=False)
    rqth = models.BooleanField(
        "RQTH", default=False, help_text="Reconnaissance de la qualité de travailleur handicapé."
    )
    education_level = models.CharField("niveau de formation", max_length=10, choices=EducationLevel, blank=True)
    qpv = models.BooleanField("habite un quartier prioritaire (QPV)", default=False)
    exit_date = models.DateField("date de sortie", null=True, blank=True)
    exit_type = models.ForeignKey(
        ExitType, models.PROTECT, null=True, blank=True, related_name="parcours", verbose_name="type de sortie"
    )

    objects = ParcoursQuerySet.as_manager()

    class Meta:
        ordering = ["-entry_date", "pk"]
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
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
        return f"Parcours de {self.person} (entré·e le {self.entry_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("plie:parcours_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.exit_date is None

    @property
    def is_long_term_job_seeker(self) -> bool:
        if not self.job_seeker_since:
            return False
        since, entry = self.job_seeker_since, self.entry_date
        return (since.year, since.month, since.day) <= (entry.year - 1, entry.month, entry.day)

    def covers(self, day: datetime.date) -> bool:
        return self.entry_date <= day and (self.exit_date is None or day <= self.exit_date)

    def close(self, exit_date: datetime.date, exit_type: ExitType) -> None:
        self.exit_date, self.exit_type = exit_date, exit_type
        self.save(update_fields=["exit_date", "exit_type", "updated_at"])

    def timeline(self) -> list[dict]:
        """Every dated event of the pathway, oldest first (uses the prefetched relations)."""
        events = [{"date": self.entry_date, "kind": "entree", "label": "Entrée dans le PLIE"}]
        for frein in self.freins.all():
            events.append({"date": frein.identified_on, "kind": "frein", "label": f"Frein repéré : {frein}"})
            if frein.lifted_on:
                events.append({"date": frein.lifted_on, "kind": "frein-leve", "label": f"Frein levé : {frein}"})
        events += [{"date": e.start_date, "kind": "etape", "label": str(e), "object": e} for e in self.etapes.all()]
        events += [{"date": e.date, "kind": "entretien", "label": str(e), "object": e} for e in self.entretiens.all()]
        events += [{"date": s.date, "kind": "action", "label": str(s)} for s in self.seances.all()]
        if self.exit_date:
            events.append({"date": self.exit_date, "kind": "sortie", "label": f"Sortie : {self.exit_type}"})
        order = {"entree": 0, "sortie": 2}
        return sorted(events, key=lambda event: (event["date"], order.get(event["kind"], 1)))


class Frein(TimeStampedModel):
    """A peripheral barrier to employment, identified then (one hopes) lifted."""

    class Theme(models.TextChoices):
        SANTE = "sante", "Santé"
        MOBILITE = "mobilite", "Mobilité"
        LOGEMENT = "logement", "Logement"
        GARDE_ENFANT = "garde_enfant", "Garde d'enfant"
        PRECARITE = "precarite", "Précarité financière"
        NUMERIQUE = "numerique", "Fracture numérique"
        FRANCAIS = "francais", "Maîtrise du français"
        AUTRE = "autre", "Autre"

    parcours = models.ForeignKey(Parcours, models.CASCADE, related_name="freins", verbose_name="parcours")
    theme = models.CharField("thème", max_length=20, choices=Theme)
    identified_on = models.DateField("repéré le")
    lifted_on = models.DateField("levé le", null=True, blank=True)
    comment = models.CharField("commentaire", max_length=250, blank=True)

    class Meta:
        ordering = ["identified_on", "pk"]
        verbose_name = "frein périphérique"
        verbose_name_plural = "freins périphériques"
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=F("identified_on")),
                name="plie_frein_lifted_after_identified",
                violation_error_message="Un frein ne peut pas être levé avant d'avoir été repéré.",
            )
        ]

    def __str__(self):
        return self.get_theme_display()

    def lift(self, day: datetime.date) -> None:
        self.lifted_on = day
        self.save(update_fields=["lifted_on", "updated_at"])


class Etape(TimeStampedModel):
    """A step of the pathway: a job, a training, an immersion, a workshop…"""

    class Kind(models.TextChoices):
        EMPLOI = "emploi", "Emploi"
        IAE = "iae", "Insertion par l'activité économique (IAE)"
        FORMATION = "formation", "Formation"
        IMMERSION = "immersion", "Immersion en entreprise"
        ATELIER = "atelier", "Atelier collectif"
        ACCOMPAGNEMENT_SOCIAL = "accompagnement_social", "Accompagnement social"
        AUTRE = "autre", "Autre"

    class ContractType(models.TextChoices):
        CDI = "cdi", "CDI"
        CDD = "cdd", "CDD"
        INTERIM = "interim", "Intérim"
        CDDI = "cddi", "CDDI (insertion)"
        PROFESSIONNALISATION = "professionnalisation", "Contrat de professionnalisation"
        APPRENTISSAGE = "apprentissage", "Contrat d'apprentissage"
        AIDE = "aide", "Contrat aidé (PEC)"

    parcours = models.ForeignKey(Parcours, models.CASCADE, related_name="etapes", verbose_name="parcours")
    kind = models.CharField("type d'étape", max_length=30, choices=Kind)
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_etapes", verbose_name="structure"
    )
    title = models.CharField("intitulé", max_length=200, blank=True, help_text="Poste, formation, atelier…")
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType, blank=True)
    contract_months = models.PositiveSmallIntegerField("durée du contrat (mois)", null=True, blank=True)
    qualifying = models.BooleanField("formation qualifiante", null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = "étape de parcours"
        verbose_name_plural = "étapes de parcours"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="plie_etape_end_after_start",
                violation_error_message="La fin d'une étape ne peut pas précéder son début.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="emploi") | ~Q(contract_type=""),
                name="plie_etape_job_has_contract",
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


class Entretien(TimeStampedModel):
    """An individual appointment with the participant."""

    class Mode(models.TextChoices):
        PRESENTIEL = "presentiel", "En présentiel"
        TELEPHONE = "telephone", "Par téléphone"
        VISIO = "visio", "En visioconférence"

    parcours = models.ForeignKey(Parcours, models.CASCADE, related_name="entretiens", verbose_name="parcours")
    date = models.DateField("date")
    mode = models.CharField("modalité", max_length=20, choices=Mode, default=Mode.PRESENTIEL)
    subject = models.CharField("objet", max_length=250, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "entretien"

    def __str__(self):
        text = f"Entretien {self.get_mode_display().lower()}"
        return f"{text} : {self.subject}" if self.subject else text


class ActionCollective(TimeStampedModel):
    name = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    partner = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_actions",
        verbose_name="structure partenaire",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = "action collective"
        verbose_name_plural = "actions collectives"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plie:action_detail", args=[self.pk])


class Seance(TimeStampedModel):
    """A session of a collective action and the participants who attended it."""

    action = models.ForeignKey(ActionCollective, models.CASCADE, related_name="seances", verbose_name="action")
    date = models.DateField("date")
    theme = models.CharField("thème de la séance", max_length=200, blank=True)
    attendees = models.ManyToManyField(Parcours, related_name="seances", blank=True, verbose_name="participant·es")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "séance"

    def __str__(self):
        return f"{self.action} — {self.theme}" if self.theme else str(self.action)


class AideRepasQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class AideRepas(TimeStampedModel):
    """An aid of the solidarity meal fund (fonds solidaire d'aide au repas)."""

    date = models.DateField("date")
    beneficiary = models.ForeignKey(
        Person, models.PROTECT, related_name="plie_aides_repas", verbose_name="bénéficiaire"
    )
    meals = models.PositiveSmallIntegerField("nombre de repas", null=True, blank=True)
    amount = models.DecimalField("montant (€)", max_digits=7, decimal_places=2, null=True, blank=True)
    restaurant = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_aides_repas",
        verbose_name="restaurant partenaire",
    )  # fmt: skip

    objects = AideRepasQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = "aide au repas"
        verbose_name_plural = "aides au repas"
        constraints = [
            models.CheckConstraint(
                condition=Q(meals__isnull=False) | Q(amount__isnull=False),
                name="plie_aide_repas_meals_or_amount",
                violation_error_message="Indiquez un nombre de repas ou un montant.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="plie_aide_repas_positive_amount",
                violation_error_message="Le montant doit être positif.",
            ),
        ]

    def __str__(self):
        return f"Aide au repas du {self.date:%d/%m/%Y} pour {self.beneficiary}"
