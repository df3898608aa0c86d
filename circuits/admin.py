from django.contrib import admin

from .models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["restaurant", "year", "meals_per_day"]
    list_filter = ["year"]
    search_fields = ["restaurant__name"]
    autocomplete_fields = ["restaurant"]


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["organisation", "category", "is_organic_certified"]
    list_filter = ["category", "is_organic_certified"]
    search_fields = ["organisation__name", "products"]
    autocomplete_fields = ["organisation"]


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ["restaurant", "supplier", "year", "period_start", "family", "amount_ht", "is_organic"]
    list_filter = ["year", "family", "is_organic"]
    search_fields = ["restaurant__name", "supplier__name"]
    autocomplete_fields = ["restaurant", "supplier"]
    list_select_related = ["restaurant", "supplier"]


@admin.register(CropPlan)
class CropPlanAdmin(admin.ModelAdmin):
    list_display = ["farm", "year", "season", "product", "quantity", "unit"]
    list_filter = ["year", "season"]
    search_fields = ["farm__name", "product"]
    autocomplete_fields = ["farm"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "place", "participants"]
    date_hierarchy = "date"


@admin.register(AwarenessAction)
class AwarenessActionAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "audience", "people", "place"]
    list_filter = ["audience"]
    date_hierarchy = "date"
