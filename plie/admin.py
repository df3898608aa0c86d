from django.contrib import admin

from .models import ActionCollective, AideRepas, ExitType, Parcours, Seance


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


class SeanceInline(admin.TabularInline):
    model = Seance
    fields = ["date", "theme"]
    extra = 0


@admin.register(ActionCollective)
class ActionCollectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "partner"]
    inlines = [SeanceInline]


@admin.register(AideRepas)
class AideRepasAdmin(admin.ModelAdmin):
    list_display = ["date", "beneficiary", "meals", "amount", "restaurant"]
    date_hierarchy = "date"
    autocomplete_fields = ["beneficiary", "restaurant"]
