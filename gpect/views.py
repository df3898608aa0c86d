from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal.forms import SearchForm
from cbe_portal.permissions import (
    Programme,
    can_write,
    check_programme,
    get_for_user,
    persons_for_user,
    programme_required,
)
from cbe_portal.views.public import render_programme_page

from . import indicators
from .forms import (
    CompanyVisitForm,
    EmployerActionForm,
    EmployerFilterForm,
    EmployerForm,
    InsertionHoursForm,
    JobOfferForm,
    MarketForm,
    MatchForm,
    ProjectForm,
)
from .models import CompanyVisit, Employer, EmployerAction, InsertionHours, JobOffer, Market, Match, Project

GPECT = Programme.GPECT
PAGE_SIZE = 25


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, GPECT)


def _year(request) -> int:
    year = request.GET.get("annee", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _search(request, queryset):
    search = SearchForm(request.GET)
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.search(search.cleaned_data["q"])
    return search, queryset


def _editable(request, queryset, pk):
    """The record to edit (None to create one), after checking that the user may write."""
    check_programme(request.user, GPECT, write=True)
    return get_object_or_404(queryset, pk=pk) if pk else None


def _form_data(request):
    return (request.POST,) if request.method == "POST" else (None,)


def _render(request, template, context):
    return render(request, f"gpect/{template}", {"can_write": can_write(request.user, GPECT), **context})


def _save_or_render(request, form, template, context, message):
    """POST with a valid form: save, say so, redirect to the record's page; otherwise show the
    form (with its errors)."""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, message.format(saved))
        return redirect(saved)
    return _render(request, template, {"form": form, **context})


@require_safe
@programme_required(GPECT)
def home(request):
    year = _year(request)
    return _render(request, "home.html", {"year": year, "figures": indicators.for_year(year)})


# Employers and actions ------------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def employer_list(request):
    year = timezone.localdate().year
    filters = EmployerFilterForm(request.GET)
    employers = Employer.objects.select_related("organisation__commune", "sector").with_actions_in(year)
    if filters.is_valid():
        employers = employers.filtered(year=year, **filters.cleaned_data)
    search, employers = _search(request, employers)
    context = {"filters": filters, "search": search, "page": _page(request, employers), "year": year}
    return _render(request, "employer_list.html", context)


@require_safe
@programme_required(GPECT)
def employer_detail(request, pk):
    queryset = Employer.objects.select_related("organisation__commune", "sector")
    employer = get_for_user(request.user, GPECT, queryset, pk=pk)
    actions = employer.actions.select_related("staff")
    offers = employer.offers.all()
    return _render(request, "employer_detail.html", {"employer": employer, "actions": actions, "offers": offers})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def employer_form(request, pk=None):
    employer = _editable(request, Employer, pk)
    form = EmployerForm(*_form_data(request), instance=employer)
    return _save_or_render(
        request, form, "employer_form.html", {"employer": employer}, "L'employeur « {} » est enregistré."
    )


