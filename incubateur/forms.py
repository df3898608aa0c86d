from django import forms
from django.core.exceptions import ValidationError

from cbe_portal.forms import ConcurrentEditForm, DateInput, SearchForm
from cbe_portal.permissions import persons_for_user

from .models import (
    CollectiveMember,
    ComiteOrientation,
    EmploiCree,
    Formation,
    FormationSession,
    PremierAccueil,
    Projet,
    RendezVous,
    Stage,
    StructureCreee,
    TempsCollectif,
    Theme,
)


def _limit_people(form, user, *fields):
    """Every Person choice goes through persons_for_user (personal data stays in its programme)."""
    for name in fields:
        form.fields[name].queryset = persons_for_user(user)


class PremierAccueilForm(ConcurrentEditForm):
    class Meta:
        model = PremierAccueil
        fields = ["date", "persons", "idea", "heard_from", "follow_up", "projet"]
        widgets = {"date": DateInput(), "idea": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_people(self, user, "persons")


class ProjetForm(ConcurrentEditForm):
    class Meta:
        model = Projet
        fields = ["name", "theme", "description", "holders"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_people(self, user, "holders")


class ProjetCreateForm(ProjetForm):
    """A new project also says where it starts in the pipeline, and since when."""

    stage = forms.ChoiceField(label="étape", choices=Stage.choices, initial=Stage.IDEE)
    stage_date = forms.DateField(label="depuis le", widget=DateInput())


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label="nouvelle étape", choices=Stage.choices)
    date = forms.DateField(label="date du changement", widget=DateInput())
    reason = forms.CharField(
        label="motif", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour revenir à une étape antérieure.",
    )  # fmt: skip

    def __init__(self, *args, projet, **kwargs):
        super().__init__(*args, **kwargs)
        self.projet = projet

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.projet.check_stage_change(data["stage"], data["date"], data["reason"])
        return data


class ComiteForm(ConcurrentEditForm):
    class Meta:
        model = ComiteOrientation
        fields = ["date", "members_present", "projets"]
        widgets = {"date": DateInput(), "members_present": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].queryset = CollectiveMember.objects.select_related("organisation")

    def clean_projets(self):
        projets = self.cleaned_data["projets"]
        if self.instance.pk:
            decided = self.instance.presentations.exclude(decision="").exclude(projet__in=projets)
            if names := ", ".join(str(p.projet) for p in decided.select_related("projet")):
                raise ValidationError(f"Ces projets ont déjà reçu une décision et restent présentés : {names}.")
        return projets


class DecisionForm(forms.Form):
    projet = forms.ModelChoiceField(label="projet", queryset=Projet.objects.all())
    decision = forms.ChoiceField(label="décision", choices=ComiteOrientation.Decision.choices)
    comment = forms.CharField(label="commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, comite, **kwargs):
        super().__init__(*args, **kwargs)
        self.comite = comite
        if not self.is_bound:  # offer the presented projects; a POST is checked against them in clean
            self.fields["projet"].queryset = comite.projets.all()

    def clean_projet(self):
        projet = self.cleaned_data["projet"]
        if not self.comite.presentations.filter(projet=projet).exists():
            raise ValidationError(
                f"Le projet « {projet} » n'a pas été présenté à ce comité : ajoutez-le aux projets présentés "
                "avant d'enregistrer une décision."
            )
        return projet


class RendezVousForm(forms.ModelForm):
    class Meta:
        model = RendezVous
        fields = ["date", "accompagnant", "duration_minutes", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, projet, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.projet = projet
        self.fields["accompagnant"].queryset = CollectiveMember.objects.select_related("organisation")


class TempsCollectifForm(ConcurrentEditForm):
    class Meta:
        model = TempsCollectif
        fields = ["date", "theme", "attendees"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The attendees are project holders.
        self.fields["attendees"].queryset = persons_for_user(user).filter(incubateur_projets__isnull=False).distinct()


class FormationForm(ConcurrentEditForm):
    class Meta:
        model = Formation
        fields = ["title", "description", "finalised_on"]
        widgets = {"finalised_on": DateInput()}


class FormationSessionForm(ConcurrentEditForm):
    class Meta:
        model = FormationSession
        fields = ["date", "place", "capacity", "participants"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, formation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.formation = formation
        _limit_people(self, user, "participants")

    def clean(self):
        data = super().clean()
        capacity, participants = data.get("capacity"), data.get("participants")
        if capacity and participants is not None and len(participants) > capacity:
            self.add_error(
                "participants",
                f"Cette session compte {capacity} place{'s' if capacity > 1 else ''} : "
                f"{len(participants)} participant·es, c'est trop.",
            )
        return data


class StructureCreeeForm(forms.ModelForm):
    class Meta:
        model = StructureCreee
        fields = ["organisation", "legal_form", "created_on"]
        widgets = {"created_on": DateInput()}

    def __init__(self, *args, projet, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.projet = projet


class EmploiCreeForm(forms.ModelForm):
    class Meta:
        model = EmploiCree
        fields = ["number", "date", "description"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, projet, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.projet = projet

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number < 0:
            raise ValidationError("Le nombre d'emplois créés ne peut pas être négatif.")
        if number == 0:
            raise ValidationError("Indiquez au moins un emploi créé.")
        return number


class CollectiveMemberForm(ConcurrentEditForm):
    class Meta:
        model = CollectiveMember
        fields = ["organisation", "joined_on", "left_on", "people"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_people(self, user, "people")


class ProjetFilterForm(SearchForm):
    stage = forms.ChoiceField(
        label="étape", choices=[("", "Toutes"), *Stage.choices], required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    theme = forms.ChoiceField(
        label="thématique", choices=[("", "Toutes"), *Theme.choices], required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip

    def filter(self, projets):
        """The projects matching the valid criteria (all of them when none is given)."""
        if not self.is_valid():
            return projets
        data = self.cleaned_data
        projets = projets.search(data["q"]) if data["q"] else projets
        projets = projets.filter(stage=data["stage"]) if data["stage"] else projets
        return projets.filter(theme=data["theme"]) if data["theme"] else projets


class AccueilFilterForm(SearchForm):
    annee = forms.IntegerField(label="année", min_value=2017, max_value=2100, required=False)

    def filter(self, accueils):
        if not self.is_valid():
            return accueils
        accueils = accueils.search(self.cleaned_data["q"]) if self.cleaned_data["q"] else accueils
        return accueils.filter(date__year=self.cleaned_data["annee"]) if self.cleaned_data["annee"] else accueils


class YearForm(forms.Form):
    annee = forms.IntegerField(label="année", min_value=2017, max_value=2100, required=False)
