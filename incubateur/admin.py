from django.contrib import admin

from .models import (
    CollectiveMember,
    ComiteOrientation,
    EmploiCree,
    Formation,
    FormationSession,
    PremierAccueil,
    Presentation,
    Projet,
    RendezVous,
    StageChange,
    StructureCreee,
    TempsCollectif,
)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0


@admin.register(Projet)
class ProjetAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "stage"]
    list_filter = ["stage", "theme"]
    search_fields = ["name"]
    autocomplete_fields = ["holders"]
    inlines = [StageChangeInline]


@admin.register(PremierAccueil)
class PremierAccueilAdmin(admin.ModelAdmin):
    list_display = ["date", "follow_up", "projet"]
    date_hierarchy = "date"
    autocomplete_fields = ["persons", "projet"]


class PresentationInline(admin.TabularInline):
    model = Presentation
    extra = 0
    autocomplete_fields = ["projet"]


@admin.register(ComiteOrientation)
class ComiteOrientationAdmin(admin.ModelAdmin):
    list_display = ["date"]
    inlines = [PresentationInline]


@admin.register(CollectiveMember)
class CollectiveMemberAdmin(admin.ModelAdmin):
    list_display = ["organisation", "joined_on", "left_on"]
    autocomplete_fields = ["organisation", "people"]


@admin.register(RendezVous)
class RendezVousAdmin(admin.ModelAdmin):
    list_display = ["date", "projet", "accompagnant", "duration_minutes"]
    date_hierarchy = "date"


@admin.register(TempsCollectif)
class TempsCollectifAdmin(admin.ModelAdmin):
    list_display = ["date", "theme"]
    autocomplete_fields = ["attendees"]


class FormationSessionInline(admin.TabularInline):
    model = FormationSession
    extra = 0
    autocomplete_fields = ["participants"]


@admin.register(Formation)
class FormationAdmin(admin.ModelAdmin):
    list_display = ["title", "finalised_on"]
    inlines = [FormationSessionInline]


@admin.register(StructureCreee)
class StructureCreeeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "legal_form", "created_on", "projet"]
    list_filter = ["legal_form"]


@admin.register(EmploiCree)
class EmploiCreeAdmin(admin.ModelAdmin):
    list_display = ["projet", "number", "date"]