@require_safe
@programme_required(GPECT)
def action_list(request):
    actions = EmployerAction.objects.select_related("employer__organisation", "staff")
    kind = request.GET.get("type", "")
    if kind in EmployerAction.Kind:
        actions = actions.filter(kind=kind)
    context = {"page": _page(request, actions), "kinds": EmployerAction.Kind, "kind": kind}
    return _render(request, "action_list.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def action_form(request, pk=None):
    action = _editable(request, EmployerAction, pk)
    initial = {"employer": request.GET.get("employeur"), "staff": request.user.pk} if not pk else None
    form = EmployerActionForm(*_form_data(request), instance=action, initial=initial)
    return _save_or_render(request, form, "action_form.html", {"action": action}, "L'action est enregistrée.")


# Job offers and matches -----------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def offer_list(request):
    offers = JobOffer.objects.select_related("employer__organisation").with_match_count()
    search, offers = _search(request, offers)
    return _render(request, "offer_list.html", {"search": search, "page": _page(request, offers)})


@require_safe
@programme_required(GPECT)
def offer_detail(request, pk):
    offer = get_for_user(request.user, GPECT, JobOffer.objects.select_related("employer__organisation"), pk=pk)
    matches = offer.matches.filter(person__in=persons_for_user(request.user)).select_related("person")
    return _render(request, "offer_detail.html", {"offer": offer, "matches": matches})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def offer_form(request, pk=None):
    offer = _editable(request, JobOffer, pk)
    form = JobOfferForm(*_form_data(request), instance=offer)
    return _save_or_render(request, form, "offer_form.html", {"offer": offer}, "L'offre « {.title} » est enregistrée.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def match_create(request, offer_pk):
    offer = get_for_user(
        request.user, GPECT, JobOffer.objects.select_related("employer__organisation"), write=True, pk=offer_pk
    )
    form = MatchForm(*_form_data(request), user=request.user, offer=offer)
    context = {"offer": offer, "match": None}
    return _save_or_render(request, form, "match_form.html", context, "La mise en relation est enregistrée.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def match_edit(request, pk):
    queryset = Match.objects.filter(person__in=persons_for_user(request.user)).select_related("offer__employer")
    match = get_for_user(request.user, GPECT, queryset, write=True, pk=pk)
    form = MatchForm(*_form_data(request), instance=match, user=request.user, offer=match.offer)
    context = {"offer": match.offer, "match": match}
    return _save_or_render(request, form, "match_form.html", context, "La mise en relation est enregistrée.")


# Company visits and workshops ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def visit_list(request):
    visits = CompanyVisit.objects.select_related("organisation")
    return _render(request, "visit_list.html", {"page": _page(request, visits)})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def visit_form(request, pk=None):
    visit = _editable(request, CompanyVisit, pk)
    form = CompanyVisitForm(*_form_data(request), instance=visit)
    return _save_or_render(request, form, "visit_form.html", {"visit": visit}, "« {.title} » est enregistré.")


# Markets and insertion hours ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def market_list(request):
    markets = Market.objects.select_related("buyer").with_hours_realised()
    search, markets = _search(request, markets)
    return _render(request, "market_list.html", {"search": search, "page": _page(request, markets)})


@require_safe
@programme_required(GPECT)
def market_detail(request, pk):
    market = get_for_user(request.user, GPECT, Market.objects.select_related("buyer").with_hours_realised(), pk=pk)
    hours = market.insertion_hours.filter(person__in=persons_for_user(request.user)).select_related(
        "person", "company"
    )
    return _render(request, "market_detail.html", {"market": market, "hours": hours})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def market_form(request, pk=None):
    market = _editable(request, Market, pk)
    form = MarketForm(*_form_data(request), instance=market)
    return _save_or_render(
        request, form, "market_form.html", {"market": market}, "Le marché « {.title} » est enregistré."
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def hours_create(request, market_pk):
    market = get_for_user(request.user, GPECT, Market, write=True, pk=market_pk)
    form = InsertionHoursForm(*_form_data(request), user=request.user, market=market)
    context = {"market": market, "entry": None}
    return _save_or_render(request, form, "hours_form.html", context, "Les heures sont enregistrées.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def hours_edit(request, pk):
    queryset = InsertionHours.objects.filter(person__in=persons_for_user(request.user)).select_related("market")
    entry = get_for_user(request.user, GPECT, queryset, write=True, pk=pk)
    form = InsertionHoursForm(*_form_data(request), instance=entry, user=request.user, market=entry.market)
    context = {"market": entry.market, "entry": entry}
    return _save_or_render(request, form, "hours_form.html", context, "Les heures sont enregistrées.")


# Territorial projects --------------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def project_list(request):
    projects = Project.objects.prefetch_related("partners")
    return _render(request, "project_list.html", {"projects": projects})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_form(request, pk=None):
    project = _editable(request, Project, pk)
    form = ProjectForm(*_form_data(request), instance=project)
    return _save_or_render(
        request, form, "project_form.html", {"project": project}, "Le projet « {} » est enregistré.")  # fmt: skip
