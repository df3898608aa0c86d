from django.contrib import admin

from .models import CollectiveAction, ExitType, MealAid, Parcours, Session


@admin.register(ExitType)
class ExitTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "position"]
    list_editable = ["category", "position"]
    list_filter = ["category"]


@admin.register(Parcours)
class ParcoursAdmin(admin.ModelAdmin):
    list_display = ["person", "entry_date", "exit_date", "exit_type", "referent"]
    list_filter = ["exit_type__category", "referent"]
    search_fields = ["person__last_name", "person__first_name"]
    autocomplete_fields = ["person", "prescriber"]
    date_hierarchy = "entry_date"


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["date", "theme"]
    extra = 0


@admin.register(CollectiveAction)
class CollectiveActionAdmin(admin.ModelAdmin):
    list_display = ["name", "partner"]
    inlines = [SessionInline]


@admin.register(MealAid)
class MealAidAdmin(admin.ModelAdmin):
    list_display = ["date", "beneficiary", "meals", "amount", "restaurant"]
    date_hierarchy = "date"
    autocomplete_fields = ["beneficiary", "restaurant"]
