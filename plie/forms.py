from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cbe_portal.forms import ConcurrentEditForm, DateInput, PersonDuplicateCheck, YearField
from cbe_portal.models import Commune, Organisation, Person, visible_people
from cbe_portal.permissions import Role
from cbe_portal.publication import check_unlocked
from cbe_portal.validators import validate_age
from cbe_portal.widgets import OrganisationChoiceField, PersonChoiceField, PersonMultipleChoiceField

from .models import (
    SECOND_OPEN_PARCOURS,
    SENSITIVE_WITHOUT_CONSENT,
    CollectiveAction,
    ExitType,
    Frein,
    FseRecord,
    Interview,
    MealAid,
    Parcours,
    Session,
    Step,
)

OUTSIDE_PATHWAY = "Cette date est en dehors du parcours (du {entry:%d/%m/%Y} au {exit:%d/%m/%Y})."
BEFORE_PATHWAY = "Cette date précède l'entrée dans le parcours (le {entry:%d/%m/%Y})."
JOB_SEEKER_AFTER_ENTRY = (
    "L'inscription comme demandeur·se d'emploi doit dater d'avant l'entrée (le {entry:%d/%m/%Y}) : "
    "vérifiez cette date."
)


def check_job_seeker_since(form, data) -> None:
    """On its field, the rule the database also holds (`plie_parcours_job_seeker_before_entry`)."""
    since, entry = data.get("job_seeker_since"), data.get("entry_date")
    if since and entry and since > entry:
        form.add_error("job_seeker_since", JOB_SEEKER_AFTER_ENTRY.format(entry=entry))


ALREADY_CLOSED = (
    "Ce parcours est déjà clôturé (sortie le {exit_date:%d/%m/%Y}) : modifiez ou annulez cette sortie "
    "depuis la fiche du parcours."
)
PERSON_TWICE = (
    "Vous avez choisi une personne déjà connue et décrit une nouvelle personne : "
    "gardez l'une ou l'autre (videz la personne déjà connue ou les champs de la nouvelle)."
)
NEW_PERSON_FIELDS = ["first_name", "last_name", "gender", "birth_date", "commune"]
SITUATION_FIELDS = [
    "entry_date", "prescriber", "referent", "job_seeker_since", "rsa", "ass", "aah", "rqth",
    "education_level", "qpv",
]  # fmt: skip
SITUATION_WIDGETS = {"entry_date": DateInput(), "job_seeker_since": DateInput()}


def referents():
    """PLIE editors and whoever already follows a pathway, by name."""
    user_model = get_user_model()
    in_plie = user_model.groups.through.objects.filter(user=OuterRef("pk"), group__name=Role.PLIE)
    follows = Parcours.objects.filter(referent=OuterRef("pk"))
    return user_model.objects.filter(Exists(in_plie) | Exists(follows)).order_by("last_name", "first_name", "pk")


