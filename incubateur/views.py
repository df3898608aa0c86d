"""Staff pages of the incubator (incubator staff and coordination) and its public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cbe_portal.permissions import Programme, can_write, get_for_user, persons_for_user, programme_required
from cbe_portal.views.pages import form_data, paginate, save_form
from cbe_portal.views.public import render_programme_page

from . import indicators
from .forms import (
    AccueilFilterForm,
    CollectiveMemberForm,
    ComiteForm,
    DecisionForm,
    EmploiCreeForm,
    FormationForm,
    FormationSessionForm,
    PremierAccueilForm,
    ProjetCreateForm,
    ProjetFilterForm,
    ProjetForm,
    RendezVousForm,
    StageChangeForm,
    StructureCreeeForm,
    TempsCollectifForm,
    YearForm,
)
from .models import (
    CollectiveMember,
    ComiteOrientation,
    Formation,
    FormationSession,
    PremierAccueil,
    Presentation,
    Projet,
    Stage,
    TempsCollectif,
)

PROGRAMME = Programme.INCUBATEUR


def _for_year(request, queryset):
    """The records of the year asked for in `?annee=`, all of them without it."""
    year_form = YearForm(request.GET)
    if year_form.is_valid() and year_form.cleaned_data["annee"]:
        queryset = queryset.filter(date__year=year_form.cleaned_data["annee"])
    return year_form, queryset


def _render(request, template, context):
    return render(request, f"incubateur/{template}.html", {"can_write": can_write(request.user, PROGRAMME), **context})


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, PROGRAMME)


@require_safe
@programme_required(PROGRAMME)
def home(request):
    year_form = YearForm(request.GET)
    year = (year_form.is_valid() and year_form.cleaned_data["annee"]) or timezone.localdate().year
    return _render(request, "home", {"year": year, "year_form": year_form, "figures": indicators.for_year(year)})


# First receptions -------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def accueil_list(request):
    persons = Prefetch("persons", queryset=persons_for_user(request.user))
    accueils = PremierAccueil.objects.select_related("projet").prefetch_related(persons)
    search = AccueilFilterForm(request.GET)
    accueils = search.filter(accueils)
    return _render(request, "accueil_list", {"search": search, "page": paginate(request, accueils)})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def accueil_form(request, pk=None):
    accueil = get_object_or_404(PremierAccueil, pk=pk) if pk else None
    form = PremierAccueilForm(*form_data(request), instance=accueil, user=request.user)
    return save_form(
        request, form, "incubateur/accueil_form.html", {"accueil": accueil},
        "Le {} est enregistré.", "incubateur:accueil_list",
    )  # fmt: skip


# Projects ---------------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def projet_list(request):
    filters = ProjetFilterForm(request.GET)
    holders = Prefetch("holders", queryset=persons_for_user(request.user))
    projets = filters.filter(Projet.objects.prefetch_related(holders))
    return _render(request, "projet_list", {"search": filters, "page": paginate(request, projets)})


@require_safe
@programme_required(PROGRAMME)
def projet_pipeline(request):
    projets = Projet.objects.in_progress().with_holders_count()
    columns = [(stage, [p for p in projets if p.stage == stage]) for stage in Stage if stage != Stage.SORTI]
    exited = Projet.objects.filter(stage=Stage.SORTI).count()
    return _render(request, "projet_pipeline", {"columns": columns, "exited": exited})


@require_safe
@programme_required(PROGRAMME)
def projet_detail(request, pk):
    projet = get_object_or_404(
        Projet.objects.prefetch_related(
            Prefetch("holders", queryset=persons_for_user(request.user)),
            "stage_changes",
            "accueils",
            Prefetch("presentations", queryset=Presentation.objects.select_related("comite")),
            Prefetch("rendez_vous__accompagnant", queryset=CollectiveMember.objects.select_related("organisation")),
            "structures__organisation",
            "emplois",
        ),
        pk=pk,
    )
    sessions = TempsCollectif.objects.attended_by_holders_of(projet)
    return _render(request, "projet_detail", {"projet": projet, "sessions": sessions})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def projet_create(request):
    form = ProjetCreateForm(*form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        projet = form.save()
        projet.change_stage(
            form.cleaned_data["stage"], form.cleaned_data["stage_date"], "Entrée dans le Tube à ESS'ai."
        )
        messages.success(request, f"Le projet « {projet} » est enregistré.")
        return redirect(projet)
    return _render(request, "projet_form", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def projet_edit(request, pk):
    projet = get_for_user(request.user, PROGRAMME, Projet, write=True, pk=pk)
    form = ProjetForm(*form_data(request), instance=projet, user=request.user)
    context = {"projet": projet}
    return save_form(request, form, "incubateur/projet_form.html", context, "Le projet « {} » est enregistré.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def projet_stage(request, pk):
    projet = get_for_user(request.user, PROGRAMME, Projet.objects.select_for_update(), write=True, pk=pk)
    form = StageChangeForm(*form_data(request), projet=projet)
    if request.method == "POST" and form.is_valid():
        change = projet.change_stage(**form.cleaned_data)
        messages.success(request, f"Le projet « {projet} » est passé à l'étape « {change.get_stage_display()} ».")
        return redirect(projet)
    return _render(request, "projet_stage", {"form": form, "projet": projet})


def _projet_child_form(request, pk, form_class, template, message):
    """Appointments and outcomes: records added to one project."""
    projet = get_for_user(request.user, PROGRAMME, Projet, write=True, pk=pk)
    form = form_class(*form_data(request), projet=projet)
    return save_form(request, form, f"incubateur/{template}.html", {"projet": projet}, message, projet)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def rendezvous_create(request, pk):
    return _projet_child_form(request, pk, RendezVousForm, "rendezvous_form", "Le {} est enregistré.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def structure_create(request, pk):
    return _projet_child_form(request, pk, StructureCreeeForm, "structure_form", "La structure {} est enregistrée.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def emploi_create(request, pk):
    return _projet_child_form(request, pk, EmploiCreeForm, "emploi_form", "{} : enregistré.")


# Orientation committees -------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def comite_list(request):
    year_form, comites = _for_year(request, ComiteOrientation.objects.with_counts())
    return _render(request, "comite_list", {"year_form": year_form, "page": paginate(request, comites)})


@require_safe
@programme_required(PROGRAMME)
def comite_detail(request, pk):
    comite = get_object_or_404(
        ComiteOrientation.objects.prefetch_related(
            Prefetch("presentations", queryset=Presentation.objects.select_related("projet")),
            "members_present__organisation",
        ),
        pk=pk,
    )
    form = DecisionForm(comite=comite)
    return _render(request, "comite_detail", {"comite": comite, "form": form})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def comite_form(request, pk=None):
    comite = get_object_or_404(ComiteOrientation, pk=pk) if pk else None
    form = ComiteForm(*form_data(request), instance=comite)
    return save_form(request, form, "incubateur/comite_form.html", {"comite": comite}, "Le {} est enregistré.")


@programme_required(PROGRAMME, write=True)
@require_POST
@transaction.atomic
def comite_decision(request, pk):
    comite = get_object_or_404(ComiteOrientation, pk=pk)
    form = DecisionForm(request.POST, comite=comite)
    if form.is_valid():
        try:
            presentation = comite.record_decision(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Décision enregistrée : {presentation.get_decision_display()}.")
            return redirect(comite)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(comite)


# Collective sessions ----------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def temps_collectif_list(request):
    year_form, sessions = _for_year(request, TempsCollectif.objects.with_attendees_count())
    return _render(request, "temps_collectif_list", {"year_form": year_form, "page": paginate(request, sessions)})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def temps_collectif_form(request, pk=None):
    session = get_object_or_404(TempsCollectif, pk=pk) if pk else None
    form = TempsCollectifForm(*form_data(request), instance=session, user=request.user)
    return save_form(
        request, form, "incubateur/temps_collectif_form.html", {"session": session},
        "Le temps collectif « {} » est enregistré.", "incubateur:temps_collectif_list",
    )  # fmt: skip


# Trainings --------------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def formation_list(request):
    formations = Formation.objects.with_sessions_count()
    return _render(request, "formation_list", {"page": paginate(request, formations)})


@require_safe
@programme_required(PROGRAMME)
def formation_detail(request, pk):
    sessions = FormationSession.objects.with_participants_count()
    formation = get_object_or_404(Formation.objects.prefetch_related(Prefetch("sessions", queryset=sessions)), pk=pk)
    return _render(request, "formation_detail", {"formation": formation})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def formation_form(request, pk=None):
    formation = get_object_or_404(Formation, pk=pk) if pk else None
    form = FormationForm(*form_data(request), instance=formation)
    message = "La formation « {} » est enregistrée."
    return save_form(request, form, "incubateur/formation_form.html", {"formation": formation}, message)


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def session_form(request, formation_pk, pk=None):
    formation = get_object_or_404(Formation, pk=formation_pk)
    session = get_object_or_404(formation.sessions, pk=pk) if pk else None
    form = FormationSessionForm(*form_data(request), instance=session, user=request.user, formation=formation)
    context = {"formation": formation, "session": session}
    message = "La session « {} » est enregistrée."
    return save_form(request, form, "incubateur/session_form.html", context, message, formation)


# The accompanying collective --------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def membre_list(request):
    people = Prefetch("people", queryset=persons_for_user(request.user))
    membres = CollectiveMember.objects.select_related("organisation").prefetch_related(people)
    return _render(request, "membre_list", {"page": paginate(request, membres)})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def membre_form(request, pk=None):
    membre = get_object_or_404(CollectiveMember, pk=pk) if pk else None
    form = CollectiveMemberForm(*form_data(request), instance=membre, user=request.user)
    return save_form(
        request, form, "incubateur/membre_form.html", {"membre": membre},
        "{} : membre du collectif enregistré.", "incubateur:membre_list",
    )  # fmt: skip
