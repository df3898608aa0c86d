from django.contrib import admin

from .models import CompanyVisit, Employer, EmployerAction, InsertionHours, JobOffer, Market, Match, Project, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "sector"]
    list_filter = ["sector"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "sector"]


@admin.register(EmployerAction)
class EmployerActionAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "employer", "staff"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    autocomplete_fields = ["employer"]
    list_select_related = ["employer__organisation", "staff"]


@admin.register(JobOffer)
class JobOfferAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "employer", "contract_type"]
    list_filter = ["contract_type"]
    search_fields = ["title", "employer__organisation__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["employer"]
    list_select_related = ["employer__organisation"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["date", "offer", "person", "outcome"]
    list_filter = ["outcome"]
    autocomplete_fields = ["offer", "person"]
    list_select_related = ["offer__employer__organisation", "person"]


@admin.register(CompanyVisit)
class CompanyVisitAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "participants"]
    list_filter = ["kind"]


class InsertionHoursInline(admin.TabularInline):
    model = InsertionHours
    autocomplete_fields = ["person", "company"]
    extra = 0


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["title", "buyer", "year", "hours_required"]
    list_filter = ["year"]
    search_fields = ["title", "buyer__name"]
    autocomplete_fields = ["buyer"]
    inlines = [InsertionHoursInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "status"]
    filter_horizontal = ["partners"]
