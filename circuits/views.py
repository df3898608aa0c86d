from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion, figures
from cbe_portal.exports import Column, export
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.years import known_years, requested_year

from .forms import (
    AwarenessActionForm,
    AwarenessFilterForm,
    CropPlanForm,
    GridChoiceForm,
    GridFormSet,
    ParticipationForm,
    PurchaseFilterForm,
    PurchaseForm,
    SupplierForm,
    WorkshopForm,
    YearFilterForm,
)
from .models import (
    AwarenessAction,
    CropPlan,
    Participation,
    Purchase,
    Supplier,
    Workshop,
    located_restaurants,
    map_points,
    restaurants,
    restaurants_with_meals,
)

CIRCUITS = Programme.CIRCUITS
RESTAURANT_COLUMNS = {
    "nom": ("name",),
    "commune": ("commune__name", "name"),
    "annee": ("last_year", "name"),
    "repas": ("last_meals", "name"),
}
SUPPLIER_COLUMNS = {
    "nom": ("organisation__name",),
    "activite": ("category", "organisation__name"),
    "commune": ("organisation__commune__name", "organisation__name"),
}
# The public page's map and list: at most this many places, whatever the number of suppliers.
PUBLIC_MAP_POINTS = 60
PURCHASE_COLUMNS = {
    "periode": ("year", "period_start", "restaurant_id"),  # an index's order: no sort of every purchase
    "restaurant": ("restaurant__name", "year", "period_start"),
    "fournisseur": ("supplier__name", "year", "period_start"),
    "famille": ("family", "year", "period_start"),
    "montant": ("amount_ht",),
}
CROPPLAN_COLUMNS = {"annee": ("year", "farm__name"), "ferme": ("farm__name", "year"), "produit": ("product", "year")}
DATED_COLUMNS = {"date": ("date",), "intitule": ("title", "date")}
WORKSHOP_COLUMNS = {**DATED_COLUMNS, "participants": ("participants", "date")}
AWARENESS_COLUMNS = {**DATED_COLUMNS, "public": ("audience", "date"), "personnes": ("people", "date")}

# What each list exports (exports.export): its columns and the useful details.
RESTAURANT_EXPORT = [
    Column("Restaurant", lambda r: r.name),
    Column("Type", lambda r: r.get_kind_display()),
    Column("Adresse", lambda r: r.address),
    Column("Commune", lambda r: r.commune.name if r.commune else ""),
    Column("Dernière année", lambda r: r.last_year),
    Column("Repas par jour", lambda r: r.last_meals),
    Column("Latitude", lambda r: r.latitude),
    Column("Longitude", lambda r: r.longitude),
]
SUPPLIER_EXPORT = [
    Column("Fournisseur", lambda s: s.organisation.name),
    Column("Type", lambda s: s.organisation.get_kind_display()),
    Column("Activité", lambda s: s.get_category_display()),
    Column("Commune", lambda s: s.organisation.commune.name if s.organisation.commune else ""),
    Column("Certifié bio", lambda s: s.is_organic_certified),
    Column("Produits", lambda s: s.products),
    Column("Latitude", lambda s: s.organisation.latitude),
    Column("Longitude", lambda s: s.organisation.longitude),
    Column("Restaurant le plus proche (km)", lambda s: s.nearest_restaurant_km and round(s.nearest_restaurant_km, 1)),
]
PURCHASE_EXPORT = [
    Column("Année", lambda p: p.year),
    Column("Début de la période", lambda p: p.period_start),
    Column("Fin de la période", lambda p: p.period_end),
    Column("Restaurant", lambda p: p.restaurant.name),
    Column("Fournisseur", lambda p: p.supplier.name if p.supplier else "Autres"),
    Column("Famille", lambda p: p.get_family_display()),
    Column("Montant HT (€)", lambda p: p.amount_ht),
    Column("Bio", lambda p: p.is_organic),
    Column("Local", lambda p: p.is_local),
    Column("Distance (km)", lambda p: p.distance_km and round(p.distance_km, 1)),
]
CROPPLAN_EXPORT = [
    Column("Année", lambda c: c.year),
    Column("Saison", lambda c: c.get_season_display()),
    Column("Ferme", lambda c: c.farm.name),
    Column("Produit", lambda c: c.product),
    Column("Quantité prévue", lambda c: c.quantity),
    Column("Unité", lambda c: c.get_unit_display()),
]
WORKSHOP_EXPORT = [
    Column("Date", lambda w: w.date),
    Column("Intitulé", lambda w: w.title),
    Column("Lieu", lambda w: w.place),
    Column("Participants", lambda w: w.participants),
    Column("Compte rendu", lambda w: w.description),
]
AWARENESS_EXPORT = [
    Column("Date", lambda a: a.date),
    Column("Intitulé", lambda a: a.title),
    Column("Public", lambda a: a.get_audience_display()),
    Column("Personnes sensibilisées", lambda a: a.people),
    Column("École ou lieu", lambda a: a.place),
    Column("Restaurant associé", lambda a: a.restaurant.name if a.restaurant else ""),
]


