from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, export
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.years import known_years, requested_year

from . import indicators, services
from .forms import (
    CollectiveActionForm,
    ExitForm,
    FreinForm,
    FreinLiftForm,
    FseRecordForm,
    InterviewForm,
    MealAidFilterForm,
    MealAidForm,
    ParcoursCreateForm,
    ParcoursFilterForm,
    ParcoursSituationForm,
    SessionForm,
    StepForm,
)
from .models import SECOND_OPEN_PARCOURS, CollectiveAction, Frein, Interview, MealAid, Parcours, Session, Step

PLIE = Programme.PLIE
PARCOURS_COLUMNS = {
    "nom": ("person__last_name", "person__first_name"),
    "entree": ("entry_date",),
    "sortie": ("exit_date",),
    "referent": ("referent__last_name", "referent__first_name"),
}
ACTION_COLUMNS = {"nom": ("name",), "partenaire": ("partner__name", "name")}
MEAL_AID_COLUMNS = {
    "date": ("date",),
    "beneficiaire": ("beneficiary__last_name", "beneficiary__first_name"),
    "repas": ("meals",),
    "montant": ("amount",),
    "restaurant": ("restaurant__name",),
}


# What each list exports: its columns and the details a spreadsheet needs.
PARCOURS_EXPORT = [
    Column("Nom", lambda p: p.person.last_name),
    Column("Prénom", lambda p: p.person.first_name),
    Column("Genre", lambda p: p.person.get_gender_display()),
    Column("Date de naissance", lambda p: p.person.birth_date),
    Column("Commune", lambda p: p.person.commune.name if p.person.commune else ""),
    Column("Entrée", lambda p: p.entry_date),
    Column("Prescripteur", lambda p: str(p.prescriber or "")),
    Column("Référent·e", lambda p: p.referent.get_full_name() if p.referent else ""),
    Column("Demandeur·se d'emploi depuis", lambda p: p.job_seeker_since),
    Column("Demandeur·se d'emploi de longue durée", lambda p: p.is_long_term_job_seeker),
    Column("RSA", lambda p: p.rsa),
    Column("ASS", lambda p: p.ass),
    Column("AAH", lambda p: p.aah),
    Column("RQTH", lambda p: p.rqth),
    Column("Niveau de formation", lambda p: p.get_education_level_display()),
    Column("QPV", lambda p: p.qpv),
    Column("Sortie", lambda p: p.exit_date),
    Column("Type de sortie", lambda p: str(p.exit_type or "")),
    Column("Catégorie de sortie", lambda p: p.exit_type.get_category_display() if p.exit_type else ""),
]
ACTION_EXPORT = [
    Column("Action", lambda action: action.name),
    Column("Partenaire", lambda action: str(action.partner or "")),
    Column("Séances", lambda action: action.session_count),
    Column("Participant·es", lambda action: action.attendee_count),
    Column("Description", lambda action: action.description),
]
# The FSE+ bulk upload, one row per participant entered or exited in the year: codes documented
# field by field in docs/fse.md (change both together).
FSE_EXPORT = [
    Column("ID_PARCOURS", lambda p: p.pk),
    Column("NOM", lambda p: p.person.last_name),
    Column("PRENOM", lambda p: p.person.first_name),
    Column("SEXE", lambda p: p.person.gender),
    Column("DATE_NAISSANCE", lambda p: p.person.birth_date),
    Column("AGE_ENTREE", lambda p: p.person.age_on(p.entry_date)),
    Column("DATE_ENTREE", lambda p: p.entry_date),
    Column("SITUATION_ENTREE", lambda p: p.fse_record.labour_situation),
    Column("NIVEAU_CITE", lambda p: p.isced_band),
    Column("HANDICAP", lambda p: p.rqth),
    Column("CONSENTEMENT", lambda p: p.fse_record.sensitive_consent),
    Column("DATE_CONSENTEMENT", lambda p: p.fse_record.sensitive_consent_on),
    Column("ORIGINE_ETRANGERE", lambda p: p.fse_record.foreign_background),
    Column("PAYS_TIERS", lambda p: p.fse_record.third_country_national),
    Column("MINORITE", lambda p: p.fse_record.minority),
    Column("SANS_DOMICILE", lambda p: p.fse_record.homeless),
    Column("DATE_SORTIE", lambda p: p.exit_date),
    Column("SORTIE_FORMATION", lambda p: p.fse_record.exit_in_training),
    Column("SORTIE_QUALIFICATION", lambda p: p.fse_record.exit_qualified),
    Column("SORTIE_EMPLOI", lambda p: p.fse_record.exit_employed),
    Column("SORTIE_RECHERCHE_EMPLOI", lambda p: p.fse_record.exit_job_seeking),
    Column("SITUATION_6_MOIS", lambda p: p.fse_record.six_month_situation),
    Column("DATE_SITUATION_6_MOIS", lambda p: p.fse_record.six_month_recorded_on),
]
MEAL_AID_EXPORT = [
    Column("Date", lambda aid: aid.date),
    Column("Nom", lambda aid: aid.beneficiary.last_name),
    Column("Prénom", lambda aid: aid.beneficiary.first_name),
    Column("Repas", lambda aid: aid.meals),
    Column("Montant (€)", lambda aid: aid.amount),
    Column("Restaurant", lambda aid: str(aid.restaurant or "")),
]


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, PLIE)


