"""What the projects created: structures and jobs."""

from django.db import models
from django.db.models import (
    Q,
)

from cbe_portal.audit import track
from cbe_portal.models import Organisation, ProgrammeQuerySet, TimeStampedModel, YearLocked
from cbe_portal.validators import validate_past_date

from .projects import Project


class CreatedStructure(YearLocked, TimeStampedModel):
    """A structure a project created (an organisation of the shared directory) and its legal form."""

    year_dates = {"created_on": ("legal_form",)}

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", "Association"
        SCIC = "scic", "SCIC"
        SCOP = "scop", "SCOP"
        SARL = "sarl", "SARL"
        SAS = "sas", "SAS"
        ENTREPRISE_INDIVIDUELLE = "ei", "Entreprise individuelle"
        AUTRE = "autre", "Autre"

    project = models.ForeignKey(Project, models.PROTECT, related_name="structures", verbose_name="projet")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="incubateur_created_structures", verbose_name="structure"
    )
    legal_form = models.CharField("forme juridique", max_length=20, choices=LegalForm)
    created_on = models.DateField("date de création", validators=[validate_past_date])

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on"]
        verbose_name = "structure créée"
        verbose_name_plural = "structures créées"

    def __str__(self):
        return f"{self.organisation} ({self.get_legal_form_display()})"


class CreatedJob(YearLocked, TimeStampedModel):
    year_dates = {"date": ("number",)}

    project = models.ForeignKey(Project, models.PROTECT, related_name="jobs", verbose_name="projet")
    date = models.DateField("date", validators=[validate_past_date])
    number = models.IntegerField("nombre d'emplois créés")
    description = models.CharField("postes", max_length=200, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "création d'emplois"
        verbose_name_plural = "créations d'emplois"
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gt=0), name="incubateur_emplois_positive",
                violation_error_message="Le nombre d'emplois créés doit être positif.",
            )
        ]  # fmt: skip

    def __str__(self):
        plural = "s" if self.number > 1 else ""
        return f"{self.number} emploi{plural} créé{plural} le {self.date:%d/%m/%Y} ({self.project})"


track(CreatedStructure, CreatedJob)
