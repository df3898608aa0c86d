from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils import timezone

from cbe_portal.forms import ConcurrentEditForm, DateInput, YearField
from cbe_portal.models import Commune, ContractType, Organisation, Person, User
from cbe_portal.permissions import Programme
from cbe_portal.widgets import (
    Autocomplete,
    OrganisationChoiceField,
    OrganisationMultipleChoiceField,
    PersonChoiceField,
    organisation_label,
)

from .models import (
    MAX_HOURS_PER_DAY,
    MAX_HOURS_PER_PERSON_YEAR,
    CompanyVisit,
    Employer,
    EmployerAction,
    InsertionHours,
    JobOffer,
    Market,
    Match,
    Project,
    Sector,
)

SELECT = {"class": "form-select"}


class EmployerFilterForm(forms.Form):
    sector = forms.ModelChoiceField(
        Sector.objects.all(), label="Secteur", required=False, empty_label="Tous", widget=forms.Select(SELECT)
    )
    commune = forms.ModelChoiceField(
        Commune.objects.all(), label="Commune", required=False, empty_label="Toutes", widget=forms.Select(SELECT)
    )
    annee = YearField(label="Mobilisé en", widget=forms.Select(SELECT))

    def filter(self, employers):
        """The employers of the sector, the commune and mobilised in the year chosen."""
        if not self.is_valid():
            return employers
        if sector := self.cleaned_data["sector"]:
            employers = employers.filter(sector=sector)
        if commune := self.cleaned_data["commune"]:
            employers = employers.filter(organisation__commune=commune)
        if year := self.cleaned_data["annee"]:
            employers = employers.mobilised_in(year)
        return employers

    def year(self) -> int:
        """The year of the list's « Actions en … » column: the year chosen, else the current one."""
        return (self.is_valid() and self.cleaned_data["annee"]) or timezone.localdate().year


class ActionFilterForm(forms.Form):
    type = forms.ChoiceField(
        label="Type d'action", choices=[("", "Tous"), *EmployerAction.Kind.choices], required=False,
        widget=forms.Select(SELECT),
    )  # fmt: skip
    annee = YearField(widget=forms.Select(SELECT))

    def filter(self, actions):
        if not self.is_valid():
            return actions
        if kind := self.cleaned_data["type"]:
            actions = actions.filter(kind=kind)
        if year := self.cleaned_data["annee"]:
            actions = actions.for_year(year)
        return actions


class YearFilterForm(forms.Form):
    """The year filter of the offer, visit and market lists (each QuerySet says what `for_year` means)."""

    annee = YearField(widget=forms.Select(SELECT))

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data["annee"]:
            return queryset.for_year(self.cleaned_data["annee"])
        return queryset


