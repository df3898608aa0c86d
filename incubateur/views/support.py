"""The incubator's pages on how it supports holders: first receptions, collective sessions,
trainings and the accompanying collective."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, export
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, apply_sort, paginate

from ..forms import (
    CollectiveMemberForm,
    CollectiveTimeForm,
    ReceptionForm,
    TrainingForm,
    TrainingSessionForm,
    YearFilterForm,
)
from ..models import (
    CollectiveMember,
    CollectiveTime,
    Reception,
    Training,
    TrainingSession,
)

PROGRAMME = Programme.INCUBATEUR
RECEPTION_COLUMNS = {
    "date": ("date",),
    "connu": ("heard_from",),
    "suite": ("follow_up",),
    "projet": ("project__name",),
}
COLLECTIVE_TIME_COLUMNS = {"date": ("date",), "theme": ("theme",)}
TRAINING_COLUMNS = {"intitule": ("title",), "finalisation": ("finalised_on",)}
MEMBER_COLUMNS = {"structure": ("organisation__name",), "entree": ("joined_on",)}

# What each list exports (cbe_portal.exports). Lists of people take one line per person
# (`per_person`), so that the export records whose data went out.
RECEPTION_EXPORT = [
    Column("Date", lambda row: row.record.date),
    Column("Nom", lambda row: row.person.last_name if row.person else ""),
    Column("Prénom", lambda row: row.person.first_name if row.person else ""),
    Column("Idée discutée", lambda row: row.record.idea),
    Column("Connaissance de l'incubateur par", lambda row: row.record.get_heard_from_display()),
    Column("Suite donnée", lambda row: row.record.get_follow_up_display()),
    Column("Projet", lambda row: row.record.project.name if row.record.project else ""),
]
COLLECTIVE_TIME_EXPORT = [
    Column("Date", lambda row: row.date),
    Column("Thème", lambda row: row.theme),
    Column("Porteur·ses présent·es", lambda row: row.attendees_count),
]
TRAINING_EXPORT = [
    Column("Intitulé", lambda row: row.title),
    Column("Finalisée le", lambda row: row.finalised_on),
    Column("Sessions", lambda row: row.sessions_count),
    Column("Description", lambda row: row.description),
]
MEMBER_EXPORT = [
    Column("Structure", lambda row: row.record.organisation.name),
    Column("Membre depuis le", lambda row: row.record.joined_on),
    Column("Sorti du collectif le", lambda row: row.record.left_on),
    Column("Nom de l'accompagnant·e", lambda row: row.person.last_name if row.person else ""),
    Column("Prénom", lambda row: row.person.first_name if row.person else ""),
]


# First receptions -------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def reception_list(request):
    filters = YearFilterForm(request.GET)
    receptions = filters.filter(Reception.objects.visible_to(request.user)).with_persons(request.user)
    search, receptions = apply_search(request, receptions)
    sorting, receptions = apply_sort(request, receptions, RECEPTION_COLUMNS, "-date")
    rows = receptions.per_person("persons")
    if response := export(request, rows, RECEPTION_EXPORT, "premiers-accueils", person=lambda row: row.person_id):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, receptions)}
    return render(request, "incubateur/reception_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
def reception_create(request):
    form = ReceptionForm(request.POST or None, user=request.user)
    if form.is_valid():
        reception = form.save()
        messages.success(request, f"Le premier accueil du {reception.date:%d/%m/%Y} est enregistré.")
        return redirect("incubateur:reception_list")
    return render(request, "incubateur/reception_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def reception_edit(request, pk):
    reception = get_for_user(request.user, Reception.objects.all(), write=True, pk=pk)
    form = ReceptionForm(request.POST or None, instance=reception, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le premier accueil du {reception.date:%d/%m/%Y} est enregistré.")
        return redirect("incubateur:reception_list")
    return render(request, "incubateur/reception_form.html", {"form": form, "reception": reception})


@require_http_methods(["GET", "POST"])
def reception_delete(request, pk):
    reception = get_for_user(request.user, Reception.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(reception)
    if request.method == "POST" and not blocked_by:
        reception.delete()
        messages.success(request, f"Le premier accueil du {reception.date:%d/%m/%Y} est supprimé.")
        return redirect("incubateur:reception_list")
    context = {
        "record": reception,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("incubateur:reception_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Collective sessions ----------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def collective_time_list(request):
    filters = YearFilterForm(request.GET)
    sessions = filters.filter(CollectiveTime.objects.visible_to(request.user)).with_attendees_count()
    sorting, sessions = apply_sort(request, sessions, COLLECTIVE_TIME_COLUMNS, "-date")
    if response := export(request, sessions, COLLECTIVE_TIME_EXPORT, "temps-collectifs"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, sessions)}
    return render(request, "incubateur/collective_time_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
def collective_time_create(request):
    form = CollectiveTimeForm(request.POST or None, user=request.user)
    if form.is_valid():
        session = form.save()
        messages.success(request, f"Le temps collectif « {session} » est enregistré.")
        return redirect("incubateur:collective_time_list")
    return render(request, "incubateur/collective_time_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def collective_time_edit(request, pk):
    session = get_for_user(request.user, CollectiveTime.objects.all(), write=True, pk=pk)
    form = CollectiveTimeForm(request.POST or None, instance=session, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le temps collectif « {session} » est enregistré.")
        return redirect("incubateur:collective_time_list")
    return render(request, "incubateur/collective_time_form.html", {"form": form, "session": session})


@require_http_methods(["GET", "POST"])
def collective_time_delete(request, pk):
    session = get_for_user(request.user, CollectiveTime.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(session)
    if request.method == "POST" and not blocked_by:
        session.delete()
        messages.success(request, f"Le temps collectif « {session} » est supprimé.")
        return redirect("incubateur:collective_time_list")
    context = {
        "record": session,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("incubateur:collective_time_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Trainings --------------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def training_list(request):
    search, trainings = apply_search(request, Training.objects.visible_to(request.user).with_sessions_count())
    sorting, trainings = apply_sort(request, trainings, TRAINING_COLUMNS, "intitule")
    if response := export(request, trainings, TRAINING_EXPORT, "formations"):
        return response
    context = {"search": search, "sorting": sorting, "page": paginate(request, trainings)}
    return render(request, "incubateur/training_list.html", context)


@require_safe
def training_detail(request, pk):
    training = get_for_user(request.user, Training.objects.with_sessions(), pk=pk)
    return render(request, "incubateur/training_detail.html", {"training": training})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
def training_create(request):
    form = TrainingForm(request.POST or None)
    if form.is_valid():
        training = form.save()
        messages.success(request, f"La formation « {training} » est enregistrée.")
        return redirect(training)
    return render(request, "incubateur/training_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def training_edit(request, pk):
    training = get_for_user(request.user, Training.objects.all(), write=True, pk=pk)
    form = TrainingForm(request.POST or None, instance=training)
    if form.is_valid():
        form.save()
        messages.success(request, f"La formation « {training} » est enregistrée.")
        return redirect(training)
    return render(request, "incubateur/training_form.html", {"form": form, "training": training})


@require_http_methods(["GET", "POST"])
def training_delete(request, pk):
    training = get_for_user(request.user, Training.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(training)
    if request.method == "POST" and not blocked_by:
        training.delete()
        messages.success(request, f"La formation « {training} » est supprimée.")
        return redirect("incubateur:training_list")
    context = {
        "record": training,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": training.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def training_session_create(request, pk):
    training = get_for_user(request.user, Training.objects.all(), write=True, pk=pk)
    form = TrainingSessionForm(request.POST or None, instance=TrainingSession(training=training), user=request.user)
    if form.is_valid():
        session = form.save()
        messages.success(request, f"La session « {session} » est enregistrée.")
        return redirect(training)
    return render(request, "incubateur/training_session_form.html", {"form": form, "training": training})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def training_session_edit(request, pk):
    session = get_for_user(request.user, TrainingSession.objects.select_related("training"), write=True, pk=pk)
    form = TrainingSessionForm(request.POST or None, instance=session, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"La session « {session} » est enregistrée.")
        return redirect(session.training)
    context = {"form": form, "session": session, "training": session.training}
    return render(request, "incubateur/training_session_form.html", context)


@require_http_methods(["GET", "POST"])
def training_session_delete(request, pk):
    session = get_for_user(request.user, TrainingSession.objects.select_related("training"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(session)
    if request.method == "POST" and not blocked_by:
        session.delete()
        messages.success(request, f"La session « {session} » est supprimée.")
        return redirect(session.training)
    context = {
        "record": session,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": session.training.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# The accompanying collective --------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def member_list(request):
    members = CollectiveMember.objects.visible_to(request.user).with_people(request.user)
    sorting, members = apply_sort(request, members, MEMBER_COLUMNS, "structure")
    rows = members.per_person("people")
    if response := export(request, rows, MEMBER_EXPORT, "collectif-accompagnement", person=lambda row: row.person_id):
        return response
    return render(request, "incubateur/member_list.html", {"sorting": sorting, "page": paginate(request, members)})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
def member_create(request):
    form = CollectiveMemberForm(request.POST or None, user=request.user)
    if form.is_valid():
        member = form.save()
        messages.success(request, f"{member} : membre du collectif enregistré.")
        return redirect("incubateur:member_list")
    return render(request, "incubateur/member_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def member_edit(request, pk):
    member = get_for_user(request.user, CollectiveMember.objects.select_related("organisation"), write=True, pk=pk)
    form = CollectiveMemberForm(request.POST or None, instance=member, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"{member} : membre du collectif enregistré.")
        return redirect("incubateur:member_list")
    return render(request, "incubateur/member_form.html", {"form": form, "member": member})


@require_http_methods(["GET", "POST"])
def member_delete(request, pk):
    member = get_for_user(request.user, CollectiveMember.objects.select_related("organisation"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(member)
    if request.method == "POST" and not blocked_by:
        member.delete()
        messages.success(request, f"{member} : retiré du collectif d'accompagnement.")
        return redirect("incubateur:member_list")
    context = {
        "record": member,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("incubateur:member_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)
