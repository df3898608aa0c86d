"""What the European Social Fund Plus (FSE+) asks of each pathway, at entry, at exit and six months later."""

from django.db import models
from django.db.models import Func, Q

from cbe_portal.models import (
    ProgrammeQuerySet,
    TimeStampedModel,
)
from cbe_portal.validators import validate_past_date

from .parcours import ISCED_BANDS, SENSITIVE_WITHOUT_CONSENT, Parcours


class YearsBefore(Func):
    """The same date `years` years earlier (PostgreSQL interval arithmetic, as a date)."""

    template = "(%(expressions)s - make_interval(years => %(years)s))::date"
    output_field = models.DateField()

    def __init__(self, expression, years: int):
        super().__init__(expression, years=int(years))


class FseRecord(TimeStampedModel):
    """What the FSE+ participant questionnaire asks of one pathway: the situation at entry, the
    optional sensitive items (only with the person's consent), the results at exit and six months
    later. Gender and age come from the person, the education level and disability (RQTH) from the
    pathway. No figure of the yearly report counts it: it is not year-locked. Not in the audit trail
    either: a history would keep the sensitive answers after the person withdraws their consent."""

    class LabourSituation(models.TextChoices):
        CHOMEUR = "chomeur", "Chômeur·se (demandeur·se d'emploi)"
        CHOMEUR_LONGUE_DUREE = "chomeur_longue_duree", "Chômeur·se de longue durée"
        INACTIF = "inactif", "Inactif·ve (ni en emploi, ni en recherche d'emploi)"
        EMPLOI = "emploi", "En emploi (indépendant·e compris)"

    class SixMonthSituation(models.TextChoices):
        EMPLOI = "emploi", "En emploi (indépendant·e compris)"
        FORMATION = "formation", "En études ou en formation"
        AUCUNE = "aucune", "Ni en emploi, ni en formation"

    parcours = models.OneToOneField(Parcours, models.CASCADE, related_name="fse", verbose_name="parcours")
    labour_situation = models.CharField(
        "situation sur le marché du travail à l'entrée", max_length=30, choices=LabourSituation, blank=True,
        help_text="Chômeur·se de longue durée : plus de 12 mois de chômage (plus de 6 mois avant 25 ans).",
    )  # fmt: skip
    sensitive_consent = models.BooleanField("la personne consent à répondre aux questions sensibles", default=False)
    sensitive_consent_on = models.DateField(
        "date du consentement", null=True, blank=True, validators=[validate_past_date]
    )
    foreign_background = models.BooleanField("d'origine étrangère", null=True, blank=True)
    third_country_national = models.BooleanField("ressortissant·e d'un pays tiers (hors UE)", null=True, blank=True)
    minority = models.BooleanField(
        "appartient à une minorité (y compris les communautés marginalisées comme les Roms)", null=True, blank=True
    )
    homeless = models.BooleanField("sans domicile ou exclu·e du logement", null=True, blank=True)
    exit_in_training = models.BooleanField("à la sortie : en études ou en formation", null=True, blank=True)
    exit_qualified = models.BooleanField("à la sortie : a obtenu une qualification", null=True, blank=True)
    exit_employed = models.BooleanField("à la sortie : en emploi (indépendant·e compris)", null=True, blank=True)
    exit_job_seeking = models.BooleanField("à la sortie : en recherche d'emploi", null=True, blank=True)
    six_month_situation = models.CharField(
        "situation six mois après la sortie", max_length=20, choices=SixMonthSituation, blank=True
    )
    six_month_recorded_on = models.DateField(
        "situation à six mois relevée le", null=True, blank=True, validators=[validate_past_date]
    )

    objects = ProgrammeQuerySet.as_manager()

    SENSITIVE_FIELDS = ("foreign_background", "third_country_national", "minority", "homeless")
    EXIT_FIELDS = ("exit_in_training", "exit_qualified", "exit_employed", "exit_job_seeking")

    class Meta:
        verbose_name = "données FSE+"
        verbose_name_plural = "données FSE+"
        constraints = [
            models.CheckConstraint(
                condition=Q(sensitive_consent=True, sensitive_consent_on__isnull=False)
                | Q(sensitive_consent=False, sensitive_consent_on__isnull=True, foreign_background__isnull=True,
                    third_country_national__isnull=True, minority__isnull=True, homeless__isnull=True),
                name="plie_fse_sensitive_needs_consent",
                violation_error_message=SENSITIVE_WITHOUT_CONSENT,
            ),
            models.CheckConstraint(
                condition=Q(six_month_situation="", six_month_recorded_on__isnull=True)
                | (~Q(six_month_situation="") & Q(six_month_recorded_on__isnull=False)),
                name="plie_fse_six_month_situation_dated",
                violation_error_message="La situation à six mois a une date de relevé.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Données FSE+ du parcours {self.parcours.of_person}"

    @property
    def isced_band(self) -> str:
        level = self.parcours.education_level
        return next((band for band, (_, levels) in ISCED_BANDS.items() if level in levels), "")
