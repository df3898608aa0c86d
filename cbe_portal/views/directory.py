"""Staff pages of the shared directory: organisations and people."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .. import audit, gdpr, merge
from ..exports import Column, export
from ..forms import MergeForm, OrganisationForm, PersonForm
from ..models import AccessLog, Organisation, Person
from ..permissions import can_manage_site, can_merge, check_directory, get_for_user
from .pages import apply_search, apply_sort, paginate

ORGANISATION_COLUMNS = {"nom": ("name",), "commune": ("commune__name", "name")}
PERSON_COLUMNS = {"nom": ("last_name", "first_name"), "commune": ("commune__name", "last_name", "first_name")}
ORGANISATION_EXPORT = [
    Column("Nom", lambda o: o.name),
    Column("Type", lambda o: o.get_kind_display()),
    Column("SIRET", lambda o: o.siret),
    Column("ESS", lambda o: o.is_ess),
    Column("Commune", lambda o: o.commune and o.commune.name),
    Column("Courriel", lambda o: o.email),
    Column("Téléphone", lambda o: o.phone),
]
PERSON_EXPORT = [  # the headers of the `personnes` import format: an export imports back
    Column("Nom", lambda p: p.last_name),
    Column("Prénom", lambda p: p.first_name),
    Column("Genre", lambda p: p.get_gender_display()),
    Column("Date de naissance", lambda p: p.birth_date),
    Column("Adresse", lambda p: p.address),
    Column("Commune", lambda p: p.commune and p.commune.name),
    Column("Courriel", lambda p: p.email),
    Column("Téléphone", lambda p: p.phone),
]


@require_safe
def organisation_list(request):
    check_directory(request.user)
    organisations = Organisation.objects.visible_to(request.user).select_related("commune")
    search, organisations = apply_search(request, organisations)
    sorting, organisations = apply_sort(request, organisations, ORGANISATION_COLUMNS, "nom")
    if response := export(request, organisations, ORGANISATION_EXPORT, "organisations"):
        return response
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
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        organisation = form.save()
        messages.success(request, f"L'organisation « {organisation} » est enregistrée.")
        return redirect(organisation)
    return render(request, "cbe_portal/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def organisation_edit(request, pk):
    organisation = get_for_user(request.user, Organisation.objects.all(), write=True, pk=pk)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
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
    if response := export(request, people, PERSON_EXPORT, "personnes", person=lambda p: p.pk):
        return response
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
    form = PersonForm(request.POST or None, user=request.user)
    if form.is_valid():
        person = form.save()
        messages.success(request, f"La fiche de {person} est enregistrée.")
        return redirect(person)
    return render(request, "cbe_portal/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def person_edit(request, pk):
    person = get_for_user(request.user, Person.objects.all(), write=True, pk=pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"La fiche de {person} est enregistrée.")
        return redirect(person)
    return render(request, "cbe_portal/person_form.html", {"form": form, "person": person})


def merge_page(request, kept):
    """Merge another record into `kept` (a person or an organisation): choose, confirm, merge."""
    if not can_merge(request.user):
        raise PermissionDenied("La fusion de fiches est réservée à la coordination.")
    form = MergeForm(request.POST or None, kept=kept)
    moves = None
    if form.is_valid():
        other = form.cleaned_data["other"]
        if form.cleaned_data["confirmed"]:
            try:
                merge.merge(kept, other, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"« {other} » est fusionnée dans « {kept} ».")
                return redirect(kept)
        else:
            form = MergeForm(initial={"other": other, "confirmed": True}, kept=kept)
        moves = merge.what_moves(other)
    return render(request, "cbe_portal/merge_form.html", {"form": form, "kept": kept, "moves": moves})


@require_http_methods(["GET", "POST"])
def person_merge(request, pk):
    return merge_page(request, get_for_user(request.user, Person.objects.all(), write=True, pk=pk))


@require_http_methods(["GET", "POST"])
def organisation_merge(request, pk):
    return merge_page(request, get_for_user(request.user, Organisation.objects.all(), write=True, pk=pk))


@require_safe
def person_privacy(request, pk):
    """Coordination's page of a person's data rights: who read the file, the export, the anonymisation."""
    if not can_manage_site(request.user):
        raise PermissionDenied("Les demandes d'accès et d'effacement sont traitées par la coordination.")
    person = get_for_user(request.user, Person.objects.all(), write=True, pk=pk)
    if request.GET.get("export") == "json":
        AccessLog.record(request.user, [person.pk], AccessLog.Action.EXPORT, "droit d'accès : toutes les données")
        response = HttpResponse(gdpr.export_person(person), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="donnees-personne-{person.pk}.json"'
        return response
    logs = person.access_logs.select_related("user")[:200]
    context = {"person": person, "logs": logs, "history": audit.readable_history(person)}
    return render(request, "cbe_portal/person_privacy.html", context)


@require_http_methods(["GET", "POST"])
def person_anonymise(request, pk):
    if not can_manage_site(request.user):
        raise PermissionDenied("Les demandes d'accès et d'effacement sont traitées par la coordination.")
    person = get_for_user(request.user, Person.objects.all(), write=True, pk=pk)
    if request.method == "POST":
        gdpr.anonymise(person)
        messages.success(request, "La personne est anonymisée : ses noms et coordonnées sont effacés.")
        return redirect(person)
    return render(request, "cbe_portal/person_anonymise.html", {"person": person})
