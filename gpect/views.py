from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal.permissions import (
    Programme,
    can_write,
    check_programme,
    get_for_user,
    persons_for_user,
    programme_required,
)
from cbe_portal.views.pages import apply_search, form_data, paginate, save_form, year_from
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


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, GPECT)


def _editable(request, queryset, pk):
    """The record to edit (None to create one), after checking that the user may write."""
    check_programme(request.user, GPECT, write=True)
    return get_object_or_404(queryset, pk=pk) if pk else None


def _render(request, template, context):
    return render(request, f"gpect/{template}", {"can_write": can_write(request.user, GPECT), **context})


@require_safe
@programme_required(GPECT)
def home(request):
    year = year_from(request, timezone.localdate().year, first=2000, last=2100)
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
    search, employers = apply_search(request, employers)
    context = {"filters": filters, "search": search, "page": paginate(request, employers), "year": year}
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
    form = EmployerForm(*form_data(request), instance=employer)
    return save_form(
        request, form, "gpect/employer_form.html", {"employer": employer}, "L'employeur « {} » est enregistré."
    )


@require_safe
@programme_required(GPECT)
def action_list(request):
    actions = EmployerAction.objects.select_related("employer__organisation", "staff")
    kind = request.GET.get("type", "")
    if kind in EmployerAction.Kind:
        actions = actions.filter(kind=kind)
    context = {"page": paginate(request, actions), "kinds": EmployerAction.Kind, "kind": kind}
    return _render(request, "action_list.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def action_form(request, pk=None):
    action = _editable(request, EmployerAction, pk)
    initial = {"employer": request.GET.get("employeur"), "staff": request.user.pk} if not pk else None
    form = EmployerActionForm(*form_data(request), instance=action, initial=initial)
    return save_form(request, form, "gpect/action_form.html", {"action": action}, "L'action est enregistrée.")


# Job offers and matches -----------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def offer_list(request):
    offers = JobOffer.objects.select_related("employer__organisation").with_match_count()
    search, offers = apply_search(request, offers)
    return _render(request, "offer_list.html", {"search": search, "page": paginate(request, offers)})


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
    form = JobOfferForm(*form_data(request), instance=offer)
    return save_form(request, form, "gpect/offer_form.html", {"offer": offer}, "L'offre « {.title} » est enregistrée.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def match_create(request, offer_pk):
    offer = get_for_user(
        request.user, GPECT, JobOffer.objects.select_related("employer__organisation"), write=True, pk=offer_pk
    )
    form = MatchForm(*form_data(request), user=request.user, offer=offer)
    context = {"offer": offer, "match": None}
    return save_form(request, form, "gpect/match_form.html", context, "La mise en relation est enregistrée.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def match_edit(request, pk):
    queryset = Match.objects.filter(person__in=persons_for_user(request.user)).select_related("offer__employer")
    match = get_for_user(request.user, GPECT, queryset, write=True, pk=pk)
    form = MatchForm(*form_data(request), instance=match, user=request.user, offer=match.offer)
    context = {"offer": match.offer, "match": match}
    return save_form(request, form, "gpect/match_form.html", context, "La mise en relation est enregistrée.")


# Company visits and workshops ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def visit_list(request):
    visits = CompanyVisit.objects.select_related("organisation")
    return _render(request, "visit_list.html", {"page": paginate(request, visits)})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def visit_form(request, pk=None):
    visit = _editable(request, CompanyVisit, pk)
    form = CompanyVisitForm(*form_data(request), instance=visit)
    return save_form(request, form, "gpect/visit_form.html", {"visit": visit}, "« {.title} » est enregistré.")


# Markets and insertion hours ------------------------------------------------------------------


@require_safe
@programme_required(GPECT)
def market_list(request):
    markets = Market.objects.select_related("buyer").with_hours_realised()
    search, markets = apply_search(request, markets)
    return _render(request, "market_list.html", {"search": search, "page": paginate(request, markets)})


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
    form = MarketForm(*form_data(request), instance=market)
    return save_form(
        request, form, "gpect/market_form.html", {"market": market}, "Le marché « {.title} » est enregistré."
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def hours_create(request, market_pk):
    market = get_for_user(request.user, GPECT, Market, write=True, pk=market_pk)
    form = InsertionHoursForm(*form_data(request), user=request.user, market=market)
    context = {"market": market, "entry": None}
    return save_form(request, form, "gpect/hours_form.html", context, "Les heures sont enregistrées.")


@require_http_methods(["GET", "POST"])
@transaction.atomic
def hours_edit(request, pk):
    queryset = InsertionHours.objects.filter(person__in=persons_for_user(request.user)).select_related("market")
    entry = get_for_user(request.user, GPECT, queryset, write=True, pk=pk)
    form = InsertionHoursForm(*form_data(request), instance=entry, user=request.user, market=entry.market)
    context = {"market": entry.market, "entry": entry}
    return save_form(request, form, "gpect/hours_form.html", context, "Les heures sont enregistrées.")


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
    form = ProjectForm(*form_data(request), instance=project)
    return save_form(
        request, form, "gpect/project_form.html", {"project": project}, "Le projet « {} » est enregistré."
    )