class EmployerChoiceField(forms.ModelChoiceField):
    """An employer picked by typing part of its name (`gpect:employer_lookup`), labelled as its
    organisation: « Otsokop — Bayonne »."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("widget", Autocomplete("gpect:employer_lookup"))
        super().__init__(queryset.select_related("organisation__commune"), **kwargs)

    def label_from_instance(self, obj):
        return organisation_label(obj.organisation)


class StaffChoiceField(forms.ModelChoiceField):
    """A GPECT editor or coordination member, by full name (the login only for an account without a name).
    The model field's queryset (every user) is replaced."""

    def __init__(self, queryset=None, **kwargs):
        staff = User.objects.filter(groups__name__in=[Programme.GPECT, "coordination"]).distinct()
        super().__init__(staff.order_by("last_name", "first_name", "pk"), **kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class EmployerForm(ConcurrentEditForm):
    class Meta:
        model = Employer
        fields = ["organisation", "sector", "notes"]
        field_classes = {"organisation": OrganisationChoiceField}
        help_texts = {"organisation": "Une organisation de l'annuaire qui n'est pas encore un employeur suivi."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # An organisation is an employer once: offer only those that are not yet (or this one).
        free = Q(gpect_employer__isnull=True) | Q(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).filter(free)


class EmployerActionForm(ConcurrentEditForm):
    class Meta:
        model = EmployerAction
        fields = ["employer", "date", "kind", "staff", "notes"]
        widgets = {"date": DateInput()}
        field_classes = {"employer": EmployerChoiceField, "staff": StaffChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.visible_to(user)


class JobOfferForm(ConcurrentEditForm):
    # Declared so that a negative number gets the model's message, which says the bounds.
    contract_months = forms.IntegerField(
        label="Durée du contrat (mois)", required=False, help_text="Pour un contrat à durée déterminée."
    )

    class Meta:
        model = JobOffer
        fields = ["employer", "title", "contract_type", "contract_months", "date", "closing_date"]
        widgets = {"date": DateInput(), "closing_date": DateInput()}
        field_classes = {"employer": EmployerChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.visible_to(user)


class MatchForm(ConcurrentEditForm):
    """A mise en relation for one offer (the view gives it in the instance); the person is chosen
    among those the user may see."""

    class Meta:
        model = Match
        fields = ["person", "date", "outcome"]
        widgets = {"date": DateInput()}
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.offer.employer_id is None:
            raise ValidationError(
                "Cette offre n'a pas d'employeur : indiquez l'employeur de l'offre avant d'y mettre "
                "quelqu'un en relation.",
                code="offer_without_employer",
            )
        person = cleaned_data.get("person")
        same = Match.objects.filter(offer=self.instance.offer, person=person).exclude(pk=self.instance.pk)
        if person and same.exists():
            self.add_error(
                "person",
                ValidationError("Cette personne a déjà été mise en relation avec cette offre.", code="duplicate"),
            )
        return cleaned_data


class CompanyVisitForm(ConcurrentEditForm):
    participants = forms.IntegerField(label="Participant·es")

    class Meta:
        model = CompanyVisit
        fields = ["kind", "title", "organisation", "date", "participants"]
        widgets = {"date": DateInput()}
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)


class MarketForm(ConcurrentEditForm):
    year = forms.IntegerField(label="Année")
    hours_required = forms.IntegerField(label="Heures d'insertion exigées")

    class Meta:
        model = Market
        fields = ["buyer", "title", "year", "hours_required"]
        field_classes = {"buyer": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = Organisation.objects.visible_to(user)


class InsertionHoursForm(ConcurrentEditForm):
    """Hours of one person with one company in a market (the view gives the market in the instance)."""

    # Declared so that a negative number gets our message, not the field's generic one.
    hours = forms.IntegerField(label="Heures réalisées")

    class Meta:
        model = InsertionHours
        fields = [
            "person",
            "company",
            "contract_type",
            "is_professionalisation",
            "period_start",
            "period_end",
            "hours",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}
        field_classes = {"person": PersonChoiceField, "company": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user)
        self.fields["company"].queryset = Organisation.objects.visible_to(user)

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours <= 0:
            raise ValidationError("Le nombre d'heures doit être supérieur à zéro.", code="hours_not_positive")
        if hours > MAX_HOURS_PER_PERSON_YEAR:
            raise ValidationError(
                f"Plus de {MAX_HOURS_PER_PERSON_YEAR} heures pour une seule personne sur une année : "
                "vérifiez la saisie.",
                code="hours_too_many",
            )
        return hours

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("contract_type") == ContractType.PROFESSIONNALISATION:
            cleaned_data["is_professionalisation"] = True
        self.check_duplicate(cleaned_data)
        self.check_hours_per_day(cleaned_data)
        self.check_hours_per_year(cleaned_data)
        return cleaned_data

    def check_hours_per_day(self, cleaned_data):
        hours, start, end = (cleaned_data.get(key) for key in ("hours", "period_start", "period_end"))
        if hours and start and end and end >= start:
            days = (end - start).days + 1
            if hours > MAX_HOURS_PER_DAY * days:
                self.add_error(
                    "hours",
                    ValidationError(
                        f"{hours} heures en {days} jour{'s' if days > 1 else ''} : cela fait plus de "
                        f"{MAX_HOURS_PER_DAY} heures par jour, vérifiez les heures ou les dates de la période.",
                        code="hours_too_many",
                    ),
                )

    def check_hours_per_year(self, cleaned_data):
        person, hours = cleaned_data.get("person"), cleaned_data.get("hours")
        if not (person and hours):
            return
        year = self.instance.market.year
        others = InsertionHours.objects.filter(person=person, period_start__year=year).exclude(pk=self.instance.pk)
        already = others.aggregate(total=Sum("hours", default=0))["total"]
        if already + hours > MAX_HOURS_PER_PERSON_YEAR:
            self.add_error(
                "hours",
                ValidationError(
                    f"{person} a déjà {already} heures d'insertion en {year} : avec celles-ci, "
                    f"cela dépasserait {MAX_HOURS_PER_PERSON_YEAR} heures sur l'année.",
                    code="hours_too_many",
                ),
            )

    def check_duplicate(self, cleaned_data):
        # The market is not a field of the form, so ModelForm would skip the unique constraint.
        keys = ["person", "company", "period_start", "period_end"]
        if all(cleaned_data.get(key) for key in keys):
            same = InsertionHours.objects.filter(market=self.instance.market, **{k: cleaned_data[k] for k in keys})
            if same.exclude(pk=self.instance.pk).exists():
                raise ValidationError(
                    "Ces heures sont déjà saisies : même personne, même entreprise, même marché et même période.",
                    code="duplicate",
                )


class ProjectForm(ConcurrentEditForm):
    class Meta:
        model = Project
        fields = ["name", "status", "summary", "partners"]
        field_classes = {"partners": OrganisationMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.visible_to(user)
