from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal.permissions import Programme, can_write, get_for_user, persons_for_user, programme_required
from cbe_portal.views.pages import form_data, paginate, save_form, year_from
from cbe_portal.views.public import render_programme_page

from . import indicators, services
from .forms import (
    ActionCollectiveForm,
    AideRepasForm,
    EntretienForm,
    EtapeForm,
    FreinForm,
    FreinLiftForm,
    ParcoursCreateForm,
    ParcoursExitForm,
    ParcoursFilterForm,
    ParcoursSituationForm,
    SeanceForm,
)
from .models import SECOND_OPEN_PARCOURS, ActionCollective, AideRepas, Entretien, Etape, Frein, Parcours, Seance

FIRST_YEAR = 2016
PLIE = Programme.PLIE


def visible_parcours(user):
    """Pathways of the people this user may see (the PLIE's staff and coordination: all)."""
    return Parcours.objects.filter(person__in=persons_for_user(user))


TITLES = {
    "parcours_create": "Ouvrir un parcours",
    "parcours_edit": "Situation à l'entrée de {person}",
    "parcours_exit": "Sortie de {person}",
    "frein_create": "Nouveau frein pour {person}",
    "frein_lift": "Lever le frein « {frein} »",
    "etape_create": "Nouvelle étape pour {person}",
    "entretien_create": "Nouvel entretien avec {person}",
    "action_create": "Nouvelle action collective",
    "seance_create": "Nouvelle séance de « {action} »",
    "aide_create": "Nouvelle aide au repas",
}


def form_context(template, **context):
    """The context of a form page: its title from TITLES, filled in with the records it is about."""
    parcours = context.get("parcours")
    return {"title": TITLES[template].format(person=parcours.person if parcours else "", **context), **context}


def render_form(request, template, form, **context):
    return render(request, f"plie/{template}.html", {"form": form, **form_context(template, **context)})


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, Programme.PLIE)


@require_safe
@programme_required(PLIE)
def home(request):
    this_year = timezone.localdate().year
    year = year_from(request, this_year, first=FIRST_YEAR, last=this_year)
    context = {
        "can_write": can_write(request.user, PLIE),
        "year": year,
        "years": range(this_year, FIRST_YEAR - 1, -1),
        "figures": indicators.for_year(year),
    }
    return render(request, "plie/home.html", context)


# Participants and their pathways -------------------------------------------------------------


@require_safe
@programme_required(PLIE)
def parcours_list(request):
    filters = ParcoursFilterForm(request.GET)
    pathways = filters.filter(visible_parcours(request.user)).select_related("person", "referent", "exit_type")
    pathways = pathways.order_by("person__last_name", "person__first_name", "pk")
    context = {
        "search": filters,
        "page": paginate(request, pathways),
        "can_write": can_write(request.user, PLIE),
    }
    return render(request, "plie/parcours_list.html", context)


