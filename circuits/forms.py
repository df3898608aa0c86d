from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cbe_portal.forms import ConcurrentEditForm, DateInput, YearField
from cbe_portal.models import Organisation
from cbe_portal.publication import check_unlocked
from cbe_portal.widgets import OrganisationChoiceField
from cbe_portal.years import FIRST_YEAR

from .models import (
    MEALS_MAX,
    MEALS_MIN,
    AwarenessAction,
    CropPlan,
    Participation,
    Purchase,
    Supplier,
    Workshop,
    restaurants,
)

MEALS_MESSAGE = f"Le nombre de repas par jour doit être compris entre {MEALS_MIN} et 20 000."
PAST_YEAR_MESSAGE = f"Choisissez une année de {FIRST_YEAR} à l'année en cours : on n'enregistre que ce qui a eu lieu."


def suppliers(user):
    """Organisations the programme knows as suppliers: the choices of purchases and crop plans."""
    return Organisation.objects.visible_to(user).filter(circuits_supplier__isnull=False)


SUPPLIER_HELP = "Un fournisseur enregistré dans le programme (menu « Fournisseurs et fermes »)."
RESTAURANT_HELP = "Une organisation de l'annuaire de type « Restaurant collectif »."


def planning_years() -> list[tuple[int, str]]:
    """Crop plans may be entered for next year's seasons."""
    return [(year, str(year)) for year in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)]


