from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cbe_portal.forms import ConcurrentEditForm, DateInput
from cbe_portal.models import Commune, Organisation

from .models import FIGURE_FIELDS, Declaration, Membership, Project, Publication, Theme


class DirectoryFilterForm(forms.Form):
    """The public directory's filters: all optional, invalid values are ignored."""

    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    theme = forms.ModelChoiceField(Theme.objects.all(), label="Thématique", required=False, empty_label="Toutes")
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), *Organisation.Kind.choices])
    commune = forms.ModelChoiceField(Commune.objects.none(), label="Commune", required=False, empty_label="Toutes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(
            organisation__ptce_membership__isnull=False
        ).distinct()
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def filter(self, memberships):
        if not self.is_valid():
            return memberships
        data = self.cleaned_data
        if data["q"]:
            memberships = memberships.search(data["q"])
        if data["theme"]:
            memberships = memberships.filter(themes=data["theme"])
        if data["kind"]:
            memberships = memberships.filter(organisation__kind=data["kind"])
        if data["commune"]:
            memberships = memberships.filter(organisation__commune=data["commune"])
        return memberships


class MemberProfileForm(ConcurrentEditForm):
    """What a member edits of its own organisation: its public profile, nothing else."""

    class Meta:
        model = Organisation
        fields = ["description", "website", "email", "phone", "address", "commune", "latitude", "longitude"]
        labels = {"email": "courriel de la structure", "phone": "téléphone de la structure"}
        help_texts = {"description": "Présentation publique : la première phrase apparaît dans l'annuaire."}


class MembershipForm(ConcurrentEditForm):
    class Meta:
        model = Membership
        fields = ["organisation", "joined_on", "left_on", "status", "themes"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput(), "themes": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned_data = super().clean()
        joined_on, left_on = cleaned_data.get("joined_on"), cleaned_data.get("left_on")
        if joined_on and left_on and left_on < joined_on:
            self.add_error("left_on", "La date de sortie ne peut pas précéder la date d'adhésion.")
        return cleaned_data


class ThemeForm(ConcurrentEditForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "position"]


class ProjectForm(ConcurrentEditForm):
    class Meta:
        model = Project
        fields = ["name", "theme", "status", "description", "organisations", "started_on", "ended_on"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(ptce_membership__isnull=False)

    def clean(self):
        cleaned_data = super().clean()
        started_on, ended_on = cleaned_data.get("started_on"), cleaned_data.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", "La fin du projet ne peut pas précéder son début.")
        return cleaned_data


class PublicationForm(ConcurrentEditForm):
    class Meta:
        model = Publication
        fields = ["title", "kind", "year", "description", "file", "link"]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("file") and not cleaned_data.get("link") and not self.has_error("file"):
            raise ValidationError("Joignez un fichier ou indiquez un lien vers la publication.")
        return cleaned_data


class DeclarationForm(ConcurrentEditForm):
    """A member's figures for the year set on the instance (membership and year come from the URL)."""

    class Meta:
        model = Declaration
        fields = list(FIGURE_FIELDS)
        error_messages = {name: {"min_value": "Un chiffre ne peut pas être négatif."} for name in FIGURE_FIELDS}

    def clean(self):
        cleaned_data = super().clean()
        membership = self.instance.membership
        if self.instance.year > timezone.localdate().year:
            raise ValidationError(f"L'année {self.instance.year} n'a pas commencé : rien à déclarer encore.")
        if self.instance.year < membership.joined_on.year:
            raise ValidationError(
                f"{membership} a adhéré au PTCE en {membership.joined_on.year} : "
                f"il ne peut pas déclarer de chiffres pour {self.instance.year}."
            )
        jobs, permanent = cleaned_data.get("emplois"), cleaned_data.get("emplois_permanents")
        if jobs is not None and permanent is not None and permanent > jobs:
            self.add_error("emplois_permanents", "Les emplois permanents ne peuvent pas dépasser le nombre d'emplois.")
        return cleaned_data


class YearForm(forms.Form):
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100)
