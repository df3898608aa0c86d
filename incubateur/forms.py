from django import forms
from django.core.exceptions import ValidationError

from cbe_portal.forms import ConcurrentEditForm, DateInput, YearField
from cbe_portal.models import Organisation, Person
from cbe_portal.publication import check_unlocked
from cbe_portal.validators import age_on, validate_age, validate_past_date
from cbe_portal.widgets import OrganisationChoiceField, PersonMultipleChoiceField

from .models import (
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Project,
    Reception,
    Stage,
    StageChange,
    Theme,
    Training,
    TrainingSession,
)

MAX_JOBS = 50  # more jobs at once from one project is a typing error


def validate_ages(people, day) -> None:
    """Each person is 16 to 99 years old on `day` (nothing to check without a birth date)."""
    errors = []
    for person in people:
        try:
            validate_age(person.birth_date, day)
        except ValidationError:
            errors.append(
                f"{person} aurait {age_on(person.birth_date, day)} ans à cette date : l'âge doit être entre 16 et "
                "99 ans. Vérifiez la date ou sa date de naissance."
            )
    if errors:
        raise ValidationError(errors, code="age")


class YearLockedForm(ConcurrentEditForm):
    """The form of a record a year's figures count (`YearLocked`). Its many-to-many choices are saved
    after it (`save_m2m`), out of reach of the model's own check: changing them is refused too while
    a year of the record is published."""

    def clean(self):
        cleaned_data = super().clean()
        many = {field.name for field in self._meta.model._meta.many_to_many}
        if self.instance.pk and many & set(self.changed_data):
            try:
                self.instance.refuse_locked_years(deleting=True)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class ReceptionForm(YearLockedForm):
    class Meta:
        model = Reception
        fields = ["date", "persons", "idea", "heard_from", "follow_up", "project"]
        widgets = {"date": DateInput(), "idea": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"persons": PersonMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = Person.objects.visible_to(user)
        self.fields["project"].queryset = Project.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("persons"):
            try:
                validate_ages(data["persons"], data["date"])
            except ValidationError as error:
                self.add_error("persons", error)
        return data


class ProjectForm(ConcurrentEditForm):
    class Meta:
        model = Project
        fields = ["name", "theme", "description", "holders"]
        field_classes = {"holders": PersonMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holders"].queryset = Person.objects.visible_to(user)

    def clean(self):
        cleaned_data = super().clean()
        # The holders count in the years of the project's presentations (`porteurs_presentes`).
        if self.instance.pk and "holders" in self.changed_data:
            try:
                check_unlocked(*self.instance.presented_years())
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class ProjectCreateForm(ProjectForm):
    """A new project also says where it starts in the pipeline, and since when."""

    stage = forms.ChoiceField(label="Étape", choices=Stage.choices, initial=Stage.IDEE)
    stage_date = forms.DateField(label="Depuis le", widget=DateInput(), validators=[validate_past_date])

    def clean(self):
        data = super().clean()
        if data.get("stage_date") and data.get("stage"):
            try:  # its first stage counts from that date's year on
                StageChange(stage=data["stage"], date=data["stage_date"]).refuse_locked_years()
            except ValidationError as error:
                self.add_error(None, error)
        if data.get("stage_date") and data.get("holders"):
            try:
                validate_ages(data["holders"], data["stage_date"])
            except ValidationError as error:
                self.add_error("holders", error)
        return data


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label="Nouvelle étape", choices=Stage.choices)
    date = forms.DateField(label="Date du changement", widget=DateInput(), validators=[validate_past_date])
    reason = forms.CharField(
        label="Motif", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour revenir à une étape antérieure.",
    )  # fmt: skip

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.project.check_stage_change(data["stage"], data["date"], data["reason"])
        return data


class CommitteeForm(YearLockedForm):
    class Meta:
        model = Committee
        fields = ["date", "members_present", "projects"]
        widgets = {"date": DateInput(), "members_present": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].queryset = CollectiveMember.objects.visible_to(user).select_related(
            "organisation"
        )
        self.fields["projects"].queryset = Project.objects.visible_to(user)

    def clean_date(self):
        date = self.cleaned_data["date"]
        moved = StageChange.objects.filter(presentation__committee=self.instance) if self.instance.pk else None
        if moved is not None and date != self.instance.date and moved.exists():
            raise ValidationError(
                "Des décisions de ce comité ont fait changer des projets d'étape à sa date : "
                "modifiez d'abord ces décisions pour pouvoir changer la date."
            )
        return date

    def clean_projects(self):
        projects = self.cleaned_data["projects"]
        if self.instance.pk:
            decided = self.instance.presentations.exclude(decision="").exclude(project__in=projects)
            if names := ", ".join(str(p.project) for p in decided.select_related("project")):
                raise ValidationError(f"Ces projets ont déjà reçu une décision et restent présentés : {names}.")
        return projects

    def clean(self):
        data = super().clean()
        date, members = data.get("date"), data.get("members_present") or []
        if absent := [str(member) for member in members if date and not member.is_member_on(date)]:
            self.add_error(
                "members_present",
                f"Pas membre{'s' if len(absent) > 1 else ''} du collectif à la date du comité : {', '.join(absent)}.",
            )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision", choices=[("", "Décision à venir"), *Committee.Decision.choices], required=False
    )
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, presentation, **kwargs):
        super().__init__(*args, initial={"decision": presentation.decision, "comment": presentation.comment}, **kwargs)
        self.presentation = presentation

    def clean(self):
        data = super().clean()
        self.presentation.refuse_locked_years()
        if "decision" in data:
            self.presentation.check_decision(data["decision"])
        return data


