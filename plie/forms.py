from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q

from cbe_portal.forms import ConcurrentEditForm, DateInput, SearchForm
from cbe_portal.models import Commune, Person
from cbe_portal.permissions import persons_for_user

from .models import (
    SECOND_OPEN_PARCOURS,
    ActionCollective,
    AideRepas,
    Entretien,
    Etape,
    ExitType,
    Frein,
    Parcours,
    Seance,
)

MINIMUM_AGE = 16
OUTSIDE_PATHWAY = "Cette date est en dehors du parcours (du {entry} au {exit})."

SITUATION_FIELDS = [
    "entry_date", "prescriber", "referent", "job_seeker_since", "rsa", "ass", "aah", "rqth",
    "education_level", "qpv",
]  # fmt: skip
SITUATION_WIDGETS = {"entry_date": DateInput(), "job_seeker_since": DateInput()}


def referents():
    return get_user_model().objects.filter(Q(groups__name="plie") | Q(plie_parcours__isnull=False)).distinct()


def check_age(person_birth_date, entry_date):
    """Too young for the PLIE: younger than 16 on the entry date."""
    if person_birth_date and entry_date:
        age = Person(birth_date=person_birth_date).age_on(entry_date)
        if age < MINIMUM_AGE:
            raise ValidationError(
                f"La personne aurait {age} ans à l'entrée : le PLIE accompagne les personnes de {MINIMUM_AGE} ans "
                "et plus. Vérifiez la date de naissance ou la date d'entrée."
            )


def pathway_dates_text(parcours):
    exit_text = f"{parcours.exit_date:%d/%m/%Y}" if parcours.exit_date else "aujourd'hui"
    return OUTSIDE_PATHWAY.format(entry=f"{parcours.entry_date:%d/%m/%Y}", exit=exit_text)


def check_in_pathway(form, parcours, *fields):
    """Add an error to each date field outside the pathway's dates."""
    for field in fields:
        day = form.cleaned_data.get(field)
        if day and not parcours.covers(day):
            form.add_error(field, pathway_dates_text(parcours))


class ParcoursCreateForm(forms.ModelForm):
    """Open a pathway for a person already in the directory, or for a new one."""

    person = forms.ModelChoiceField(
        label="Personne déjà connue", queryset=Person.objects.none(), required=False,
        help_text="Ou laissez vide et remplissez la nouvelle personne ci-dessous.",
    )  # fmt: skip
    first_name = forms.CharField(label="Prénom", max_length=100, required=False)
    last_name = forms.CharField(label="Nom", max_length=100, required=False)
    gender = forms.ChoiceField(label="Genre", choices=Person.Gender.choices, required=False)
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DateInput())
    commune = forms.ModelChoiceField(label="Commune", queryset=Commune.objects.all(), required=False)

    class Meta:
        model = Parcours
        fields = SITUATION_FIELDS
        widgets = SITUATION_WIDGETS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons_for_user(user)
        self.fields["referent"].queryset = referents()

    def clean(self):
        data = super().clean()
        person, entry_date = data.get("person"), data.get("entry_date")
        if person:
            if person.plie_parcours.open().exists():
                self.add_error("person", SECOND_OPEN_PARCOURS)
            birth_field, birth_date = "person", person.birth_date
        else:
            if not data.get("first_name") or not data.get("last_name"):
                raise ValidationError("Choisissez une personne déjà connue ou indiquez le nom et le prénom.")
            birth_field, birth_date = "birth_date", data.get("birth_date")
        try:
            check_age(birth_date, entry_date)
        except ValidationError as error:
            self.add_error(birth_field, error)
        return data

    def person_to_follow(self) -> Person:
        """The chosen person, or a new (unsaved) one."""
        if self.cleaned_data["person"]:
            return self.cleaned_data["person"]
        fields = ["first_name", "last_name", "birth_date", "commune"]
        person = Person(**{field: self.cleaned_data[field] for field in fields})
        person.gender = self.cleaned_data["gender"] or Person.Gender.AUTRE
        return person


class ParcoursSituationForm(ConcurrentEditForm):
    """The entry date and the situation at entry of an existing pathway."""

    class Meta:
        model = Parcours
        fields = SITUATION_FIELDS
        widgets = SITUATION_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = referents()

    def clean_entry_date(self):
        entry_date = self.cleaned_data["entry_date"]
        if self.instance.exit_date and entry_date > self.instance.exit_date:
            raise ValidationError("La date d'entrée ne peut pas suivre la date de sortie.")
        first_step = self.instance.etapes.order_by("start_date").values_list("start_date", flat=True).first()
        if first_step and entry_date > first_step:
            raise ValidationError(f"Une étape commence le {first_step:%d/%m/%Y}, avant cette date d'entrée.")
        check_age(self.instance.person.birth_date, entry_date)
        return entry_date


