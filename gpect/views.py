from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, export
from cbe_portal.forms import SearchForm
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.lookups import MAX_RESULTS
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.widgets import LOOKUP_MIN_LENGTH, organisation_label
from cbe_portal.years import known_years, requested_year

from . import indicators
from .forms import (
    ActionFilterForm,
    CompanyVisitForm,
    EmployerActionForm,
    EmployerFilterForm,
    EmployerForm,
    InsertionHoursForm,
    JobOfferForm,
    MarketForm,
    MatchForm,
    ProjectForm,
    YearFilterForm,
)
from .models import CompanyVisit, Employer, EmployerAction, InsertionHours, JobOffer, Market, Match, Project

GPECT = Programme.GPECT

EMPLOYER_COLUMNS = {
    "nom": ("organisation__name",),
    "secteur": ("sector__position", "organisation__name"),
    "commune": ("organisation__commune__name", "organisation__name"),
}
ACTION_COLUMNS = {
    "date": ("date",),
    "type": ("kind", "date"),
    "employeur": ("employer__organisation__name", "date"),
}
OFFER_COLUMNS = {
    "date": ("date",),
    "intitule": ("title", "date"),
    "employeur": ("employer__organisation__name", "date"),
    "contrat": ("contract_type", "date"),
}
VISIT_COLUMNS = {"date": ("date",), "intitule": ("title", "date"), "participants": ("participants", "date")}
MARKET_COLUMNS = {
    "annee": ("year", "title"),
    "intitule": ("title", "year"),
    "acheteur": ("buyer__name", "year", "title"),
    "heures": ("hours_required", "title"),
}
PROJECT_COLUMNS = {"nom": ("name",), "etat": ("status", "name")}

# What each list exports (cbe_portal.exports): its columns and the useful details.
EMPLOYER_EXPORT = [
    Column("Employeur", lambda e: e.organisation.name),
    Column("Secteur", lambda e: e.sector.name),
    Column("Commune", lambda e: e.organisation.commune.name if e.organisation.commune_id else ""),
    Column("SIRET", lambda e: e.organisation.siret),
    Column("Téléphone", lambda e: e.organisation.phone),
    Column("Courriel", lambda e: e.organisation.email),
    Column("Notes", lambda e: e.notes),
]
ACTION_EXPORT = [
    Column("Date", lambda a: a.date),
    Column("Type", lambda a: a.get_kind_display()),
    Column("Employeur", lambda a: a.employer.organisation.name),
    Column("Secteur", lambda a: a.employer.sector.name),
    Column("Chargé·e de mission", lambda a: a.staff.get_full_name() if a.staff_id else ""),
    Column("Notes", lambda a: a.notes),
]
OFFER_EXPORT = [
    Column("Date de diffusion", lambda o: o.date),
    Column("Intitulé", lambda o: o.title),
    Column("Employeur", lambda o: o.employer.organisation.name if o.employer_id else ""),
    Column("Contrat", lambda o: o.get_contract_type_display()),
    Column("Durée (mois)", lambda o: o.contract_months),
    Column("Date limite de candidature", lambda o: o.closing_date),
    Column("Mises en relation", lambda o: o.match_count),
]
VISIT_EXPORT = [
    Column("Date", lambda v: v.date),
    Column("Intitulé", lambda v: v.title),
    Column("Type", lambda v: v.get_kind_display()),
    Column("Entreprise", lambda v: v.organisation.name if v.organisation_id else ""),
    Column("Participant·es", lambda v: v.participants),
]
MARKET_EXPORT = [
    Column("Année", lambda m: m.year),
    Column("Marché", lambda m: m.title),
    Column("Acheteur", lambda m: m.buyer.name),
    Column("Heures réalisées", lambda m: m.hours_realised),
    Column("Heures exigées", lambda m: m.hours_required),
]
PROJECT_EXPORT = [
    Column("Projet", lambda p: p.name),
    Column("État", lambda p: p.get_status_display()),
    Column("Présentation", lambda p: p.summary),
    Column("Partenaires", lambda p: ", ".join(partner.name for partner in p.partners.all())),
]


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, GPECT)


@require_safe
@programme_required(GPECT)
def home(request):
    year = requested_year(request)
    context = {"year": year, "years": reversed(known_years()), "figures": indicators.for_year(year)}
    return render(request, "gpect/home.html", context)


