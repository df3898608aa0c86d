from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cbe_portal.forms import ConcurrentEditForm, DateInput
from cbe_portal.models import Organisation

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


class ParticipationForm(ConcurrentEditForm):
    class Meta:
        model = Participation
        fields = ["restaurant", "year", "meals_per_day"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants()
        self.fields["restaurant"].help_text = "Une organisation de l'annuaire de type « Restaurant collectif »."

    def clean_meals_per_day(self):
        meals = self.cleaned_data["meals_per_day"]
        if not MEALS_MIN <= meals <= MEALS_MAX:
            raise ValidationError(MEALS_MESSAGE)
        return meals


class SupplierForm(ConcurrentEditForm):
    class Meta:
        model = Supplier
        fields = ["organisation", "category", "is_organic_certified", "products"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "organisation"
        ].help_text = "Une organisation de l'annuaire ; ses coordonnées servent au calcul des distances."


class PurchaseForm(ConcurrentEditForm):
    class Meta:
        model = Purchase
        fields = [
            "restaurant", "year", "period_start", "period_end", "supplier", "family",
            "amount_ht", "is_organic", "local_declared",
        ]  # fmt: skip
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants()
        self.fields["supplier"].queryset = Organisation.objects.filter(circuits_supplier__isnull=False)
        self.fields["supplier"].empty_label = "Autres fournisseurs"
        if not self.instance.pk and not self.is_bound:
            year = timezone.localdate().year
            self.initial.setdefault("year", year)

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


class PurchaseFilterForm(forms.Form):
    year = forms.IntegerField(label="Année", required=False, min_value=2000, max_value=2100)
    restaurant = forms.ModelChoiceField(label="Restaurant", queryset=None, required=False, empty_label="Tous")
    family = forms.ChoiceField(label="Famille", required=False, choices=[("", "Toutes"), *Purchase.Family.choices])
    is_organic = forms.NullBooleanField(
        label="Bio",
        required=False,
        widget=forms.Select(choices=[("", "Tous"), ("true", "Bio"), ("false", "Non bio")]),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["year"]:
            queryset = queryset.filter(year=data["year"])
        if data["restaurant"]:
            queryset = queryset.filter(restaurant=data["restaurant"])
        if data["family"]:
            queryset = queryset.filter(family=data["family"])
        if data["is_organic"] is not None:
            queryset = queryset.filter(is_organic=data["is_organic"])
        return queryset


class GridChoiceForm(forms.Form):
    """Which restaurant and year the yearly grid is for."""

    restaurant = forms.ModelChoiceField(label="Restaurant", queryset=None)
    year = forms.IntegerField(label="Année", min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants()

    def clean(self):
        cleaned_data = super().clean()
        restaurant, year = cleaned_data.get("restaurant"), cleaned_data.get("year")
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

    def __init__(self, *args, restaurant, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.instance.restaurant, self.instance.year = restaurant, year
        self.instance.period_start, self.instance.period_end = date(year, 1, 1), date(year, 12, 31)
        self.fields["supplier"].queryset = Organisation.objects.filter(circuits_supplier__isnull=False)
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
    class Meta:
        model = CropPlan
        fields = ["farm", "year", "season", "product", "quantity", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["farm"].queryset = Organisation.objects.filter(circuits_supplier__isnull=False)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = restaurants()
