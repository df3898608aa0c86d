from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal.forms import SearchForm
from cbe_portal.models import Organisation
from cbe_portal.permissions import Programme, can_write, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, form_data, paginate, save_form, year_from
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


def _render(request, template, **context):
    context = {"can_write": can_write(request.user, CIRCUITS), "radius_km": settings.LOCAL_RADIUS_KM, **context}
    return render(request, f"circuits/{template}", context)


def _record_form(request, form_class, instance, template, list_url, message):
    """The create/edit page of one record (`instance`, None to create one): back to the list once saved."""
    form = form_class(*form_data(request), instance=instance)
    return save_form(request, form, f"circuits/{template}", {"record": instance}, message, list_url)


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, CIRCUITS, {"points": map_points(), "radius_km": settings.LOCAL_RADIUS_KM})


@require_safe
@programme_required(CIRCUITS)
def home(request):
    year = year_from(request, latest_year() or timezone.localdate().year)
    return _render(request, "home.html", year=year, figures=indicators.for_year(year))


@require_safe
@programme_required(CIRCUITS)
def supplier_map(request):
    return _render(request, "supplier_map.html", points=map_points())


# Restaurants and their participation ------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def restaurant_list(request):
    search, queryset = apply_search(request, restaurants_with_meals())
    return _render(request, "restaurant_list.html", search=search, page=paginate(request, queryset))


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
    return _record_form(
        request, ParticipationForm, None, "participation_form.html", "circuits:restaurant_list",
        "La participation de {} est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def participation_edit(request, pk):
    participation = get_for_user(request.user, CIRCUITS, Participation.objects.all(), write=True, pk=pk)
    return _record_form(
        request, ParticipationForm, participation, "participation_form.html", "circuits:restaurant_list",
        "La participation de {} est enregistrée.",
    )  # fmt: skip


# Suppliers and farms ------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def supplier_list(request):
    search = SearchForm(request.GET)
    queryset = Supplier.objects.select_related("organisation__commune")
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.filter(organisation__in=Organisation.objects.search(search.cleaned_data["q"]))
    page = paginate(request, queryset)
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
    return _record_form(
        request, SupplierForm, None, "supplier_form.html", "circuits:supplier_list",
        "Le fournisseur « {} » est enregistré.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def supplier_edit(request, pk):
    supplier = get_for_user(request.user, CIRCUITS, Supplier.objects.all(), write=True, pk=pk)
    return _record_form(
        request, SupplierForm, supplier, "supplier_form.html", "circuits:supplier_list",
        "Le fournisseur « {} » est enregistré.",
    )  # fmt: skip


# Purchases ---------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def purchase_list(request):
    filters = PurchaseFilterForm(request.GET)
    queryset = filters.filter(Purchase.objects.with_is_local().select_related("restaurant", "supplier"))
    return _render(request, "purchase_list.html", filters=filters, page=paginate(request, queryset))


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def purchase_create(request):
    return _record_form(
        request, PurchaseForm, None, "purchase_form.html", "circuits:purchase_list", "L'achat est enregistré."
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def purchase_edit(request, pk):
    purchase = get_for_user(request.user, CIRCUITS, Purchase.objects.all(), write=True, pk=pk)
    return _record_form(
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
    formset = GridFormSet(*form_data(request), form_kwargs={"restaurant": restaurant, "year": year})
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
        queryset = queryset.filter(year=year_from(request, timezone.localdate().year))
    return _render(request, "cropplan_list.html", page=paginate(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def cropplan_create(request):
    return _record_form(
        request, CropPlanForm, None, "cropplan_form.html", "circuits:cropplan_list",
        "La planification « {} » est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def cropplan_edit(request, pk):
    plan = get_for_user(request.user, CIRCUITS, CropPlan.objects.all(), write=True, pk=pk)
    return _record_form(
        request, CropPlanForm, plan, "cropplan_form.html", "circuits:cropplan_list",
        "La planification « {} » est enregistrée.",
    )  # fmt: skip


@require_safe
@programme_required(CIRCUITS)
def workshop_list(request):
    queryset = Workshop.objects.all()
    if year := request.GET.get("annee", "").strip():
        queryset = queryset.filter(date__year=year_from(request, timezone.localdate().year))
    return _render(request, "workshop_list.html", page=paginate(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def workshop_create(request):
    return _record_form(
        request, WorkshopForm, None, "workshop_form.html", "circuits:workshop_list",
        "L'atelier « {} » est enregistré.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def workshop_edit(request, pk):
    workshop = get_for_user(request.user, CIRCUITS, Workshop.objects.all(), write=True, pk=pk)
    return _record_form(
        request, WorkshopForm, workshop, "workshop_form.html", "circuits:workshop_list",
        "L'atelier « {} » est enregistré.",
    )  # fmt: skip


@require_safe
@programme_required(CIRCUITS)
def awareness_list(request):
    queryset = AwarenessAction.objects.select_related("restaurant")
    if year := request.GET.get("annee", "").strip():
        queryset = queryset.filter(date__year=year_from(request, timezone.localdate().year))
    return _render(request, "awareness_list.html", page=paginate(request, queryset), filter_year=year)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def awareness_create(request):
    return _record_form(
        request, AwarenessActionForm, None, "awareness_form.html", "circuits:awareness_list",
        "L'action « {} » est enregistrée.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@transaction.atomic
def awareness_edit(request, pk):
    action = get_for_user(request.user, CIRCUITS, AwarenessAction.objects.all(), write=True, pk=pk)
    return _record_form(
        request, AwarenessActionForm, action, "awareness_form.html", "circuits:awareness_list",
        "L'action « {} » est enregistrée.",
    )  # fmt: skip