class ParticipationForm(ConcurrentEditForm):
    year = YearField(required=True, error_messages={"invalid_choice": PAST_YEAR_MESSAGE})

    class Meta:
        model = Participation
        fields = ["restaurant", "year", "meals_per_day"]
        field_classes = {"restaurant": OrganisationChoiceField}
        help_texts = {"restaurant": RESTAURANT_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants().visible_to(user)

    def clean_meals_per_day(self):
        meals = self.cleaned_data["meals_per_day"]
        if not MEALS_MIN <= meals <= MEALS_MAX:
            raise ValidationError(MEALS_MESSAGE)
        return meals


class SupplierForm(ConcurrentEditForm):
    class Meta:
        model = Supplier
        fields = ["organisation", "category", "products", "is_organic_certified"]
        field_classes = {"organisation": OrganisationChoiceField}  # a picker: the whole directory
        help_texts = {
            "organisation": "Une organisation de l'annuaire ; ses coordonnées servent au calcul des distances."
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)


class PurchaseForm(ConcurrentEditForm):
    year = YearField(required=True, error_messages={"invalid_choice": PAST_YEAR_MESSAGE})

    class Meta:
        model = Purchase
        fields = [
            "restaurant", "year", "period_start", "period_end", "supplier", "family",
            "amount_ht", "is_organic", "local_declared",
        ]  # fmt: skip
        widgets = {"period_start": DateInput(), "period_end": DateInput()}
        field_classes = {"restaurant": OrganisationChoiceField, "supplier": OrganisationChoiceField}
        help_texts = {
            "restaurant": "Un restaurant qui participe au programme l'année de l'achat.",
            "supplier": f"{SUPPLIER_HELP} Laisser vide pour « autres » fournisseurs.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants().visible_to(user)
        self.fields["supplier"].queryset = suppliers(user)
        self.fields["supplier"].empty_label = "Autres fournisseurs"
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)

    def clean(self):
        cleaned_data = super().clean()
        check_purchase(self, cleaned_data)
        return cleaned_data


def check_purchase(form, data) -> None:
    """The rules of a purchase, shared by the form and the yearly grid (errors added to `form`)."""
    year, restaurant, supplier = data.get("year"), data.get("restaurant"), data.get("supplier")
    for field in ("period_start", "period_end"):
        day = data.get(field)
        if year and day and day.year != year:
            form.add_error(field, f"La période doit être comprise dans l'année {year}.")
    start, end = data.get("period_start"), data.get("period_end")
    if start and end and start > end:
        form.add_error("period_end", "La fin de la période doit suivre son début.")
    if data.get("local_declared") and supplier:
        if supplier.latitude is None or supplier.longitude is None:
            message = (
                f"« {supplier} » n'a pas de coordonnées : sa distance ne peut pas être calculée et l'achat ne "
                "peut pas être marqué local. Renseignez sa position dans l'annuaire."
            )
        else:
            message = (
                "Le caractère local d'un achat auprès d'un fournisseur se calcule avec sa distance : "
                "ne le cochez que pour les achats « autres »."
            )
        form.add_error("local_declared", message)
    if year and restaurant and not restaurant.circuits_participations.filter(year=year).exists():
        form.add_error(
            "restaurant",
            f"« {restaurant} » ne participe pas au programme en {year} : enregistrez d'abord sa participation.",
        )


class YearFilterForm(forms.Form):
    """The year filter of a list whose QuerySet has `for_year(year)`."""

    annee = YearField()

    def filter(self, queryset):
        self.is_valid()  # a field with a wrong value is left out of `cleaned_data`, never a 500
        if year := self.cleaned_data.get("annee"):
            queryset = queryset.for_year(year)
        return queryset


class PurchaseFilterForm(YearFilterForm):
    restaurant = forms.ModelChoiceField(label="Restaurant", queryset=None, required=False, empty_label="Tous")
    family = forms.ChoiceField(label="Famille", required=False, choices=[("", "Toutes"), *Purchase.Family.choices])
    is_organic = forms.NullBooleanField(
        label="Bio",
        required=False,
        widget=forms.Select(choices=[("", "Tous"), ("true", "Bio"), ("false", "Non bio")]),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A plain select, not a picker: the programme's restaurants are a short list to choose from.
        self.fields["restaurant"].queryset = restaurants().visible_to(user)

    def filter(self, queryset):
        queryset = super().filter(queryset)
        data = self.cleaned_data
        if data.get("restaurant"):
            queryset = queryset.filter(restaurant=data["restaurant"])
        if data.get("family"):
            queryset = queryset.filter(family=data["family"])
        if data.get("is_organic") is not None:
            queryset = queryset.filter(is_organic=data["is_organic"])
        return queryset


class AwarenessFilterForm(YearFilterForm):
    audience = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous"), *AwarenessAction.Audience.choices]
    )

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if audience := self.cleaned_data.get("audience"):
            queryset = queryset.filter(audience=audience)
        return queryset


class GridChoiceForm(forms.Form):
    """Which restaurant and year the yearly grid is for (a year still open to changes)."""

    restaurant = forms.ModelChoiceField(label="Restaurant", queryset=None)
    annee = YearField(required=True, error_messages={"invalid_choice": PAST_YEAR_MESSAGE})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A plain select, not a picker: the programme's restaurants are a short list to choose from.
        self.fields["restaurant"].queryset = restaurants().visible_to(user)

    def clean(self):
        cleaned_data = super().clean()
        restaurant, year = cleaned_data.get("restaurant"), cleaned_data.get("annee")
        if year:
            check_unlocked(year)
        if restaurant and year and not restaurant.circuits_participations.filter(year=year).exists():
            raise ValidationError(
                f"« {restaurant} » ne participe pas au programme en {year} : enregistrez d'abord sa participation."
            )
        return cleaned_data


class GridRowForm(forms.ModelForm):
    """One line of the yearly grid: a year's total for a supplier and a product family."""

    class Meta:
        model = Purchase
        fields = ["supplier", "family", "amount_ht", "is_organic", "local_declared"]
        labels = {"local_declared": "local (« autres »)"}
        field_classes = {"supplier": OrganisationChoiceField}

    def __init__(self, *args, restaurant, year, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.instance.restaurant, self.instance.year = restaurant, year
        self.instance.period_start, self.instance.period_end = date(year, 1, 1), date(year, 12, 31)
        self.fields["supplier"].queryset = suppliers(user)
        self.fields["supplier"].empty_label = "Autres fournisseurs"
        for field in self.fields.values():  # the grid's column headers are the visible labels
            kind = getattr(field.widget, "input_type", None)
            css = {"checkbox": "form-check-input", "select": "form-select"}.get(kind, "form-control")
            field.widget.attrs.update({"aria-label": str(field.label), "class": css})

    def clean(self):
        cleaned_data = super().clean()
        check_purchase(self, {**cleaned_data, "year": self.year})
        return cleaned_data


GridFormSet = forms.formset_factory(GridRowForm, extra=8, max_num=50)


class CropPlanForm(ConcurrentEditForm):
    year = forms.TypedChoiceField(
        label="Année",
        choices=planning_years,
        coerce=int,
        error_messages={"invalid_choice": f"Choisissez une année de {FIRST_YEAR} à l'année prochaine."},
    )

    class Meta:
        model = CropPlan
        fields = ["farm", "year", "season", "product", "quantity", "unit"]
        field_classes = {"farm": OrganisationChoiceField}
        help_texts = {"farm": SUPPLIER_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["farm"].queryset = suppliers(user)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class WorkshopForm(ConcurrentEditForm):
    class Meta:
        model = Workshop
        fields = ["date", "title", "place", "participants", "description"]
        widgets = {"date": DateInput()}


class AwarenessActionForm(ConcurrentEditForm):
    class Meta:
        model = AwarenessAction
        fields = ["date", "title", "audience", "people", "place", "restaurant"]
        widgets = {"date": DateInput()}
        field_classes = {"restaurant": OrganisationChoiceField}
        help_texts = {"restaurant": RESTAURANT_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants().visible_to(user)
