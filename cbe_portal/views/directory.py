"""Staff pages of the shared directory: organisations and people."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from ..forms import OrganisationForm, PersonForm
from ..models import Organisation, Person
from ..permissions import check_directory, get_for_user
from .pages import apply_search, apply_sort, paginate

ORGANISATION_COLUMNS = {"nom": ("name",), "commune": ("commune__name", "name")}
PERSON_COLUMNS = {"nom": ("last_name", "first_name"), "commune": ("commune__name", "last_name", "first_name")}


@require_safe
def organisation_list(request):
    check_directory(request.user)
    organisations = Organisation.objects.visible_to(request.user).select_related("commune")
    search, organisations = apply_search(request, organisations)
    sorting, organisations = apply_sort(request, organisations, ORGANISATION_COLUMNS, "nom")
    context = {"search": search, "sorting": sorting, "page": paginate(request, organisations)}
    return render(request, "cbe_portal/organisation_list.html", context)


@require_safe
def organisation_detail(request, pk):
    organisation = get_for_user(request.user, Organisation.objects.select_related("commune"), pk=pk)
    contacts = organisation.contacts.select_related("person")
    context = {"organisation": organisation, "contacts": contacts}
    return render(request, "cbe_portal/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
def organisation_create(request):
    check_directory(request.user, write=True)
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        organisation = form.save()
        messages.success(request, f"L'organisation « {organisation} » est enregistrée.")
        return redirect(organisation)
    return render(request, "cbe_portal/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def organisation_edit(request, pk):
    organisation = get_for_user(request.user, Organisation.objects.all(), write=True, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'organisation « {organisation} » est enregistrée.")
        return redirect(organisation)
    return render(request, "cbe_portal/organisation_form.html", {"form": form, "organisation": organisation})


@require_safe
def person_list(request):
    check_directory(request.user)
    people = Person.objects.visible_to(request.user).select_related("commune")
    search, people = apply_search(request, people)
    sorting, people = apply_sort(request, people, PERSON_COLUMNS, "nom")
    context = {"search": search, "sorting": sorting, "page": paginate(request, people)}
    return render(request, "cbe_portal/person_list.html", context)


@require_safe
def person_detail(request, pk):
    person = get_for_user(request.user, Person.objects.select_related("commune"), pk=pk)
    contacts = person.contacts.select_related("organisation")
    return render(request, "cbe_portal/person_detail.html", {"person": person, "contacts": contacts})


@require_http_methods(["GET", "POST"])
def person_create(request):
    check_directory(request.user, write=True)
    form = PersonForm(request.POST or None)
    if form.is_valid():
        person = form.save()
        messages.success(request, f"La fiche de {person} est enregistrée.")
        return redirect(person)
    return render(request, "cbe_portal/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def person_edit(request, pk):
    person = get_for_user(request.user, Person.objects.all(), write=True, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if form.is_valid():
        form.save()
        messages.success(request, f"La fiche de {person} est enregistrée.")
        return redirect(person)
    return render(request, "cbe_portal/person_form.html", {"form": form, "person": person})
