from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal.forms import SearchForm
from cbe_portal.models import Organisation
from cbe_portal.permissions import Programme, can_write, get_for_user, programme_required
from cbe_portal.views.public import render_programme_page

from . import indicators
from .forms import (
    AwarenessActionForm,
    CropPlanForm,
    GridChoiceForm,
    GridFormSet,
    ParticipationForm,
    PurchaseFilterForm,
    PurchaseForm,
    SupplierForm,
    WorkshopForm,
)
from .models import (
    AwarenessAction,
    CropPlan,
    Participation,
    Purchase,
    Supplier,
    Workshop,
    latest_year,
    located_restaurants,
    map_points,
    organisation_distance,
    purchase_summary,
    restaurants,
    restaurants_with_meals,
)

CIRCUITS = Programme.CIRCUITS
PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_data(request):
    return request.POST if request.method == "POST" else None


def _year(request, default: int | None = None) -> int:
    try:
        return int(request.GET.get("annee", ""))
    except ValueError:
        return default or timezone.localdate().year


def _render(request, template, **context):
    context = {"can_write": can_write(request.user, CIRCUITS), "radius_km": settings.LOCAL_RADIUS_KM, **context}
    return render(request, f"circuits/{template}", context)


def _edit(request, form_class, instance, template, list_url, message):
    """The create/edit page of one record: form → save → back to the list, with a French message."""
    form = form_class(_form_data(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        record = form.save()
        messages.success(request, message.format(record=record))
        return redirect(list_url)
    return _render(request, template, form=form, record=instance)


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, CIRCUITS, {"points": map_points(), "radius_km": settings.LOCAL_RADIUS_KM})


@require_safe
@programme_required(CIRCUITS)
def home(request):
    year = _year(request, default=latest_year())
    return _render(request, "home.html", year=year, figures=indicators.for_year(year))


@require_safe
@programme_required(CIRCUITS)
def supplier_map(request):
    return _render(request, "supplier_map.html", points=map_points())


# Restaurants and their participation ------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def restaurant_list(request):
    search = SearchForm(request.GET)
    queryset = restaurants_with_meals()
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.search(search.cleaned_data["q"])
    return _render(request, "restaurant_list.html", search=search, page=_page(request, queryset))


@require_safe
def restaurant_detail(request, pk):
    restaurant = get_for_user(request.user, CIRCUITS, restaurants().select_related("commune"), pk=pk)
    context = {
        "restaurant": restaurant,
        "participations": restaurant.circuits_participations.all(),
        "summary": purchase_summary(restaurant=restaurant),
    }
    return _render(request, "restaurant_detail.html", **context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def participation_create(request):
    return _edit(
        request, ParticipationForm, None, "participation_form.html", "circuits:restaurant_list",
        "La participation de {record} est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def participation_edit(request, pk):
    participation = get_for_user(request.user, CIRCUITS, Participation.objects.all(), write=True, pk=pk)
    return _edit(
        request, ParticipationForm, participation, "participation_form.html", "circuits:restaurant_list",
        "La participation de {record} est enregistrée.",
    )  # fmt: skip


# Suppliers and farms ------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def supplier_list(request):
    search = SearchForm(request.GET)
    queryset = Supplier.objects.select_related("organisation__commune")
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.filter(organisation__in=Organisation.objects.search(search.cleaned_data["q"]))
    page = _page(request, queryset)
    places = list(located_restaurants())
    rows = [
        (supplier, [(place, organisation_distance(supplier.organisation, place)) for place in places])
        for supplier in page
    ]
    return _render(request, "supplier_list.html", search=search, page=page, rows=rows, places=places)


@require_safe
def supplier_detail(request, pk):
    queryset = Supplier.objects.select_related("organisation__commune")
    supplier = get_for_user(request.user, CIRCUITS, queryset, pk=pk)
    places = restaurants().select_related("commune")
    context = {
        "supplier": supplier,
        "distances": [(place, organisation_distance(supplier.organisation, place)) for place in places],
        "summary": purchase_summary(supplier=supplier.organisation),
        "crop_plans": supplier.organisation.circuits_crop_plans.all(),
    }
    return _render(request, "supplier_detail.html", **context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def supplier_create(request):
    return _edit(
        request, SupplierForm, None, "supplier_form.html", "circuits:supplier_list",
        "Le fournisseur « {record} » est enregistré.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def supplier_edit(request, pk):
    supplier = get_for_user(request.user, CIRCUITS, Supplier.objects.all(), write=True, pk=pk)
    return _edit(
        request, SupplierForm, supplier, "supplier_form.html", "circuits:supplier_list",
        "Le fournisseur « {record} » est enregistré.",
    )  # fmt: skip


# Purchases ---------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def purchase_list(request):
    filters = PurchaseFilterForm(request.GET)
    queryset = filters.filter(Purchase.objects.with_is_local().select_related("restaurant", "supplier"))
    return _render(request, "purchase_list.html", filters=filters, page=_page(request, queryset))


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def purchase_create(request):
    return _edit(
        request, PurchaseForm, None, "purchase_form.html", "circuits:purchase_list", "L'achat est enregistré."
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def purchase_edit(request, pk):
    purchase = get_for_user(request.user, CIRCUITS, Purchase.objects.all(), write=True, pk=pk)
    return _edit(
        request, PurchaseForm, purchase, "purchase_form.html", "circuits:purchase_list", "L'achat est enregistré."
    )


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def purchase_grid(request):
    """A year's totals of one restaurant entered as a compact grid (one line per supplier and family)."""
    choice = GridChoiceForm(request.GET or None)
    if not choice.is_valid():
        return _render(request, "purchase_grid.html", choice=choice)
    restaurant, year = choice.cleaned_data["restaurant"], choice.cleaned_data["year"]
    formset = GridFormSet(_form_data(request), form_kwargs={"restaurant": restaurant, "year": year})
    if request.method == "POST" and formset.is_valid():
        saved = [form.save() for form in formset if form.has_changed()]
        messages.success(request, f"{len(saved)} ligne(s) d'achats {year} enregistrée(s) pour {restaurant}.")
        return redirect(f"{request.path}?restaurant={restaurant.pk}&year={year}")
    existing = Purchase.objects.filter(restaurant=restaurant, year=year).select_related("supplier")
    context = {"choice": choice, "formset": formset, "restaurant": restaurant, "year": year, "existing": existing}
    return _render(request, "purchase_grid.html", **context)


# Crop planning, workshops, awareness --------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def cropplan_list(request):
    queryset = CropPlan.objects.select_related("farm")
    if year := request.GET.get("annee", "").strip():
        queryset = queryset.filter(year=_year(request))
    return _render(request, "cropplan_list.html", page=_page(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def cropplan_create(request):
    return _edit(
        request, CropPlanForm, None, "cropplan_form.html", "circuits:cropplan_list",
        "La planification « {record} » est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def cropplan_edit(request, pk):
    plan = get_for_user(request.user, CIRCUITS, CropPlan.objects.all(), write=True, pk=pk)
    return _edit(
        request, CropPlanForm, plan, "cropplan_form.html", "circuits:cropplan_list",
        "La planification « {record} » est enregistrée.",
    )  # fmt: skip


@require_safe
@programme_required(CIRCUITS)
def workshop_list(request):
    queryset = Workshop.objects.all()
    if year := request.GET.get("annee", "").strip():
        queryset = queryset.filter(date__year=_year(request))
    return _render(request, "workshop_list.html", page=_page(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def workshop_create(request):
    return _edit(
        request, WorkshopForm, None, "workshop_form.html", "circuits:workshop_list",
        "L'atelier « {record} » est enregistré.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def workshop_edit(request, pk):
    workshop = get_for_user(request.user, CIRCUITS, Workshop.objects.all(), write=True, pk=pk)
    return _edit(
        request, WorkshopForm, workshop, "workshop_form.html", "circuits:workshop_list",
        "L'atelier « {record} » est enregistré.",
    )  # fmt: skip


@require_safe
@programme_required(CIRCUITS)
def awareness_list(request):
    queryset = AwarenessAction.objects.select_related("restaurant")
    if year := request.GET.get("annee", "").strip():
        queryset = queryset.filter(date__year=_year(request))
    return _render(request, "awareness_list.html", page=_page(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def awareness_create(request):
    return _edit(
        request, AwarenessActionForm, None, "awareness_form.html", "circuits:awareness_list",
        "L'action « {record} » est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def awareness_edit(request, pk):
    action = get_for_user(request.user, CIRCUITS, AwarenessAction.objects.all(), write=True, pk=pk)
    return _edit(
        request, AwarenessActionForm, action, "awareness_form.html", "circuits:awareness_list",
        "L'action « {record} » est enregistrée.",
    )  # fmt: skip