# Employers and actions ------------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def employer_list(request):
    filters = EmployerFilterForm(request.GET)
    employers = filters.filter(Employer.objects.visible_to(request.user)).select_related(
        "organisation__commune", "sector"
    )
    search, employers = apply_search(request, employers)
    sorting, employers = apply_sort(request, employers, EMPLOYER_COLUMNS, "nom")
    year = filters.year()
    columns = [*EMPLOYER_EXPORT, Column(f"Actions en {year}", lambda e: e.actions_in_year)]
    if response := export(request, employers.with_actions_in(year), columns, "employeurs"):
        return response
    page = paginate(request, employers)
    # The actions of the page's 25 employers only, counted in the query that fetches them.
    page.object_list = employers.filter(pk__in=page.object_list).with_actions_in(year)
    context = {"filters": filters, "search": search, "sorting": sorting, "page": page, "year": year}
    return render(request, "gpect/employer_list.html", context)


@require_safe
@never_cache  # the directory's names: no copy in a shared cache
@programme_required(GPECT)
def employer_lookup(request):
    """The picker of the employer fields (forms.EmployerChoiceField): `{"results": [{"id", "label"}]}`."""
    search = SearchForm(request.GET)
    text = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if len(text) < LOOKUP_MIN_LENGTH:
        return JsonResponse({"results": []})
    employers = Employer.objects.visible_to(request.user).lookup(text)[:MAX_RESULTS]
    return JsonResponse({"results": [{"id": e.pk, "label": organisation_label(e.organisation)} for e in employers]})


