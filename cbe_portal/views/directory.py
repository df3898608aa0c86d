"""Staff pages of the shared directory: organisations and people."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import OrganisationForm, PersonForm, SearchForm
from ..models import Organisation
from ..permissions import check_directory, persons_for_user

PAGE_SIZE = 25


def _search_page(request, queryset):
    search = SearchForm(request.GET)
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.search(search.cleaned_data["q"])
    return search, Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_data(request):
    """(data, files) for a form: bound on POST, even to an empty body; unbound on GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def organisation_list(request):
    check_directory(request.user)
    search, page = _search_page(request, Organisation.objects.select_related("commune"))
    return render(request, "cbe_portal/organisation_list.html", {"search": search, "page": page})


def organisation_detail(request, pk):
    check_directory(request.user)
    organisation = get_object_or_404(Organisation.objects.select_related("commune"), pk=pk)
    contacts = organisation.contacts.select_related("person")
    return render(
        request,
        "cbe_portal/organisation_detail.html",
        {"organisation": organisation, "contacts": contacts},
    )


@require_http_methods(["GET", "POST"])
@transaction.atomic
def organisation_form(request, pk=None):
    check_directory(request.user, write=True)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(*_form_data(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, f"L'organisation « {organisation} » est enregistrée.")
        return redirect(organisation)
    return render(request, "cbe_portal/organisation_form.html", {"form": form, "organisation": organisation})


def person_list(request):
    check_directory(request.user)
    people = persons_for_user(request.user).select_related("commune")
    search, page = _search_page(request, people)
    return render(request, "cbe_portal/person_list.html", {"search": search, "page": page})


def person_detail(request, pk):
    check_directory(request.user)
    person = get_object_or_404(persons_for_user(request.user).select_related("commune"), pk=pk)
    contacts = person.contacts.select_related("organisation")
    return render(request, "cbe_portal/person_detail.html", {"person": person, "contacts": contacts})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def person_form(request, pk=None):
    check_directory(request.user, write=True)
    person = get_object_or_404(persons_for_user(request.user), pk=pk) if pk else None
    form = PersonForm(*_form_data(request), instance=person)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, f"La fiche de {person} est enregistrée.")
        return redirect(person)
    return render(request, "cbe_portal/person_form.html", {"form": form, "person": person})
