from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Commune, Contact, Organisation, Person, User


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "insee_code", "postal_code", "departement", "epci"]
    search_fields = ["name", "insee_code", "postal_code"]


class ContactInline(admin.TabularInline):
    model = Contact
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_ess", "commune"]
    list_filter = ["kind", "is_ess"]
    search_fields = ["name", "siret"]
    autocomplete_fields = ["commune"]
    inlines = [ContactInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "commune"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["commune"]


@admin.register(User)
class CbeUserAdmin(UserAdmin):
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Portail", {"fields": ["person", "organisation"]}),
    ]
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["groups", "is_active"]
    autocomplete_fields = ["person", "organisation"]