class ParcoursExitForm(ConcurrentEditForm):
    """Record the exit: its date and type."""

    class Meta:
        model = Parcours
        fields = ["exit_date", "exit_type"]
        widgets = {"exit_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exit_date"].required = self.fields["exit_type"].required = True

    def clean_exit_date(self):
        exit_date = self.cleaned_data["exit_date"]
        if exit_date < self.instance.entry_date:
            raise ValidationError(
                f"La date de sortie ne peut pas précéder la date d'entrée ({self.instance.entry_date:%d/%m/%Y})."
            )
        late_steps = self.instance.etapes.filter(Q(start_date__gt=exit_date) | Q(end_date__gt=exit_date))
        if late_steps.exists():
            raise ValidationError("Une étape du parcours se poursuit après cette date : corrigez-la d'abord.")
        return exit_date


class FreinForm(forms.ModelForm):
    class Meta:
        model = Frein
        fields = ["theme", "identified_on", "comment"]
        widgets = {"identified_on": DateInput()}

    def clean(self):
        data = super().clean()
        check_in_pathway(self, self.instance.parcours, "identified_on")
        return data


class FreinLiftForm(forms.ModelForm):
    class Meta:
        model = Frein
        fields = ["lifted_on"]
        widgets = {"lifted_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lifted_on"].required = True

    def clean(self):
        data = super().clean()
        lifted_on = data.get("lifted_on")
        if lifted_on and lifted_on < self.instance.identified_on:
            self.add_error("lifted_on", Frein._meta.constraints[0].violation_error_message)
        check_in_pathway(self, self.instance.parcours, "lifted_on")
        return data


class EtapeForm(forms.ModelForm):
    class Meta:
        model = Etape
        fields = ["kind", "title", "start_date", "end_date", "organisation", "contract_type", "contract_months",
                  "qualifying"]  # fmt: skip
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "qualifying": forms.NullBooleanSelect()}
        help_texts = {"qualifying": "Pour une formation seulement."}

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Etape.Kind.EMPLOI and not data.get("contract_type"):
            self.add_error("contract_type", "Indiquez le type de contrat de cet emploi.")
        if kind == Etape.Kind.FORMATION and data.get("qualifying") is None:
            self.add_error("qualifying", "Précisez si la formation est qualifiante.")
        check_in_pathway(self, self.instance.parcours, "start_date", "end_date")
        return data

    def validate_constraints(self):
        # The job-without-contract rule already has its message on the field.
        if not self.has_error("contract_type"):
            super().validate_constraints()


class EntretienForm(forms.ModelForm):
    class Meta:
        model = Entretien
        fields = ["date", "mode", "subject"]
        widgets = {"date": DateInput()}

    def clean(self):
        data = super().clean()
        check_in_pathway(self, self.instance.parcours, "date")
        return data


class ActionCollectiveForm(forms.ModelForm):
    class Meta:
        model = ActionCollective
        fields = ["name", "description", "partner"]


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.last_name} {obj.person.first_name} (entré·e le {obj.entry_date:%d/%m/%Y})"


class SeanceForm(forms.ModelForm):
    attendees = AttendeeChoiceField(
        label="Participant·es présent·es", queryset=Parcours.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Les personnes dont le parcours est en cours.",
    )  # fmt: skip

    class Meta:
        model = Seance
        fields = ["date", "theme", "attendees"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Parcours.objects.filter(person__in=persons_for_user(user))
        self.fields["attendees"].queryset = visible.open().select_related("person").order_by("person__last_name")

    def clean(self):
        data = super().clean()
        day = data.get("date")
        outside = [str(p.person) for p in data.get("attendees", []) if day and not p.covers(day)]
        if outside:
            self.add_error("attendees", f"Pas en parcours à cette date : {', '.join(outside)}.")
        return data


class AideRepasForm(forms.ModelForm):
    class Meta:
        model = AideRepas
        fields = ["date", "beneficiary", "meals", "amount", "restaurant"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = persons_for_user(user)


class ParcoursFilterForm(SearchForm):
    """The participant list's filters; `filter()` applies the valid ones."""

    STATUS = [("", "Tous"), ("en_parcours", "En parcours"), ("sorti", "Sortis")]
    statut = forms.ChoiceField(label="Statut", choices=STATUS, required=False)
    referent = forms.ModelChoiceField(label="Référent·e", queryset=referents(), required=False)
    annee = forms.IntegerField(label="Accompagné·es en", min_value=1997, max_value=2100, required=False)
    frein = forms.ChoiceField(label="Frein", choices=[("", "Tous"), *Frein.Theme.choices], required=False)
    sortie = forms.ChoiceField(
        label="Catégorie de sortie", choices=[("", "Toutes"), *ExitType.Category.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["statut"] == "en_parcours":
            queryset = queryset.open()
        elif data["statut"] == "sorti":
            queryset = queryset.closed()
        if data["referent"]:
            queryset = queryset.filter(referent=data["referent"])
        if data["annee"]:
            queryset = queryset.active_in(data["annee"])
        if data["frein"]:
            queryset = queryset.filter(pk__in=Frein.objects.filter(theme=data["frein"]).values("parcours"))
        if data["sortie"]:
            queryset = queryset.filter(exit_type__category=data["sortie"])
        return queryset