class ReferentField(forms.ModelChoiceField):
    """A referent by full name, never by login."""

    def __init__(self, **kwargs):
        super().__init__(queryset=referents(), **kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or f"Compte sans nom n° {obj.pk}"


class WithinPathwayForm(ConcurrentEditForm):
    """A record of a pathway whose `pathway_dates` fall within the pathway's dates."""

    pathway_dates: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        parcours = self.instance.parcours
        outside = BEFORE_PATHWAY if parcours.is_open else OUTSIDE_PATHWAY
        for field in self.pathway_dates:
            day = data.get(field)
            if day and not parcours.covers(day):
                self.add_error(field, outside.format(entry=parcours.entry_date, exit=parcours.exit_date))
        return data


# Pathways -------------------------------------------------------------------------------------


class ParcoursCreateForm(PersonDuplicateCheck, forms.ModelForm):
    """Open a pathway for a person already in the directory, or for a new one (whose namesakes are
    shown first, as the directory's own form does)."""

    person = PersonChoiceField(
        Person.objects.none(), label="Personne déjà connue", required=False,
        help_text="Tapez deux lettres de son nom, ou laissez vide et décrivez la nouvelle personne ci-dessous.",
    )  # fmt: skip
    first_name = forms.CharField(label="Prénom", max_length=100, required=False)
    last_name = forms.CharField(label="Nom", max_length=100, required=False)
    gender = forms.ChoiceField(label="Genre", choices=[("", "—"), *Person.Gender.choices], required=False)
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DateInput())
    commune = forms.ModelChoiceField(label="Commune", queryset=Commune.objects.all(), required=False)
    referent = ReferentField(label="Référent·e", required=False)
    field_order = ["person", *NEW_PERSON_FIELDS, *SITUATION_FIELDS, "confirm_duplicate"]
    duplicate_message = (
        f"{PersonDuplicateCheck.namesake_found} Si c'est bien une autre personne, cochez la case ; sinon, "
        "choisissez-la dans « Personne déjà connue »."
    )

    class Meta:
        model = Parcours
        fields = SITUATION_FIELDS
        widgets = SITUATION_WIDGETS
        field_classes = {"prescriber": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person"].queryset = visible_people(user)
        self.fields["prescriber"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        check_job_seeker_since(self, data)
        person = data.get("person")
        if person and any(data.get(field) for field in NEW_PERSON_FIELDS):
            self.add_error("person", PERSON_TWICE)
        elif person:
            if person.plie_parcours.open().exists():
                self.add_error("person", SECOND_OPEN_PARCOURS)
            self.check_age("person", person.birth_date)
        elif not data.get("first_name") or not data.get("last_name"):
            raise ValidationError("Choisissez une personne déjà connue ou indiquez le nom et le prénom.")
        else:
            self.check_age("birth_date", data.get("birth_date"))
            self.check_namesakes(self.user, data["first_name"], data["last_name"], data.get("birth_date"))
        return data

    def check_age(self, field, birth_date):
        try:
            validate_age(birth_date, self.cleaned_data.get("entry_date"))
        except ValidationError as error:
            self.add_error(field, error)

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date and birth_date > timezone.localdate():
            raise ValidationError("La date de naissance ne peut pas être dans le futur.")
        return birth_date

    def person_to_follow(self) -> Person:
        """The chosen person, or a new (unsaved) one."""
        if self.cleaned_data["person"]:
            return self.cleaned_data["person"]
        person = Person(**{field: self.cleaned_data[field] for field in NEW_PERSON_FIELDS if field != "gender"})
        person.gender = self.cleaned_data["gender"] or Person.Gender.AUTRE
        return person


class ParcoursSituationForm(ConcurrentEditForm):
    """The entry date and the situation at entry of an existing pathway."""

    referent = ReferentField(label="Référent·e", required=False)

    class Meta:
        model = Parcours
        fields = SITUATION_FIELDS
        widgets = SITUATION_WIDGETS
        field_classes = {"prescriber": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescriber"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        check_job_seeker_since(self, data)
        return data

    def clean_entry_date(self):
        entry_date = self.cleaned_data["entry_date"]
        if self.instance.exit_date and entry_date > self.instance.exit_date:
            raise ValidationError("La date d'entrée ne peut pas suivre la date de sortie.")
        if conflicts := self.instance.entry_conflicts(entry_date):
            raise ValidationError(conflicts)
        validate_age(self.instance.person.birth_date, entry_date)
        return entry_date


class ExitForm(ConcurrentEditForm):
    """Record the exit (`closing`: refused on a pathway already closed) or correct it."""

    class Meta:
        model = Parcours
        fields = ["exit_date", "exit_type"]
        widgets = {"exit_date": DateInput()}

    def __init__(self, *args, closing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.closing = closing
        self.fields["exit_date"].required = self.fields["exit_type"].required = True

    def clean(self):
        data = super().clean()
        # The instance still holds the saved values here: the form's are copied onto it afterwards.
        if self.closing and not self.instance.is_open:
            raise ValidationError(ALREADY_CLOSED.format(exit_date=self.instance.exit_date))
        return data

    def clean_exit_date(self):
        exit_date = self.cleaned_data["exit_date"]
        if exit_date < self.instance.entry_date:
            raise ValidationError(
                f"La date de sortie ne peut pas précéder la date d'entrée ({self.instance.entry_date:%d/%m/%Y})."
            )
        if conflicts := self.instance.exit_conflicts(exit_date):
            raise ValidationError(conflicts)
        return exit_date


class FseRecordForm(ConcurrentEditForm):
    """The FSE+ questionnaire of a pathway: entry, sensitive items (with consent), exit, six months."""

    class Meta:
        model = FseRecord
        fields = [
            "labour_situation", "sensitive_consent", "sensitive_consent_on", *FseRecord.SENSITIVE_FIELDS,
            *FseRecord.EXIT_FIELDS, "six_month_situation", "six_month_recorded_on",
        ]  # fmt: skip
        widgets = {
            "sensitive_consent_on": DateInput(),
            "six_month_recorded_on": DateInput(),
            **{name: forms.NullBooleanSelect() for name in (*FseRecord.SENSITIVE_FIELDS, *FseRecord.EXIT_FIELDS)},
        }
        help_texts = {
            "sensitive_consent": "Questions facultatives : sans consentement, elles restent sans réponse.",
            "six_month_situation": "Six mois après la sortie.",
        }

    def clean(self):
        data = super().clean()
        parcours = self.instance.parcours
        answered = [name for name in FseRecord.SENSITIVE_FIELDS if data.get(name) is not None]
        if answered and not data.get("sensitive_consent"):
            for name in answered:
                self.add_error(name, SENSITIVE_WITHOUT_CONSENT)
        if data.get("sensitive_consent") and not data.get("sensitive_consent_on"):
            self.add_error("sensitive_consent_on", "Indiquez la date du consentement.")
        if not data.get("sensitive_consent") and data.get("sensitive_consent_on"):
            self.add_error("sensitive_consent_on", "Sans consentement, pas de date de consentement.")
        exit_answers = [name for name in FseRecord.EXIT_FIELDS if data.get(name) is not None]
        if parcours.is_open and (exit_answers or data.get("six_month_situation")):
            raise ValidationError("Le parcours est en cours : enregistrez la sortie avant la situation à la sortie.")
        situation, recorded_on = data.get("six_month_situation"), data.get("six_month_recorded_on")
        if situation and not recorded_on:
            self.add_error("six_month_recorded_on", "Indiquez la date à laquelle la situation a été relevée.")
        elif recorded_on and not situation:
            self.add_error("six_month_situation", "Indiquez la situation relevée à cette date.")
        elif recorded_on and parcours.exit_date and recorded_on < parcours.exit_date:
            self.add_error("six_month_recorded_on", "La situation à six mois se relève après la sortie.")
        return data


# What happens during a pathway ----------------------------------------------------------------


class FreinForm(WithinPathwayForm):
    pathway_dates = ("identified_on", "lifted_on")

    class Meta:
        model = Frein
        fields = ["theme", "identified_on", "lifted_on", "comment"]
        widgets = {"identified_on": DateInput(), "lifted_on": DateInput()}

    def clean(self):
        data = super().clean()
        identified_on, lifted_on = data.get("identified_on"), data.get("lifted_on")
        if identified_on and lifted_on and lifted_on < identified_on and not self.has_error("lifted_on"):
            self.add_error("lifted_on", "Un frein ne peut pas être levé avant d'avoir été repéré.")
        return data


class FreinLiftForm(WithinPathwayForm):
    pathway_dates = ("lifted_on",)

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
        if lifted_on and lifted_on < self.instance.identified_on and not self.has_error("lifted_on"):
            self.add_error("lifted_on", "Un frein ne peut pas être levé avant d'avoir été repéré.")
        return data


class StepForm(WithinPathwayForm):
    pathway_dates = ("start_date", "end_date")

    class Meta:
        model = Step
        fields = ["kind", "title", "organisation", "start_date", "end_date", "contract_type", "contract_months",
                  "qualifying"]  # fmt: skip
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "qualifying": forms.NullBooleanSelect()}
        help_texts = {"qualifying": "Pour une formation seulement."}
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        kind, start, end = data.get("kind"), data.get("start_date"), data.get("end_date")
        if start and end and end < start and not self.has_error("end_date"):
            self.add_error("end_date", "La fin d'une étape ne peut pas précéder son début.")
        if kind == Step.Kind.EMPLOI and not data.get("contract_type"):
            self.add_error("contract_type", "Indiquez le type de contrat de cet emploi.")
        if kind == Step.Kind.FORMATION and data.get("qualifying") is None:
            self.add_error("qualifying", "Précisez si la formation est qualifiante.")
        return data


class InterviewForm(WithinPathwayForm):
    pathway_dates = ("date",)

    class Meta:
        model = Interview
        fields = ["date", "mode", "subject"]
        widgets = {"date": DateInput()}


# Collective actions and the meal fund ---------------------------------------------------------


class CollectiveActionForm(ConcurrentEditForm):
    class Meta:
        model = CollectiveAction
        fields = ["name", "partner", "description"]
        field_classes = {"partner": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.visible_to(user)


class SessionForm(ConcurrentEditForm):
    """A session and who attended: people chosen by picker, each present through their pathway that
    covers the session's date."""

    class Meta:
        model = Session
        fields = ["date", "theme"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.pathways = Parcours.objects.visible_to(user)
        followed = Person.objects.visible_to(user).filter(Exists(self.pathways.filter(person=OuterRef("pk"))))
        self.fields["attendees"] = PersonMultipleChoiceField(
            followed, label="Participant·es présent·es", required=False,
            help_text="Les personnes en parcours à la date de la séance : tapez deux lettres de leur nom.",
        )  # fmt: skip
        if self.instance.pk:
            present = self.instance.attendances.values_list("parcours__person", flat=True)
            self.initial["attendees"] = list(present)
        self.attending = []

    def clean(self):
        data = super().clean()
        day, people = data.get("date"), data.get("attendees") or []
        if day and people:
            covering = self.pathways.filter(person__in=people).covering(day).order_by("entry_date")
            by_person = {parcours.person_id: parcours for parcours in covering}
            outside = [str(person) for person in people if person.pk not in by_person]
            if outside:
                self.add_error("attendees", f"Pas en parcours à cette date : {', '.join(outside)}.")
            self.attending = list(by_person.values())
        # Saving the attendees saves no Attendance one by one (`set()`): their year is checked here. A
        # new date's year, and the session's own, are checked by `Session.clean()`.
        if self.instance.pk and "attendees" in self.changed_data and "date" not in self.changed_data:
            try:
                check_unlocked(self.instance.date.year)
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.attendees.set(self.attending)


class MealAidForm(ConcurrentEditForm):
    class Meta:
        model = MealAid
        fields = ["beneficiary", "date", "meals", "amount", "restaurant"]
        widgets = {"date": DateInput()}
        field_classes = {"beneficiary": PersonChoiceField, "restaurant": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = visible_people(user)
        self.fields["restaurant"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        if data.get("meals") is None and data.get("amount") is None and not self.has_error("amount"):
            self.add_error("meals", "Indiquez un nombre de repas ou un montant.")
        return data


# List filters -------------------------------------------------------------------------------


class FilterForm(forms.Form):
    """A list's filters, bound to the GET parameters; `filter()` applies the valid ones (an invalid
    value is ignored, never an error page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"

    def valid_data(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class ParcoursFilterForm(FilterForm):
    STATUS = [("", "Tous"), ("en_parcours", "En parcours"), ("sorti", "Sortis")]
    statut = forms.ChoiceField(label="Statut", choices=STATUS, required=False)
    referent = ReferentField(label="Référent·e", required=False, empty_label="Tous")
    annee = YearField(label="Accompagné·es en")
    frein = forms.ChoiceField(label="Frein", choices=[("", "Tous"), *Frein.Theme.choices], required=False)
    sortie = forms.ChoiceField(
        label="Catégorie de sortie", choices=[("", "Toutes"), *ExitType.Category.choices], required=False
    )

    def filter(self, pathways):
        data = self.valid_data()
        if data.get("statut") == "en_parcours":
            pathways = pathways.open()
        elif data.get("statut") == "sorti":
            pathways = pathways.closed()
        if "referent" in data:
            pathways = pathways.filter(referent=data["referent"])
        if "annee" in data:
            pathways = pathways.active_in(data["annee"])
        if "frein" in data:
            pathways = pathways.with_barrier(data["frein"])
        if "sortie" in data:
            pathways = pathways.exited_as(data["sortie"])
        return pathways


class MealAidFilterForm(FilterForm):
    annee = YearField()

    def filter(self, aids):
        data = self.valid_data()
        return aids.in_year(data["annee"]) if "annee" in data else aids
