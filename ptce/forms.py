from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.formats import date_format

from cbe_portal.forms import ConcurrentEditForm, DateInput, YearField
from cbe_portal.models import Commune, Organisation
from cbe_portal.validators import validate_phone
from cbe_portal.widgets import OrganisationChoiceField

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


class MembershipFilterForm(forms.Form):
    """The staff list's status filter (links, not a form on the page); an invalid value is ignored."""

    statut = forms.ChoiceField(label="Statut", required=False, choices=[("", "Tous"), *Membership.Status.choices])

    def filter(self, memberships):
        if self.is_valid() and self.cleaned_data["statut"]:
            return memberships.in_status(self.cleaned_data["statut"])
        return memberships


class ProjectFilterForm(forms.Form):
    """The staff list's theme filter (links); an invalid value is ignored."""

    theme = forms.ModelChoiceField(Theme.objects.all(), label="Thématique", required=False, empty_label="Toutes")

    def filter(self, projects):
        if self.is_valid() and self.cleaned_data["theme"]:
            return projects.filter(theme=self.cleaned_data["theme"])
        return projects


class DeclarationFilterForm(forms.Form):
    annee = YearField(required=True, widget=forms.Select(attrs={"class": "form-select"}))


class MemberProfileForm(ConcurrentEditForm):
    """What a member edits of its own organisation: its public profile, nothing else."""

    class Meta:
        model = Organisation
        fields = ["description", "address", "commune", "latitude", "longitude", "website", "email", "phone"]
        labels = {"email": "courriel de la structure", "phone": "téléphone de la structure"}
        help_texts = {"description": "Présentation publique : la première phrase apparaît dans l'annuaire."}

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:
            validate_phone(phone)
        return phone


class MembershipForm(ConcurrentEditForm):
    """A membership as staff record it. Its status is read from the leaving date: a member who left
    has one, an active or observer member none."""

    status = forms.ChoiceField(label="Statut", choices=Membership.Status.choices)

    class Meta:
        model = Membership
        fields = ["organisation", "joined_on", "status", "left_on", "themes"]
        field_classes = {"organisation": OrganisationChoiceField}
        widgets = {"joined_on": DateInput(), "left_on": DateInput(), "themes": forms.CheckboxSelectMultiple}
        help_texts = {"organisation": "Une organisation de l'annuaire qui n'est pas encore membre du PTCE."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisations = Organisation.objects.visible_to(user)
        if self.instance.pk:  # a membership stays its organisation's
            organisation.disabled = True
            organisation.help_text = ""
            organisation.queryset = organisations.filter(pk=self.instance.organisation_id)
            self.initial["status"] = self.instance.status
        else:
            organisation.queryset = organisations.filter(ptce_membership__isnull=True)

    def clean(self):
        cleaned_data = super().clean()
        joined_on, left_on, status = (cleaned_data.get(name) for name in ("joined_on", "left_on", "status"))
        if status == Membership.Status.SORTI and not left_on and not self.has_error("left_on"):
            self.add_error("left_on", "Indiquez la date de sortie du PTCE.")
        elif status and status != Membership.Status.SORTI and left_on:
            self.add_error("left_on", "Un membre qui n'est pas sorti du PTCE n'a pas de date de sortie : effacez-la "
                           "ou choisissez le statut « Sorti du PTCE ».")  # fmt: skip
        elif joined_on and left_on and left_on < joined_on:
            self.add_error("left_on", "La date de sortie ne peut pas précéder la date d'adhésion.")
        if status:
            self.instance.is_observer = status == Membership.Status.OBSERVATEUR
        return cleaned_data


class ThemeForm(ConcurrentEditForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "position"]


class ProjectForm(ConcurrentEditForm):
    class Meta:
        model = Project
        fields = ["name", "theme", "status", "description", "started_on", "ended_on", "organisations"]
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
        # The field's own words for a figure out of bounds, also beyond what the database holds.
        error_messages = {
            name: {
                "min_value": "Un chiffre ne peut pas être négatif.",
                "max_value": next(
                    validator.message
                    for validator in Declaration._meta.get_field(name).validators
                    if isinstance(validator, MaxValueValidator)
                ),
            }
            for name in FIGURE_FIELDS
        }

    def clean(self):
        cleaned_data = super().clean()
        membership, year = self.instance.membership, self.instance.year
        if year not in membership.declaration_years():
            if year < membership.joined_on.year:
                when = f"a adhéré au PTCE en {membership.joined_on.year}"
            else:
                when = f"a quitté le PTCE le {date_format(membership.left_on)}"
            raise ValidationError(f"{membership} {when} : il ne peut pas déclarer de chiffres pour {year}.")
        jobs, permanent = cleaned_data.get("emplois"), cleaned_data.get("emplois_permanents")
        if jobs is not None and permanent is not None and permanent > jobs:
            self.add_error("emplois_permanents", "Les emplois permanents ne peuvent pas dépasser le nombre d'emplois.")
        return cleaned_data