@require_safe
@programme_required(PLIE)
def parcours_detail(request, pk):
    pathways = visible_parcours(request.user).select_related(
        "person__commune", "prescriber", "referent", "exit_type"
    ).prefetch_related(
        "freins",
        Prefetch("etapes", Etape.objects.select_related("organisation")),
        "entretiens",
        Prefetch("seances", Seance.objects.select_related("action")),
    )  # fmt: skip
    parcours = get_for_user(request.user, PLIE, pathways, pk=pk)
    others = visible_parcours(request.user).filter(person=parcours.person_id).exclude(pk=pk)
    context = {"parcours": parcours, "other_pathways": others, "can_write": can_write(request.user, PLIE)}
    return render(request, "plie/parcours_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def parcours_create(request):
    form = ParcoursCreateForm(*form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            parcours = services.open_parcours(form.person_to_follow(), form.save(commit=False))
        except IntegrityError:  # a colleague opened one for this person since the form checked
            form.add_error(None, SECOND_OPEN_PARCOURS)
        else:
            messages.success(request, f"Le parcours de {parcours.person} est ouvert.")
            return redirect(parcours)
    return render_form(request, "parcours_create", form)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def parcours_edit(request, pk):
    pathways = visible_parcours(request.user).select_related("person")
    parcours = get_for_user(request.user, PLIE, pathways, write=True, pk=pk)
    form = ParcoursSituationForm(*form_data(request), instance=parcours)
    context = form_context("parcours_edit", parcours=parcours)
    message = "La situation à l'entrée est enregistrée."
    return save_form(request, form, "plie/parcours_edit.html", context, message, parcours)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def parcours_exit(request, pk):
    pathways = visible_parcours(request.user).select_related("person")
    parcours = get_for_user(request.user, PLIE, pathways, write=True, pk=pk)
    form = ParcoursExitForm(*form_data(request), instance=parcours)
    if request.method == "POST" and form.is_valid():
        parcours.close(form.cleaned_data["exit_date"], form.cleaned_data["exit_type"])
        messages.success(request, f"La sortie de {parcours.person} est enregistrée.")
        return redirect(parcours)
    return render_form(request, "parcours_exit", form, parcours=parcours)


def add_to_parcours(request, pk, form_class, model, template, message):
    """Add a barrier, a step or an appointment to a pathway."""
    pathways = visible_parcours(request.user).select_related("person")
    parcours = get_for_user(request.user, PLIE, pathways, write=True, pk=pk)
    form = form_class(*form_data(request), instance=model(parcours=parcours))
    context = form_context(template, parcours=parcours)
    return save_form(request, form, f"plie/{template}.html", context, message, parcours)


@require_http_methods(["GET", "POST"])
def frein_create(request, pk):
    return add_to_parcours(request, pk, FreinForm, Frein, "frein_create", "Le frein est enregistré.")


@require_http_methods(["GET", "POST"])
def etape_create(request, pk):
    return add_to_parcours(request, pk, EtapeForm, Etape, "etape_create", "L'étape est enregistrée.")


@require_http_methods(["GET", "POST"])
def entretien_create(request, pk):
    return add_to_parcours(request, pk, EntretienForm, Entretien, "entretien_create", "L'entretien est enregistré.")


@require_http_methods(["GET", "POST"])
def frein_lift(request, pk):
    barriers = Frein.objects.filter(parcours__in=visible_parcours(request.user)).select_related("parcours__person")
    frein = get_for_user(request.user, PLIE, barriers, write=True, pk=pk)
    form = FreinLiftForm(*form_data(request), instance=frein)
    if request.method == "POST" and form.is_valid():
        frein.lift(form.cleaned_data["lifted_on"])
        messages.success(request, f"Le frein « {frein} » est levé.")
        return redirect(frein.parcours)
    return render_form(request, "frein_lift", form, frein=frein, parcours=frein.parcours)


# Collective actions ------------------------------------------------------------------------


@require_safe
@programme_required(PLIE)
def action_list(request):
    actions = ActionCollective.objects.select_related("partner").annotate(
        session_count=Count("seances", distinct=True),
        attendee_count=Count("seances__attendees__person", distinct=True),
    )
    return render(request, "plie/action_list.html", {"actions": actions, "can_write": can_write(request.user, PLIE)})


@require_safe
@programme_required(PLIE)
def action_detail(request, pk):
    attendees = Parcours.objects.filter(person__in=persons_for_user(request.user)).select_related("person")
    sessions = Seance.objects.prefetch_related(Prefetch("attendees", attendees.order_by("person__last_name")))
    actions = ActionCollective.objects.select_related("partner").prefetch_related(Prefetch("seances", sessions))
    action = get_for_user(request.user, PLIE, actions, pk=pk)
    return render(request, "plie/action_detail.html", {"action": action, "can_write": can_write(request.user, PLIE)})


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def action_create(request):
    form = ActionCollectiveForm(*form_data(request))
    context = form_context("action_create")
    return save_form(request, form, "plie/action_create.html", context, "L'action « {} » est créée.")


@require_http_methods(["GET", "POST"])
def seance_create(request, pk):
    action = get_for_user(request.user, PLIE, ActionCollective.objects.all(), write=True, pk=pk)
    form = SeanceForm(*form_data(request), instance=Seance(action=action), user=request.user)
    context = form_context("seance_create", action=action)
    message = "La séance et ses présences sont enregistrées."
    return save_form(request, form, "plie/seance_create.html", context, message, action)


# The meal fund ---------------------------------------------------------------------------------


@require_safe
@programme_required(PLIE)
def aide_list(request):
    this_year = timezone.localdate().year
    year = year_from(request, this_year, first=FIRST_YEAR, last=this_year)
    aids = AideRepas.objects.in_year(year).filter(beneficiary__in=persons_for_user(request.user))
    context = {
        "page": paginate(request, aids.select_related("beneficiary", "restaurant")),
        "year": year,
        "years": range(this_year, FIRST_YEAR - 1, -1),
        "can_write": can_write(request.user, PLIE),
    }
    return render(request, "plie/aide_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def aide_create(request):
    form = AideRepasForm(*form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        aid = form.save()
        messages.success(request, f"L'aide au repas pour {aid.beneficiary} est enregistrée.")
        return redirect(f"{reverse('plie:aide_list')}?annee={aid.date.year}")
    return render_form(request, "aide_create", form)
