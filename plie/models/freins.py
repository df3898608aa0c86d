"""The peripheral barriers to employment found on a pathway (health, mobility, housing…), and
their lifting."""

import datetime

from django.db import models
from django.db.models import F, Q

from cbe_portal.audit import track
from cbe_portal.models import ProgrammeQuerySet, TimeStampedModel, YearLocked
from cbe_portal.permissions import is_coordination
from cbe_portal.validators import validate_past_date

from .parcours import Parcours, years_between


class FreinQuerySet(ProgrammeQuerySet):
    def followed_by(self, user):
        """The barriers of the pathways `user` follows as referent; coordination follows them all."""
        return self if is_coordination(user) else self.filter(parcours__referent=user)

    def open_since(self, day: datetime.date):
        """Barriers identified before `day` and still there, on pathways still open."""
        return self.filter(identified_on__lt=day, lifted_on__isnull=True, parcours__exit_date__isnull=True)


class Frein(YearLocked, TimeStampedModel):
    """A peripheral barrier to employment, identified then (one hopes) lifted."""

    # A barrier counts (its theme, its pathway) in every year it is present, and in its lift's year.
    # The comment counts in no figure: it goes with the lift's year (none while the barrier remains).
    year_dates = {"identified_on": (), "lifted_on": ("comment",)}

    class Theme(models.TextChoices):
        SANTE = "sante", "Santé"
        MOBILITE = "mobilite", "Mobilité"
        LOGEMENT = "logement", "Logement"
        GARDE_ENFANT = "garde_enfant", "Garde d'enfant"
        PRECARITE = "precarite", "Précarité financière"
        NUMERIQUE = "numerique", "Fracture numérique"
        FRANCAIS = "francais", "Maîtrise du français"
        AUTRE = "autre", "Autre"

    parcours = models.ForeignKey(Parcours, models.PROTECT, related_name="freins", verbose_name="parcours")
    theme = models.CharField("thème", max_length=20, choices=Theme)
    identified_on = models.DateField("repéré le", validators=[validate_past_date])
    lifted_on = models.DateField(
        "levé le", null=True, blank=True, validators=[validate_past_date], help_text="Vide tant que le frein demeure."
    )
    comment = models.CharField("commentaire", max_length=250, blank=True)

    objects = FreinQuerySet.as_manager()

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

    def touched_years(self, deleting: bool = False) -> set[int]:
        """YearLocked's, and a moved date touches every year in between, where the barrier appears or
        disappears."""
        years = super().touched_years(deleting)
        if not deleting and self.pk and (old := Frein._base_manager.filter(pk=self.pk).first()):
            for name in self.year_dates:
                if getattr(old, name) != getattr(self, name):
                    years |= years_between(getattr(old, name), getattr(self, name))
        return years

    def lift(self, day: datetime.date) -> None:
        self.lifted_on = day
        self.save(update_fields=["lifted_on", "updated_at"])


track(Frein)
