"""Staff pages of the shared directory: organisations and people."""

from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from ..forms import OrganisationForm, PersonForm
from ..models import Organisation
from ..permissions import check_directory, persons_for_user
from .pages import apply_search, form_data, paginate, save_form


@require_safe
def organisation_list(request):
    check_directory(request.user)
    search, organisations = apply_search(request, Organisation.objects.select_related("commune"))
    context = {"search": search, "page": paginate(request, organisations)}
    return render(request, "cbe_portal/organisation_list.html", context)


@require_safe
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
    form = OrganisationForm(*form_data(request), instance=organisation)
    context = {"organisation": organisation}
    message = "L'organisation « {} » est enregistrée."
    return save_form(request, form, "cbe_portal/organisation_form.html", context, message)


@require_safe
def person_list(request):
    check_directory(request.user)
    people = persons_for_user(request.user).select_related("commune")
    search, people = apply_search(request, people)
    return render(request, "cbe_portal/person_list.html", {"search": search, "page": paginate(request, people)})


@require_safe
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
    form = PersonForm(*form_data(request), instance=person)
    message = "La fiche de {} est enregistrée."
    return save_form(request, form, "cbe_portal/person_form.html", {"person": person}, message)
