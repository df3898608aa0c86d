from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html

from .models import Organisation, Person
from .widgets import OrganisationChoiceField, PersonChoiceField
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

    @cached_property
    def locked_notice(self) -> str:
        """Said above the form as it opens when its record counts only in published years: no change
        of it can be saved, and the person learns it before typing rather than on saving."""
        from .models import YearLocked
        from .publication import LOCKED_MESSAGE, locked_years

        record = self.instance
        if self.is_bound or not record.pk or not isinstance(record, YearLocked):
            return ""
        years = record.span()
        return LOCKED_MESSAGE.format(year=min(years)) if years and years <= locked_years() else ""

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


class DuplicateCheck(forms.Form):
    """A new record that looks like existing ones (`namesakes()`) is refused until the user ticks
    `confirm_duplicate`; the form keeps the candidates in `duplicates` for the page to link them."""

    confirm_duplicate = forms.BooleanField(
        label="Je confirme qu'il ne s'agit d'aucune des fiches ci-dessus", required=False, widget=forms.HiddenInput
    )
    duplicate_message = ""

    duplicates: list = []
    hidden_duplicates = 0  # look-alikes the user may not see (followed by another programme)

    def check_duplicates(self, candidates, hidden: int = 0) -> None:
        self.duplicates, self.hidden_duplicates = list(candidates[:10]), hidden
        if (self.duplicates or hidden) and not self.cleaned_data.get("confirm_duplicate"):
            self.fields["confirm_duplicate"].widget = forms.CheckboxInput()
            self.add_error("confirm_duplicate", ValidationError(self.duplicate_message, code="duplicate"))


class OrganisationForm(DuplicateCheck, ConcurrentEditForm):
    duplicate_message = (
        "Une organisation de même nom existe déjà dans cette commune. Si c'est bien une autre organisation, "
        "cochez la case ; sinon, ouvrez la fiche existante."
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "siret", "is_ess", "sector", "address", "commune", "latitude",
            "longitude", "website", "email", "phone", "description", "logo",
        ]  # fmt: skip

    def clean_siret(self):
        siret = self.cleaned_data["siret"]
        existing = Organisation.objects.filter(siret=siret).exclude(pk=self.instance.pk).first() if siret else None
        if existing:
            raise ValidationError(
                format_html(
                    'Une organisation avec ce SIRET existe déjà : <a href="{}">{}</a>.',
                    existing.get_absolute_url(),
                    existing,
                ),
                code="siret_exists",
            )
        return siret

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk and cleaned_data.get("name") and cleaned_data.get("commune"):
            self.check_duplicates(Organisation.objects.namesakes(cleaned_data["name"], cleaned_data["commune"]))
        return cleaned_data


class PersonDuplicateCheck(DuplicateCheck):
    """A new person (this form's, or one described in another form) whose namesakes are shown before
    a second record of them is made; `user` sees those their programmes follow, and is told of the others."""

    namesake_found = "Une personne de mêmes nom, prénom et date de naissance est déjà enregistrée."
    duplicate_message = (
        f"{namesake_found} Si c'est bien une autre personne, cochez la case ; sinon, ouvrez la fiche existante."
    )

    def check_namesakes(self, user, first_name: str, last_name: str, birth_date) -> None:
        if self.cleaned_data.get("confirm_duplicate"):  # somebody else, said the user (or an import that matched)
            return
        namesakes = Person.objects.namesakes(first_name, last_name, birth_date)
        visible = namesakes.visible_to(user)
        self.check_duplicates(visible, hidden=namesakes.count() - visible.count())


class PersonForm(PersonDuplicateCheck, ConcurrentEditForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # No gender preselected: the person says it, or « Autre ou non précisé » is chosen knowingly.
        self.fields["gender"].choices = [("", "—"), *Person.Gender.choices]
        if not self.instance.pk:
            self.initial["gender"] = ""

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk and cleaned_data.get("first_name") and cleaned_data.get("last_name"):
            self.check_namesakes(
                self.user, cleaned_data["first_name"], cleaned_data["last_name"], cleaned_data.get("birth_date")
            )
        return cleaned_data

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


class MergeForm(forms.Form):
    """Coordination merges another record into the one shown: first the choice, then a confirmation
    that lists what moves."""

    other = forms.ModelChoiceField(queryset=None, label="Fiche en double, à supprimer après fusion")
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kept, **kwargs):
        super().__init__(*args, **kwargs)
        # A picker rather than a select of every record: namesakes differ by commune and birth year.
        picker = PersonChoiceField if isinstance(kept, Person) else OrganisationChoiceField
        label = self.fields["other"].label
        self.fields["other"] = picker(type(kept)._default_manager.exclude(pk=kept.pk), label=label)
