from django.contrib import admin

from .models import Declaration, LockedYear, Membership, Project, Publication, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "joined_on", "left_on", "is_observer"]
    list_filter = ["is_observer"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "status", "started_on", "ended_on"]
    list_filter = ["theme", "status"]
    autocomplete_fields = ["organisations"]


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["membership", "year", "emplois", "emplois_permanents", "chiffre_affaires"]
    list_filter = ["year"]
    list_select_related = ["membership__organisation"]


admin.site.register(LockedYear)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year"]
    list_filter = ["kind"]
