from django.contrib import admin

from .models import (
    Appointment,
    CollectiveMember,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Reception,
    StageChange,
    Training,
    TrainingSession,
)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["previous_stage", "presentation", "recorded_by", "created_at"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "stage"]
    list_filter = ["stage", "theme"]
    search_fields = ["name"]
    autocomplete_fields = ["holders"]
    inlines = [StageChangeInline]


@admin.register(Reception)
class ReceptionAdmin(admin.ModelAdmin):
    list_display = ["date", "follow_up", "project"]
    date_hierarchy = "date"
    autocomplete_fields = ["persons", "project"]


class PresentationInline(admin.TabularInline):
    model = Presentation
    extra = 0
    autocomplete_fields = ["project"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["date"]
    inlines = [PresentationInline]


@admin.register(CollectiveMember)
class CollectiveMemberAdmin(admin.ModelAdmin):
    list_display = ["organisation", "joined_on", "left_on"]
    autocomplete_fields = ["organisation", "people"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["date", "project", "member", "duration_minutes"]
    date_hierarchy = "date"


@admin.register(CollectiveTime)
class CollectiveTimeAdmin(admin.ModelAdmin):
    list_display = ["date", "theme"]
    autocomplete_fields = ["attendees"]


class TrainingSessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0
    autocomplete_fields = ["participants"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "finalised_on"]
    inlines = [TrainingSessionInline]


@admin.register(CreatedStructure)
class CreatedStructureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "legal_form", "created_on", "project"]
    list_filter = ["legal_form"]


@admin.register(CreatedJob)
class CreatedJobAdmin(admin.ModelAdmin):
    list_display = ["project", "number", "date"]
