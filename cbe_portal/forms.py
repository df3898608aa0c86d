from django import forms
from django.core.exceptions import ValidationError

from .models import Organisation, Person
from .years import known_years

CONCURRENT_EDIT_MESSAGE = (
    "Cette fiche a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte. "
    "Vos changements n'ont pas été enregistrés : rechargez la page pour voir la version actuelle."
)


class ConcurrentEditForm(forms.ModelForm):
    """Refuses to save over a change made since the form was displayed (optimistic locking on
    `updated_at`). Bind it inside `transaction.atomic()`: `clean()` locks the row, so of two
    simultaneous saves the second waits, sees the first one's change and is refused."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                .objects.select_for_update()
                .values_list("updated_at", flat=True)
                .get(pk=self.instance.pk)
            )
            if cleaned_data.get("loaded_version") != current.isoformat():
                raise ValidationError(CONCURRENT_EDIT_MESSAGE, code="concurrent_edit")
        return cleaned_data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def year_choices():
    return [(year, str(year)) for year in reversed(known_years())]


class YearField(forms.TypedChoiceField):
    """A year among `years.known_years()`, newest first: the year field of every filter form (the
    one bound shared with `years.requested_year`)."""

    def __init__(self, *, required=False, **kwargs):
        kwargs.setdefault("label", "Année")
        choices = (lambda: [("", "Toutes"), *year_choices()]) if not required else year_choices
        super().__init__(choices=choices, coerce=int, empty_value=None, required=required, **kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)


class OrganisationForm(ConcurrentEditForm):
    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "siret", "is_ess", "sector", "address", "commune", "latitude",
            "longitude", "website", "email", "phone", "description", "logo",
        ]  # fmt: skip


class PersonForm(ConcurrentEditForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "gender",
            "birth_date",
            "email",
            "phone",
            "address",
            "commune",
        ]
        widgets = {"birth_date": DateInput()}