@login_not_required
@require_safe
def public_page(request):
    context = {"points": map_points(PUBLIC_MAP_POINTS), "radius_km": settings.LOCAL_RADIUS_KM}
    return render_programme_page(request, CIRCUITS, context)


@require_safe
@programme_required(CIRCUITS)
def home(request):
    year = requested_year(request)
    context = {
        "year": year,
        "years": reversed(known_years()),
        "figures": figures.for_year(year)[CIRCUITS],
        "previous": figures.for_year(year - 1)[CIRCUITS],
    }
    return render(request, "circuits/home.html", context)


@require_safe
@programme_required(CIRCUITS)
def supplier_map(request):
    context = {"points": map_points(), "radius_km": settings.LOCAL_RADIUS_KM}
    return render(request, "circuits/supplier_map.html", context)


# Restaurants and their participation ------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def restaurant_list(request):
    search, places = apply_search(request, restaurants_with_meals())
    sorting, places = apply_sort(request, places, RESTAURANT_COLUMNS, "nom")
    if response := export(request, places, RESTAURANT_EXPORT, "restaurants"):
        return response
    context = {"search": search, "sorting": sorting, "page": paginate(request, places)}
    return render(request, "circuits/restaurant_list.html", context)


@require_safe
@programme_required(CIRCUITS)
def restaurant_detail(request, pk):
    restaurant = get_for_user(request.user, restaurants().select_related("commune"), pk=pk)
    context = {
        "restaurant": restaurant,
        "participations": Participation.objects.visible_to(request.user).filter(restaurant=restaurant),
        "summary": Purchase.objects.visible_to(request.user).filter(restaurant=restaurant).summary(),
    }
    return render(request, "circuits/restaurant_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def participation_create(request):
    form = ParticipationForm(request.POST or None, user=request.user)
    if form.is_valid():
        participation = form.save()
        messages.success(request, f"La participation de {participation} est enregistrée.")
        return redirect(participation)
    return render(request, "circuits/participation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def participation_edit(request, pk):
    participation = get_for_user(request.user, Participation.objects.select_related("restaurant"), write=True, pk=pk)
    form = ParticipationForm(request.POST or None, instance=participation, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"La participation de {participation} est enregistrée.")
        return redirect(participation)
    return render(request, "circuits/participation_form.html", {"form": form, "participation": participation})


@require_http_methods(["GET", "POST"])
def participation_delete(request, pk):
    participation = get_for_user(request.user, Participation.objects.select_related("restaurant"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(participation)
    blocked_by += participation.blocking_records()
    if request.method == "POST" and not blocked_by:
        participation.delete()
        messages.success(request, f"La participation de {participation} est supprimée.")
        return redirect(participation)
    context = {
        "record": participation,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": participation.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Suppliers and farms ------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def supplier_list(request):
    suppliers = Supplier.objects.visible_to(request.user).select_related("organisation__commune")
    search, suppliers = apply_search(request, suppliers)
    sorting, suppliers = apply_sort(request, suppliers, SUPPLIER_COLUMNS, "nom")
    if response := export(request, suppliers.with_nearest_restaurant_km(), SUPPLIER_EXPORT, "fournisseurs"):
        return response
    page = paginate(request, suppliers)
    places = list(located_restaurants())
    context = {
        "search": search,
        "sorting": sorting,
        "page": page,
        "rows": [(supplier, supplier.distances(places)) for supplier in page],
        "radius_km": settings.LOCAL_RADIUS_KM,
    }
    return render(request, "circuits/supplier_list.html", context)


@require_safe
def supplier_detail(request, pk):
    supplier = get_for_user(request.user, Supplier.objects.select_related("organisation__commune"), pk=pk)
    context = {
        "supplier": supplier,
        "distances": supplier.distances(restaurants().select_related("commune")),
        "summary": Purchase.objects.visible_to(request.user).filter(supplier=supplier.organisation).summary(),
        "crop_plans": CropPlan.objects.visible_to(request.user).filter(farm=supplier.organisation),
        "radius_km": settings.LOCAL_RADIUS_KM,
    }
    return render(request, "circuits/supplier_detail.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def supplier_create(request):
    form = SupplierForm(request.POST or None, user=request.user)
    if form.is_valid():
        supplier = form.save()
        messages.success(request, f"Le fournisseur « {supplier} » est enregistré.")
        return redirect(supplier)
    return render(request, "circuits/supplier_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def supplier_edit(request, pk):
    supplier = get_for_user(request.user, Supplier.objects.select_related("organisation"), write=True, pk=pk)
    form = SupplierForm(request.POST or None, instance=supplier, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le fournisseur « {supplier} » est enregistré.")
        return redirect(supplier)
    return render(request, "circuits/supplier_form.html", {"form": form, "supplier": supplier})


@require_http_methods(["GET", "POST"])
def supplier_delete(request, pk):
    supplier = get_for_user(request.user, Supplier.objects.select_related("organisation"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(supplier)
    blocked_by += supplier.blocking_records()
    if request.method == "POST" and not blocked_by:
        supplier.delete()
        messages.success(request, f"Le fournisseur « {supplier} » est supprimé.")
        return redirect("circuits:supplier_list")
    context = {
        "record": supplier,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": supplier.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Purchases ---------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def purchase_list(request):
    filters = PurchaseFilterForm(request.GET, user=request.user)
    purchases = filters.filter(Purchase.objects.visible_to(request.user))
    sorting, purchases = apply_sort(request, purchases, PURCHASE_COLUMNS, "-periode")
    details = purchases.with_is_local().select_related("restaurant", "supplier")
    if response := export(request, details, PURCHASE_EXPORT, "achats"):
        return response
    page = paginate(request, purchases)
    # The distances of the page's 25 purchases only, in the query that fetches them; the count joins nothing.
    page.object_list = details.filter(pk__in=page.object_list)
    context = {"filters": filters, "sorting": sorting, "page": page, "radius_km": settings.LOCAL_RADIUS_KM}
    return render(request, "circuits/purchase_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def purchase_create(request):
    form = PurchaseForm(request.POST or None, user=request.user)
    if form.is_valid():
        purchase = form.save()
        messages.success(request, "L'achat est enregistré.")
        return redirect(purchase)
    return render(request, "circuits/purchase_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def purchase_edit(request, pk):
    purchase = get_for_user(request.user, Purchase.objects.select_related("restaurant", "supplier"), write=True, pk=pk)
    form = PurchaseForm(request.POST or None, instance=purchase, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "L'achat est enregistré.")
        return redirect(purchase)
    return render(request, "circuits/purchase_form.html", {"form": form, "purchase": purchase})


@require_http_methods(["GET", "POST"])
def purchase_delete(request, pk):
    purchase = get_for_user(request.user, Purchase.objects.select_related("restaurant", "supplier"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(purchase)
    if request.method == "POST" and not blocked_by:
        purchase.delete()
        messages.success(request, "L'achat est supprimé.")
        return redirect(purchase)
    context = {
        "record": purchase,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": purchase.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
@transaction.atomic
def purchase_grid(request):
    """A year's totals of one restaurant entered as a compact grid (one line per supplier and family)."""
    choice = GridChoiceForm(request.GET or None, user=request.user)
    if not choice.is_valid():
        return render(request, "circuits/purchase_grid.html", {"choice": choice})
    restaurant, year = choice.cleaned_data["restaurant"], choice.cleaned_data["annee"]
    row_kwargs = {"restaurant": restaurant, "year": year, "user": request.user}
    formset = GridFormSet(request.POST or None, form_kwargs=row_kwargs)
    if formset.is_valid():
        saved = [form.save() for form in formset if form.has_changed()]
        messages.success(request, f"Lignes d'achats {year} enregistrées pour {restaurant} : {len(saved)}.")
        return redirect(f"{request.path}?{urlencode({'restaurant': restaurant.pk, 'annee': year})}")
    existing = Purchase.objects.visible_to(request.user).filter(restaurant=restaurant, year=year)
    context = {
        "choice": choice,
        "formset": formset,
        "restaurant": restaurant,
        "year": year,
        "existing": existing.select_related("supplier"),
    }
    return render(request, "circuits/purchase_grid.html", context)


# Crop planning -------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def cropplan_list(request):
    filters = YearFilterForm(request.GET)
    plans = filters.filter(CropPlan.objects.visible_to(request.user)).select_related("farm")
    sorting, plans = apply_sort(request, plans, CROPPLAN_COLUMNS, "-annee")
    if response := export(request, plans, CROPPLAN_EXPORT, "planification"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, plans)}
    return render(request, "circuits/cropplan_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def cropplan_create(request):
    form = CropPlanForm(request.POST or None, user=request.user)
    if form.is_valid():
        plan = form.save()
        messages.success(request, f"La planification « {plan} » est enregistrée.")
        return redirect(plan)
    return render(request, "circuits/cropplan_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def cropplan_edit(request, pk):
    plan = get_for_user(request.user, CropPlan.objects.select_related("farm"), write=True, pk=pk)
    form = CropPlanForm(request.POST or None, instance=plan, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"La planification « {plan} » est enregistrée.")
        return redirect(plan)
    return render(request, "circuits/cropplan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
def cropplan_delete(request, pk):
    plan = get_for_user(request.user, CropPlan.objects.select_related("farm"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(plan)
    if request.method == "POST" and not blocked_by:
        plan.delete()
        messages.success(request, f"La planification « {plan} » est supprimée.")
        return redirect(plan)
    context = {
        "record": plan,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": plan.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Workshops --------------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def workshop_list(request):
    filters = YearFilterForm(request.GET)
    workshops = filters.filter(Workshop.objects.visible_to(request.user))
    sorting, workshops = apply_sort(request, workshops, WORKSHOP_COLUMNS, "-date")
    if response := export(request, workshops, WORKSHOP_EXPORT, "ateliers"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, workshops)}
    return render(request, "circuits/workshop_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def workshop_create(request):
    form = WorkshopForm(request.POST or None)
    if form.is_valid():
        workshop = form.save()
        messages.success(request, f"L'atelier « {workshop} » est enregistré.")
        return redirect(workshop)
    return render(request, "circuits/workshop_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def workshop_edit(request, pk):
    workshop = get_for_user(request.user, Workshop.objects.all(), write=True, pk=pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'atelier « {workshop} » est enregistré.")
        return redirect(workshop)
    return render(request, "circuits/workshop_form.html", {"form": form, "workshop": workshop})


@require_http_methods(["GET", "POST"])
def workshop_delete(request, pk):
    workshop = get_for_user(request.user, Workshop.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(workshop)
    if request.method == "POST" and not blocked_by:
        workshop.delete()
        messages.success(request, f"L'atelier « {workshop} » est supprimé.")
        return redirect(workshop)
    context = {
        "record": workshop,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": workshop.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Awareness actions ------------------------------------------------------------------------------------


@require_safe
@programme_required(CIRCUITS)
def awareness_list(request):
    filters = AwarenessFilterForm(request.GET)
    actions = filters.filter(AwarenessAction.objects.visible_to(request.user)).select_related("restaurant")
    sorting, actions = apply_sort(request, actions, AWARENESS_COLUMNS, "-date")
    if response := export(request, actions, AWARENESS_EXPORT, "sensibilisation"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, actions)}
    return render(request, "circuits/awareness_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(CIRCUITS, write=True)
def awareness_create(request):
    form = AwarenessActionForm(request.POST or None, user=request.user)
    if form.is_valid():
        action = form.save()
        messages.success(request, f"L'action « {action} » est enregistrée.")
        return redirect(action)
    return render(request, "circuits/awareness_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def awareness_edit(request, pk):
    action = get_for_user(request.user, AwarenessAction.objects.all(), write=True, pk=pk)
    form = AwarenessActionForm(request.POST or None, instance=action, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'action « {action} » est enregistrée.")
        return redirect(action)
    return render(request, "circuits/awareness_form.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
def awareness_delete(request, pk):
    action = get_for_user(request.user, AwarenessAction.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(action)
    if request.method == "POST" and not blocked_by:
        action.delete()
        messages.success(request, f"L'action « {action} » est supprimée.")
        return redirect(action)
    context = {
        "record": action,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": action.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)