@require_safe
@programme_required(PLIE)
def home(request):
    year = requested_year(request, timezone.localdate().year)
    context = {"year": year, "years": reversed(known_years()), "figures": indicators.for_year(year)}
    return render(request, "plie/home.html", context)


# Participants and their pathways -------------------------------------------------------------


@require_safe
@programme_required(PLIE)
def parcours_list(request):
    filters = ParcoursFilterForm(request.GET)
    pathways = filters.filter(Parcours.objects.visible_to(request.user)).with_list_details()
    search, pathways = apply_search(request, pathways)
    sorting, pathways = apply_sort(request, pathways, PARCOURS_COLUMNS, "nom")
    if response := export(request, pathways, PARCOURS_EXPORT, "participants-plie", person=lambda p: p.person_id):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, pathways)}
    return render(request, "plie/parcours_list.html", context)


@require_safe
def parcours_detail(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.with_timeline(), pk=pk)
    others = Parcours.objects.visible_to(request.user).others_of(parcours)
    return render(request, "plie/parcours_detail.html", {"parcours": parcours, "other_pathways": others})


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def parcours_create(request):
    form = ParcoursCreateForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            parcours = services.open_parcours(form.person_to_follow(), form.save(commit=False))
        except IntegrityError:  # a colleague opened one for this person since the form checked
            form.add_error(None, SECOND_OPEN_PARCOURS)
        else:
            messages.success(request, f"Le parcours {parcours.of_person} est ouvert.")
            return redirect(parcours)
    return render(request, "plie/parcours_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def parcours_edit(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    form = ParcoursSituationForm(request.POST or None, instance=parcours, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "La situation à l'entrée est enregistrée.")
        return redirect(parcours)
    return render(request, "plie/parcours_form.html", {"form": form, "parcours": parcours})


@require_http_methods(["GET", "POST"])
def parcours_delete(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(parcours)
    if request.method == "POST" and not blocked_by:
        parcours.delete()
        messages.success(request, f"Le parcours {parcours.of_person} est supprimé.")
        return redirect("plie:parcours_list")
    context = {
        "record": parcours,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": parcours.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def exit_create(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    form = ExitForm(request.POST or None, instance=parcours, closing=True)
    if form.is_valid():
        parcours.close(form.cleaned_data["exit_date"], form.cleaned_data["exit_type"])
        messages.success(request, f"La sortie {parcours.of_person} est enregistrée.")
        return redirect(parcours)
    return render(request, "plie/exit_form.html", {"form": form, "parcours": parcours})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def exit_edit(request, pk):
    pathways = Parcours.objects.closed().select_related("person")
    parcours = get_for_user(request.user, pathways, write=True, pk=pk)
    form = ExitForm(request.POST or None, instance=parcours, closing=False)
    if form.is_valid():
        form.save()
        messages.success(request, f"La sortie {parcours.of_person} est enregistrée.")
        return redirect(parcours)
    return render(request, "plie/exit_form.html", {"form": form, "parcours": parcours, "editing": True})


@require_http_methods(["GET", "POST"])
def exit_cancel(request, pk):
    pathways = Parcours.objects.closed().select_related("person", "exit_type")
    parcours = get_for_user(request.user, pathways, write=True, pk=pk)
    refusal = parcours.reopen_refusal()
    if request.method == "POST" and not refusal:
        parcours.reopen()
        messages.success(request, f"La sortie {parcours.of_person} est annulée : le parcours est de nouveau en cours.")
        return redirect(parcours)
    return render(request, "plie/exit_cancel.html", {"parcours": parcours, "refusal": refusal})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def fse_edit(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person", "fse"), write=True, pk=pk)
    form = FseRecordForm(request.POST or None, instance=parcours.fse_record)
    if form.is_valid():
        form.save()
        messages.success(request, f"Les données FSE+ du parcours {parcours.of_person} sont enregistrées.")
        return redirect(parcours)
    return render(request, "plie/fse_form.html", {"form": form, "parcours": parcours})


@require_safe
@programme_required(PLIE)
def fse_indicators(request):
    year = requested_year(request)
    participants = Parcours.objects.visible_to(request.user).entered_or_exited_in(year).with_fse_export()
    if response := export(request, participants, FSE_EXPORT, f"fse-plie-{year}", person=lambda p: p.person_id):
        return response
    context = {"year": year, "years": reversed(known_years()), "figures": indicators.fse_for_year(year)}
    return render(request, "plie/fse_indicators.html", context)


# Barriers, steps and interviews of a pathway ------------------------------------------------


@require_http_methods(["GET", "POST"])
def frein_create(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    form = FreinForm(request.POST or None, instance=Frein(parcours=parcours))
    if form.is_valid():
        form.save()
        messages.success(request, "Le frein est enregistré.")
        return redirect(parcours)
    return render(request, "plie/frein_form.html", {"form": form, "parcours": parcours})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def frein_edit(request, pk):
    frein = get_for_user(request.user, Frein.objects.select_related("parcours__person"), write=True, pk=pk)
    form = FreinForm(request.POST or None, instance=frein)
    if form.is_valid():
        form.save()
        messages.success(request, "Le frein est enregistré.")
        return redirect(frein.parcours)
    return render(request, "plie/frein_form.html", {"form": form, "frein": frein, "parcours": frein.parcours})


@require_http_methods(["GET", "POST"])
def frein_delete(request, pk):
    frein = get_for_user(request.user, Frein.objects.select_related("parcours__person"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(frein)
    if request.method == "POST" and not blocked_by:
        frein.delete()
        messages.success(request, f"Le frein « {frein} » est supprimé.")
        return redirect(frein.parcours)
    context = {
        "record": frein,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": frein.parcours.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def frein_lift(request, pk):
    frein = get_for_user(request.user, Frein.objects.select_related("parcours__person"), write=True, pk=pk)
    form = FreinLiftForm(request.POST or None, instance=frein)
    if form.is_valid():
        frein.lift(form.cleaned_data["lifted_on"])
        messages.success(request, f"Le frein « {frein} » est levé.")
        return redirect(frein.parcours)
    return render(request, "plie/frein_lift.html", {"form": form, "frein": frein, "parcours": frein.parcours})


@require_http_methods(["GET", "POST"])
def step_create(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    form = StepForm(request.POST or None, instance=Step(parcours=parcours), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "L'étape est enregistrée.")
        return redirect(parcours)
    return render(request, "plie/step_form.html", {"form": form, "parcours": parcours})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def step_edit(request, pk):
    step = get_for_user(request.user, Step.objects.select_related("parcours__person"), write=True, pk=pk)
    form = StepForm(request.POST or None, instance=step, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "L'étape est enregistrée.")
        return redirect(step.parcours)
    return render(request, "plie/step_form.html", {"form": form, "step": step, "parcours": step.parcours})


@require_http_methods(["GET", "POST"])
def step_delete(request, pk):
    step = get_for_user(request.user, Step.objects.select_related("parcours__person"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(step)
    if request.method == "POST" and not blocked_by:
        step.delete()
        messages.success(request, "L'étape est supprimée.")
        return redirect(step.parcours)
    context = {
        "record": step,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": step.parcours.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def interview_create(request, pk):
    parcours = get_for_user(request.user, Parcours.objects.select_related("person"), write=True, pk=pk)
    form = InterviewForm(request.POST or None, instance=Interview(parcours=parcours))
    if form.is_valid():
        form.save()
        messages.success(request, "L'entretien est enregistré.")
        return redirect(parcours)
    return render(request, "plie/interview_form.html", {"form": form, "parcours": parcours})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def interview_edit(request, pk):
    interview = get_for_user(request.user, Interview.objects.select_related("parcours__person"), write=True, pk=pk)
    form = InterviewForm(request.POST or None, instance=interview)
    if form.is_valid():
        form.save()
        messages.success(request, "L'entretien est enregistré.")
        return redirect(interview.parcours)
    context = {"form": form, "interview": interview, "parcours": interview.parcours}
    return render(request, "plie/interview_form.html", context)


@require_http_methods(["GET", "POST"])
def interview_delete(request, pk):
    interview = get_for_user(request.user, Interview.objects.select_related("parcours__person"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(interview)
    if request.method == "POST" and not blocked_by:
        interview.delete()
        messages.success(request, "L'entretien est supprimé.")
        return redirect(interview.parcours)
    context = {
        "record": interview,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": interview.parcours.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Collective actions and their sessions ------------------------------------------------------


@require_safe
@programme_required(PLIE)
def collective_action_list(request):
    actions = CollectiveAction.objects.visible_to(request.user).select_related("partner").with_counts()
    search, actions = apply_search(request, actions)
    sorting, actions = apply_sort(request, actions, ACTION_COLUMNS, "nom")
    if response := export(request, actions, ACTION_EXPORT, "actions-collectives-plie"):
        return response
    context = {"search": search, "sorting": sorting, "page": paginate(request, actions)}
    return render(request, "plie/collective_action_list.html", context)


@require_safe
def collective_action_detail(request, pk):
    actions = CollectiveAction.objects.select_related("partner").with_sessions()
    action = get_for_user(request.user, actions, pk=pk)
    return render(request, "plie/collective_action_detail.html", {"action": action})


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def collective_action_create(request):
    form = CollectiveActionForm(request.POST or None, user=request.user)
    if form.is_valid():
        action = form.save()
        messages.success(request, f"L'action « {action} » est créée.")
        return redirect(action)
    return render(request, "plie/collective_action_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def collective_action_edit(request, pk):
    action = get_for_user(request.user, CollectiveAction.objects.all(), write=True, pk=pk)
    form = CollectiveActionForm(request.POST or None, instance=action, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'action « {action} » est enregistrée.")
        return redirect(action)
    return render(request, "plie/collective_action_form.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
def collective_action_delete(request, pk):
    action = get_for_user(request.user, CollectiveAction.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(action)
    if request.method == "POST" and not blocked_by:
        action.delete()
        messages.success(request, f"L'action « {action} » est supprimée.")
        return redirect("plie:collective_action_list")
    context = {
        "record": action,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": action.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    action = get_for_user(request.user, CollectiveAction.objects.all(), write=True, pk=pk)
    form = SessionForm(request.POST or None, instance=Session(action=action), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "La séance et ses présences sont enregistrées.")
        return redirect(action)
    return render(request, "plie/session_form.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def session_edit(request, pk):
    session = get_for_user(request.user, Session.objects.select_related("action"), write=True, pk=pk)
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "La séance et ses présences sont enregistrées.")
        return redirect(session.action)
    return render(request, "plie/session_form.html", {"form": form, "session": session, "action": session.action})


@require_http_methods(["GET", "POST"])
def session_delete(request, pk):
    session = get_for_user(request.user, Session.objects.select_related("action"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(session)
    if request.method == "POST" and not blocked_by:
        session.delete()
        messages.success(request, "La séance est supprimée.")
        return redirect(session.action)
    context = {
        "record": session,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": session.action.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# The meal fund ---------------------------------------------------------------------------------


@require_safe
@programme_required(PLIE)
def meal_aid_list(request):
    filters = MealAidFilterForm(request.GET)
    aids = filters.filter(MealAid.objects.visible_to(request.user)).select_related("beneficiary", "restaurant")
    search, aids = apply_search(request, aids)
    sorting, aids = apply_sort(request, aids, MEAL_AID_COLUMNS, "-date")
    if response := export(request, aids, MEAL_AID_EXPORT, "aides-repas-plie", person=lambda aid: aid.beneficiary_id):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, aids)}
    return render(request, "plie/meal_aid_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PLIE, write=True)
def meal_aid_create(request):
    form = MealAidForm(request.POST or None, user=request.user)
    if form.is_valid():
        aid = form.save()
        messages.success(request, f"L'aide au repas pour {aid.beneficiary} est enregistrée.")
        return redirect(f"{reverse('plie:meal_aid_list')}?annee={aid.date.year}")
    return render(request, "plie/meal_aid_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def meal_aid_edit(request, pk):
    aid = get_for_user(request.user, MealAid.objects.select_related("beneficiary"), write=True, pk=pk)
    form = MealAidForm(request.POST or None, instance=aid, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'aide au repas pour {aid.beneficiary} est enregistrée.")
        return redirect(f"{reverse('plie:meal_aid_list')}?annee={aid.date.year}")
    return render(request, "plie/meal_aid_form.html", {"form": form, "aid": aid})


@require_http_methods(["GET", "POST"])
def meal_aid_delete(request, pk):
    aid = get_for_user(request.user, MealAid.objects.select_related("beneficiary"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(aid)
    list_url = f"{reverse('plie:meal_aid_list')}?annee={aid.date.year}"
    if request.method == "POST" and not blocked_by:
        aid.delete()
        messages.success(request, f"L'aide au repas pour {aid.beneficiary} est supprimée.")
        return redirect(list_url)
    context = {"record": aid, "goes_with": goes_with, "blocked_by": blocked_by, "cancel_url": list_url}
    return render(request, "cbe_portal/confirm_delete.html", context)