class AppointmentForm(ConcurrentEditForm):
    class Meta:
        model = Appointment
        fields = ["date", "member", "duration_minutes", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = CollectiveMember.objects.visible_to(user).select_related("organisation")


class CollectiveTimeForm(YearLockedForm):
    class Meta:
        model = CollectiveTime
        fields = ["date", "theme", "attendees"]
        widgets = {"date": DateInput()}
        field_classes = {"attendees": PersonMultipleChoiceField}
        help_texts = {"attendees": "Les porteur·ses d'un projet de l'incubateur."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        holders = Person.objects.visible_to(user).filter(incubateur_projects__isnull=False).distinct()
        self.fields["attendees"].queryset = holders

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("attendees"):
            try:
                validate_ages(data["attendees"], data["date"])
            except ValidationError as error:
                self.add_error("attendees", error)
        return data


class TrainingForm(YearLockedForm):
    class Meta:
        model = Training
        fields = ["title", "description", "finalised_on"]
        widgets = {"finalised_on": DateInput()}


class TrainingSessionForm(YearLockedForm):
    class Meta:
        model = TrainingSession
        fields = ["date", "place", "capacity", "participants"]
        widgets = {"date": DateInput()}
        field_classes = {"participants": PersonMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Person.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        capacity, participants = data.get("capacity"), data.get("participants")
        if capacity and participants is not None and len(participants) > capacity:
            self.add_error(
                "participants",
                f"Cette session compte {capacity} place{'s' if capacity > 1 else ''} : "
                f"{len(participants)} participant·es, c'est trop.",
            )
        if data.get("date") and participants:
            try:
                validate_ages(participants, data["date"])
            except ValidationError as error:
                self.add_error("participants", error)
        return data


class CreatedStructureForm(YearLockedForm):
    class Meta:
        model = CreatedStructure
        fields = ["organisation", "legal_form", "created_on"]
        widgets = {"created_on": DateInput()}
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)


class CreatedJobForm(YearLockedForm):
    class Meta:
        model = CreatedJob
        fields = ["date", "number", "description"]
        widgets = {"date": DateInput()}

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number < 0:
            raise ValidationError("Le nombre d'emplois créés ne peut pas être négatif.")
        if number == 0:
            raise ValidationError("Indiquez au moins un emploi créé.")
        if number > MAX_JOBS:
            raise ValidationError(
                f"Plus de {MAX_JOBS} emplois créés d'un coup : vérifiez le nombre ({MAX_JOBS} au plus)."
            )
        return number


class CollectiveMemberForm(ConcurrentEditForm):
    class Meta:
        model = CollectiveMember
        fields = ["organisation", "joined_on", "left_on", "people"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}
        field_classes = {"organisation": OrganisationChoiceField, "people": PersonMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)
        self.fields["people"].queryset = Person.objects.visible_to(user)


# Filters of the lists --------------------------------------------------------------------------


SELECT = forms.Select(attrs={"class": "form-select"})


class ProjectFilterForm(forms.Form):
    stage = forms.ChoiceField(label="Étape", choices=[("", "Toutes"), *Stage.choices], required=False, widget=SELECT)
    theme = forms.ChoiceField(
        label="Thématique", choices=[("", "Toutes"), *Theme.choices], required=False, widget=SELECT
    )

    def filter(self, projects):
        """The projects matching the valid criteria (all of them when none is given)."""
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        projects = projects.filter(stage=data["stage"]) if data["stage"] else projects
        return projects.filter(theme=data["theme"]) if data["theme"] else projects


class YearFilterForm(forms.Form):
    """The records of one year, or of every year."""

    annee = YearField(widget=SELECT)

    def filter(self, records):
        if self.is_valid() and self.cleaned_data["annee"]:
            return records.filter(date__year=self.cleaned_data["annee"])
        return records


class FiguresYearForm(forms.Form):
    annee = YearField(required=True, widget=SELECT)
