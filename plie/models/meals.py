"""The solidarity meal fund: the lunches a participant is given at a partner restaurant."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cbe_portal.audit import track
from cbe_portal.models import (
    Organisation,
    Person,
    ProgrammeQuerySet,
    SearchQuerySet,
    TimeStampedModel,
    YearLocked,
)
from cbe_portal.validators import validate_past_date

from .parcours import year_bounds

# A plausible bound for one aid: the fund gives a few weeks of lunches at a time (the demo's aids
# are 4 to 20 meals, 20 to 60 €).
MAX_MEALS, MAX_AMOUNT = 60, 300


class MealAidQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("beneficiary__last_name", "beneficiary__first_name")

    def in_year(self, year: int):
        return self.filter(date__range=year_bounds(year))


class MealAid(YearLocked, TimeStampedModel):
    """An aid of the solidarity meal fund (fonds solidaire d'aide au repas)."""

    year_dates = {"date": ()}

    date = models.DateField("date", validators=[validate_past_date])
    beneficiary = models.ForeignKey(Person, models.PROTECT, related_name="plie_meal_aids", verbose_name="bénéficiaire")
    meals = models.PositiveSmallIntegerField(
        "nombre de repas", null=True, blank=True,
        validators=[
            MinValueValidator(1, "Une aide compte au moins 1 repas."),
            MaxValueValidator(MAX_MEALS, f"Une aide ne dépasse pas {MAX_MEALS} repas : vérifiez le nombre."),
        ],
    )  # fmt: skip
    amount = models.DecimalField(
        "montant (€)", max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[
            MinValueValidator(Decimal("0.01"), "Le montant doit être positif."),
            MaxValueValidator(MAX_AMOUNT, f"Une aide ne dépasse pas {MAX_AMOUNT} € : vérifiez le montant."),
        ],
    )  # fmt: skip
    restaurant = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_meal_aids",
        verbose_name="restaurant partenaire",
    )  # fmt: skip

    objects = MealAidQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = "aide au repas"
        verbose_name_plural = "aides au repas"
        indexes = [models.Index(fields=["date", "id"], name="plie_meal_aid_date_idx")]  # the list's order
        constraints = [
            models.CheckConstraint(
                condition=Q(meals__isnull=False) | Q(amount__isnull=False),
                name="plie_meal_aid_meals_or_amount",
                violation_error_message="Indiquez un nombre de repas ou un montant.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="plie_meal_aid_positive_amount",
                violation_error_message="Le montant doit être positif.",
            ),
        ]

    def __str__(self):
        return f"Aide au repas du {self.date:%d/%m/%Y} pour {self.beneficiary}"


track(MealAid)