@require_safe
def employer_detail(request, pk):
    employer = get_for_user(request.user, Employer.objects.select_related("organisation__commune", "sector"), pk=pk)
    context = {
        "employer": employer,
        "actions": employer.actions.select_related("staff"),
        "offers": employer.offers.all(),
    }
    return render(request, "gpect/employer_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def employer_create(request):
    form = EmployerForm(request.POST or None, user=request.user)
    if form.is_valid():
        employer = form.save()
        messages.success(request, f"L'employeur « {employer} » est enregistré.")
        return redirect(employer)
    return render(request, "gpect/employer_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def employer_edit(request, pk):
    employer = get_for_user(request.user, Employer.objects.select_related("organisation"), write=True, pk=pk)
    form = EmployerForm(request.POST or None, instance=employer, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'employeur « {employer} » est enregistré.")
        return redirect(employer)
    return render(request, "gpect/employer_form.html", {"form": form, "employer": employer})


@require_http_methods(["GET", "POST"])
def employer_delete(request, pk):
    employer = get_for_user(request.user, Employer.objects.select_related("organisation"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(employer)
    if request.method == "POST" and not blocked_by:
        employer.delete()
        messages.success(request, f"L'employeur « {employer} » est supprimé.")
        return redirect("gpect:employer_list")
    context = {
        "record": employer,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": employer.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_safe
@programme_required(GPECT)
def action_list(request):
    filters = ActionFilterForm(request.GET)
    actions = filters.filter(EmployerAction.objects.visible_to(request.user)).select_related(
        "employer__organisation", "employer__sector", "staff"
    )
    sorting, actions = apply_sort(request, actions, ACTION_COLUMNS, "-date")
    if response := export(request, actions, ACTION_EXPORT, "actions-employeurs"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, actions)}
    return render(request, "gpect/action_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def action_create(request):
    initial = {"employer": request.GET.get("employeur"), "staff": request.user.pk}
    form = EmployerActionForm(request.POST or None, initial=initial, user=request.user)
    if form.is_valid():
        action = form.save()
        messages.success(request, "L'action est enregistrée.")
        return redirect(action)
    return render(request, "gpect/action_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def action_edit(request, pk):
    action = get_for_user(
        request.user, EmployerAction.objects.select_related("employer__organisation"), write=True, pk=pk
    )
    form = EmployerActionForm(request.POST or None, instance=action, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "L'action est enregistrée.")
        return redirect(action)
    return render(request, "gpect/action_form.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
def action_delete(request, pk):
    action = get_for_user(
        request.user, EmployerAction.objects.select_related("employer__organisation"), write=True, pk=pk
    )
    goes_with, blocked_by = deletion.consequences(action)
    if request.method == "POST" and not blocked_by:
        action.delete()
        messages.success(request, "L'action est supprimée.")
        return redirect(action.employer)
    context = {
        "record": action,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": action.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Job offers and matches -----------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def offer_list(request):
    filters = YearFilterForm(request.GET)
    offers = filters.filter(JobOffer.objects.visible_to(request.user)).select_related("employer__organisation")
    search, offers = apply_search(request, offers)
    sorting, offers = apply_sort(request, offers, OFFER_COLUMNS, "-date")
    if response := export(request, offers.with_match_count(), OFFER_EXPORT, "offres-emploi"):
        return response
    page = paginate(request, offers)
    # The matches of the page's 25 offers only, counted in the query that fetches them.
    page.object_list = offers.filter(pk__in=page.object_list).with_match_count()
    context = {"filters": filters, "search": search, "sorting": sorting, "page": page}
    return render(request, "gpect/offer_list.html", context)


@require_safe
def offer_detail(request, pk):
    offer = get_for_user(request.user, JobOffer.objects.select_related("employer__organisation"), pk=pk)
    matches = Match.objects.visible_to(request.user).filter(offer=offer).select_related("person")
    return render(request, "gpect/offer_detail.html", {"offer": offer, "matches": matches})


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def offer_create(request):
    form = JobOfferForm(request.POST or None, user=request.user)
    if form.is_valid():
        offer = form.save()
        messages.success(request, f"L'offre « {offer.title} » est enregistrée.")
        return redirect(offer)
    return render(request, "gpect/offer_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def offer_edit(request, pk):
    offer = get_for_user(request.user, JobOffer.objects.all(), write=True, pk=pk)
    form = JobOfferForm(request.POST or None, instance=offer, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'offre « {offer.title} » est enregistrée.")
        return redirect(offer)
    return render(request, "gpect/offer_form.html", {"form": form, "offer": offer})


@require_http_methods(["GET", "POST"])
def offer_delete(request, pk):
    offer = get_for_user(request.user, JobOffer.objects.select_related("employer__organisation"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(offer)
    if request.method == "POST" and not blocked_by:
        offer.delete()
        messages.success(request, f"L'offre « {offer.title} » est supprimée.")
        return redirect("gpect:offer_list")
    context = {
        "record": offer,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": offer.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def match_create(request, pk):
    offer = get_for_user(request.user, JobOffer.objects.select_related("employer__organisation"), write=True, pk=pk)
    form = MatchForm(request.POST or None, instance=Match(offer=offer), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "La mise en relation est enregistrée.")
        return redirect(offer)
    return render(request, "gpect/match_form.html", {"form": form, "offer": offer})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def match_edit(request, pk):
    match = get_for_user(
        request.user, Match.objects.select_related("offer__employer__organisation"), write=True, pk=pk
    )
    form = MatchForm(request.POST or None, instance=match, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "La mise en relation est enregistrée.")
        return redirect(match.offer)
    return render(request, "gpect/match_form.html", {"form": form, "match": match, "offer": match.offer})


@require_http_methods(["GET", "POST"])
def match_delete(request, pk):
    match = get_for_user(request.user, Match.objects.select_related("offer", "person"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(match)
    if request.method == "POST" and not blocked_by:
        match.delete()
        messages.success(request, "La mise en relation est supprimée.")
        return redirect(match.offer)
    context = {
        "record": match,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": match.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Company visits and workshops ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def visit_list(request):
    filters = YearFilterForm(request.GET)
    visits = filters.filter(CompanyVisit.objects.visible_to(request.user)).select_related("organisation")
    sorting, visits = apply_sort(request, visits, VISIT_COLUMNS, "-date")
    if response := export(request, visits, VISIT_EXPORT, "visites-ateliers"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, visits)}
    return render(request, "gpect/visit_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def visit_create(request):
    form = CompanyVisitForm(request.POST or None, user=request.user)
    if form.is_valid():
        visit = form.save()
        messages.success(request, f"« {visit.title} » est enregistré.")
        return redirect(visit)
    return render(request, "gpect/visit_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def visit_edit(request, pk):
    visit = get_for_user(request.user, CompanyVisit.objects.all(), write=True, pk=pk)
    form = CompanyVisitForm(request.POST or None, instance=visit, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"« {visit.title} » est enregistré.")
        return redirect(visit)
    return render(request, "gpect/visit_form.html", {"form": form, "visit": visit})


@require_http_methods(["GET", "POST"])
def visit_delete(request, pk):
    visit = get_for_user(request.user, CompanyVisit.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(visit)
    if request.method == "POST" and not blocked_by:
        visit.delete()
        messages.success(request, f"« {visit.title} » est supprimé.")
        return redirect("gpect:visit_list")
    context = {
        "record": visit,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": visit.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Markets and insertion hours ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def market_list(request):
    filters = YearFilterForm(request.GET)
    markets = filters.filter(Market.objects.visible_to(request.user)).select_related("buyer")
    search, markets = apply_search(request, markets)
    sorting, markets = apply_sort(request, markets, MARKET_COLUMNS, "-annee")
    if response := export(request, markets.with_hours_realised(), MARKET_EXPORT, "marches-clauses"):
        return response
    page = paginate(request, markets)
    # The hours of the page's 25 markets only, summed in the query that fetches them.
    page.object_list = markets.filter(pk__in=page.object_list).with_hours_realised()
    context = {"filters": filters, "search": search, "sorting": sorting, "page": page}
    return render(request, "gpect/market_list.html", context)


@require_safe
def market_detail(request, pk):
    market = get_for_user(request.user, Market.objects.select_related("buyer").with_hours_realised(), pk=pk)
    hours = InsertionHours.objects.visible_to(request.user).filter(market=market).select_related("person", "company")
    return render(request, "gpect/market_detail.html", {"market": market, "hours": hours})


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def market_create(request):
    form = MarketForm(request.POST or None, user=request.user)
    if form.is_valid():
        market = form.save()
        messages.success(request, f"Le marché « {market.title} » est enregistré.")
        return redirect(market)
    return render(request, "gpect/market_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def market_edit(request, pk):
    market = get_for_user(request.user, Market.objects.all(), write=True, pk=pk)
    form = MarketForm(request.POST or None, instance=market, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le marché « {market.title} » est enregistré.")
        return redirect(market)
    return render(request, "gpect/market_form.html", {"form": form, "market": market})


@require_http_methods(["GET", "POST"])
def market_delete(request, pk):
    market = get_for_user(request.user, Market.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(market)
    if request.method == "POST" and not blocked_by:
        market.delete()
        messages.success(request, f"Le marché « {market.title} » est supprimé.")
        return redirect("gpect:market_list")
    context = {
        "record": market,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": market.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def hours_create(request, pk):
    market = get_for_user(request.user, Market.objects.all(), write=True, pk=pk)
    form = InsertionHoursForm(request.POST or None, instance=InsertionHours(market=market), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Les heures sont enregistrées.")
        return redirect(market)
    return render(request, "gpect/hours_form.html", {"form": form, "market": market})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def hours_edit(request, pk):
    entry = get_for_user(request.user, InsertionHours.objects.select_related("market"), write=True, pk=pk)
    form = InsertionHoursForm(request.POST or None, instance=entry, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Les heures sont enregistrées.")
        return redirect(entry.market)
    return render(request, "gpect/hours_form.html", {"form": form, "entry": entry, "market": entry.market})


@require_http_methods(["GET", "POST"])
def hours_delete(request, pk):
    entry = get_for_user(
        request.user, InsertionHours.objects.select_related("market", "person", "company"), write=True, pk=pk
    )
    goes_with, blocked_by = deletion.consequences(entry)
    if request.method == "POST" and not blocked_by:
        entry.delete()
        messages.success(request, "Les heures sont supprimées.")
        return redirect(entry.market)
    context = {
        "record": entry,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": entry.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Territorial projects --------------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def project_list(request):
    projects = Project.objects.visible_to(request.user).prefetch_related("partners")
    sorting, projects = apply_sort(request, projects, PROJECT_COLUMNS, "nom")
    if response := export(request, projects, PROJECT_EXPORT, "projets-territoire"):
        return response
    return render(request, "gpect/project_list.html", {"sorting": sorting, "projects": projects})


@require_http_methods(["GET", "POST"])
@programme_required(GPECT, write=True)
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user)
    if form.is_valid():
        project = form.save()
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect(project)
    return render(request, "gpect/project_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_edit(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect(project)
    return render(request, "gpect/project_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
def project_delete(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(project)
    if request.method == "POST" and not blocked_by:
        project.delete()
        messages.success(request, f"Le projet « {project} » est supprimé.")
        return redirect("gpect:project_list")
    context = {
        "record": project,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": project.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)
