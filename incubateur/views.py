"""Staff pages of the incubator (incubator staff and coordination) and its public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, export
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.years import requested_year

from . import indicators
from .forms import (
    AppointmentForm,
    CollectiveMemberForm,
    CollectiveTimeForm,
    CommitteeForm,
    CreatedJobForm,
    CreatedStructureForm,
    DecisionForm,
    FiguresYearForm,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    ReceptionForm,
    StageChangeForm,
    TrainingForm,
    TrainingSessionForm,
    YearFilterForm,
)
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
    Stage,
    Training,
    TrainingSession,
    decision_label,
)

PROGRAMME = Programme.INCUBATEUR

RECEPTION_COLUMNS = {
    "date": ("date",),
    "connu": ("heard_from",),
    "suite": ("follow_up",),
    "projet": ("project__name",),
}
PROJECT_COLUMNS = {"nom": ("name",), "theme": ("theme",), "etape": ("stage_rank",)}
COMMITTEE_COLUMNS = {"date": ("date",)}
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
PROJECT_EXPORT = [
    Column("Projet", lambda row: row.record.name),
    Column("Thématique", lambda row: row.record.get_theme_display()),
    Column("Étape actuelle", lambda row: row.record.get_stage_display()),
    Column("Nom du porteur ou de la porteuse", lambda row: row.person.last_name if row.person else ""),
    Column("Prénom", lambda row: row.person.first_name if row.person else ""),
    Column("Description", lambda row: row.record.description),
]
COMMITTEE_EXPORT = [
    Column("Date", lambda row: row.date),
    Column("Projets présentés", lambda row: row.projects_count),
    Column("Membres présents", lambda row: row.members_count),
    Column(
        "Décisions",
        lambda row: " ; ".join(f"{p.project} : {decision_label(p.decision)}" for p in row.presentations.all()),
    ),
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


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, PROGRAMME)


@require_safe
@programme_required(PROGRAMME)
def home(request):
    year = requested_year(request)
    context = {"year": year, "filters": FiguresYearForm({"annee": year}), "figures": indicators.for_year(year)}
    return render(request, "incubateur/home.html", context)


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


# Projects ---------------------------------------------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def project_list(request):
    filters = ProjectFilterForm(request.GET)
    projects = filters.filter(Project.objects.visible_to(request.user)).with_stage_rank().with_holders(request.user)
    search, projects = apply_search(request, projects)
    sorting, projects = apply_sort(request, projects, PROJECT_COLUMNS, "nom")
    rows = projects.per_person("holders")
    if response := export(request, rows, PROJECT_EXPORT, "projets-incubateur", person=lambda row: row.person_id):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, projects)}
    return render(request, "incubateur/project_list.html", context)


@require_safe
@programme_required(PROGRAMME)
def project_pipeline(request):
    projects = Project.objects.visible_to(request.user).in_progress().with_holders_count()
    columns = [(stage, [p for p in projects if p.stage == stage]) for stage in Stage if stage != Stage.SORTI]
    exited = Project.objects.visible_to(request.user).filter(stage=Stage.SORTI).count()
    return render(request, "incubateur/project_pipeline.html", {"columns": columns, "exited": exited})


@require_safe
def project_detail(request, pk):
    project = get_for_user(request.user, Project.objects.with_file(request.user), pk=pk)
    sessions = CollectiveTime.objects.visible_to(request.user).attended_by_holders_of(project)
    return render(request, "incubateur/project_detail.html", {"project": project, "sessions": sessions})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
@transaction.atomic
def project_create(request):
    form = ProjectCreateForm(request.POST or None, user=request.user)
    if form.is_valid():
        project = form.save()
        data = form.cleaned_data
        project.change_stage(data["stage"], data["stage_date"], "Entrée dans le Tube à ESS'ai.", user=request.user)
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect(project)
    return render(request, "incubateur/project_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_edit(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect(project)
    return render(request, "incubateur/project_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
def project_delete(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(project)
    if request.method == "POST" and not blocked_by:
        project.delete()
        messages.success(request, f"Le projet « {project} » est supprimé.")
        return redirect("incubateur:project_list")
    context = {
        "record": project,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": project.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_stage(request, pk):
    project = get_for_user(request.user, Project.objects.select_for_update(), write=True, pk=pk)
    form = StageChangeForm(request.POST or None, project=project)
    if form.is_valid():
        change = project.change_stage(**form.cleaned_data, user=request.user)
        messages.success(request, f"Le projet « {project} » est passé à l'étape « {change.get_stage_display()} ».")
        return redirect(project)
    return render(request, "incubateur/project_stage.html", {"form": form, "project": project})


# Appointments and what projects created ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def appointment_create(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = AppointmentForm(request.POST or None, instance=Appointment(project=project), user=request.user)
    if form.is_valid():
        appointment = form.save()
        messages.success(request, f"Le rendez-vous du {appointment.date:%d/%m/%Y} est enregistré.")
        return redirect(project)
    return render(request, "incubateur/appointment_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def appointment_edit(request, pk):
    appointment = get_for_user(request.user, Appointment.objects.select_related("project"), write=True, pk=pk)
    form = AppointmentForm(request.POST or None, instance=appointment, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le rendez-vous du {appointment.date:%d/%m/%Y} est enregistré.")
        return redirect(appointment.project)
    context = {"form": form, "appointment": appointment, "project": appointment.project}
    return render(request, "incubateur/appointment_form.html", context)


@require_http_methods(["GET", "POST"])
def appointment_delete(request, pk):
    appointment = get_for_user(request.user, Appointment.objects.select_related("project"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(appointment)
    if request.method == "POST" and not blocked_by:
        appointment.delete()
        messages.success(request, f"Le rendez-vous du {appointment.date:%d/%m/%Y} est supprimé.")
        return redirect(appointment.project)
    context = {
        "record": appointment,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": appointment.project.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def structure_create(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = CreatedStructureForm(request.POST or None, instance=CreatedStructure(project=project), user=request.user)
    if form.is_valid():
        structure = form.save()
        messages.success(request, f"La structure {structure} est enregistrée.")
        return redirect(project)
    return render(request, "incubateur/structure_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def structure_edit(request, pk):
    structure = get_for_user(request.user, CreatedStructure.objects.select_related("project"), write=True, pk=pk)
    form = CreatedStructureForm(request.POST or None, instance=structure, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"La structure {structure} est enregistrée.")
        return redirect(structure.project)
    context = {"form": form, "structure": structure, "project": structure.project}
    return render(request, "incubateur/structure_form.html", context)


@require_http_methods(["GET", "POST"])
def structure_delete(request, pk):
    structure = get_for_user(request.user, CreatedStructure.objects.select_related("project"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(structure)
    if request.method == "POST" and not blocked_by:
        structure.delete()
        messages.success(request, f"La structure {structure} est supprimée.")
        return redirect(structure.project)
    context = {
        "record": structure,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": structure.project.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def job_create(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = CreatedJobForm(request.POST or None, instance=CreatedJob(project=project))
    if form.is_valid():
        job = form.save()
        messages.success(request, f"{job} : enregistré.")
        return redirect(project)
    return render(request, "incubateur/job_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def job_edit(request, pk):
    job = get_for_user(request.user, CreatedJob.objects.select_related("project"), write=True, pk=pk)
    form = CreatedJobForm(request.POST or None, instance=job)
    if form.is_valid():
        form.save()
        messages.success(request, f"{job} : enregistré.")
        return redirect(job.project)
    return render(request, "incubateur/job_form.html", {"form": form, "job": job, "project": job.project})


@require_http_methods(["GET", "POST"])
def job_delete(request, pk):
    job = get_for_user(request.user, CreatedJob.objects.select_related("project"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(job)
    if request.method == "POST" and not blocked_by:
        job.delete()
        messages.success(request, f"{job} : supprimé.")
        return redirect(job.project)
    context = {
        "record": job,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": job.project.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


# Orientation committees and their decisions -----------------------------------------------------


@require_safe
@programme_required(PROGRAMME)
def committee_list(request):
    filters = YearFilterForm(request.GET)
    committees = filters.filter(Committee.objects.visible_to(request.user)).with_counts()
    sorting, committees = apply_sort(request, committees, COMMITTEE_COLUMNS, "-date")
    if response := export(request, committees.with_presentations(), COMMITTEE_EXPORT, "comites-orientation"):
        return response
    context = {"filters": filters, "sorting": sorting, "page": paginate(request, committees)}
    return render(request, "incubateur/committee_list.html", context)


@require_safe
def committee_detail(request, pk):
    committee = get_for_user(request.user, Committee.objects.with_presentations(), pk=pk)
    return render(request, "incubateur/committee_detail.html", {"committee": committee})


@require_http_methods(["GET", "POST"])
@programme_required(PROGRAMME, write=True)
def committee_create(request):
    form = CommitteeForm(request.POST or None, user=request.user)
    if form.is_valid():
        committee = form.save()
        messages.success(request, f"Le comité d'orientation du {committee.date:%d/%m/%Y} est enregistré.")
        return redirect(committee)
    return render(request, "incubateur/committee_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def committee_edit(request, pk):
    committee = get_for_user(request.user, Committee.objects.all(), write=True, pk=pk)
    form = CommitteeForm(request.POST or None, instance=committee, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le comité d'orientation du {committee.date:%d/%m/%Y} est enregistré.")
        return redirect(committee)
    return render(request, "incubateur/committee_form.html", {"form": form, "committee": committee})


@require_http_methods(["GET", "POST"])
def committee_delete(request, pk):
    committee = get_for_user(request.user, Committee.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(committee)
    if request.method == "POST" and not blocked_by:
        committee.delete()
        messages.success(request, f"Le comité d'orientation du {committee.date:%d/%m/%Y} est supprimé.")
        return redirect("incubateur:committee_list")
    context = {
        "record": committee,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": committee.get_absolute_url(),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def presentation_edit(request, pk):
    presentations = Presentation.objects.select_related("committee", "project").select_for_update()
    presentation = get_for_user(request.user, presentations, write=True, pk=pk)
    form = DecisionForm(request.POST or None, presentation=presentation)
    if form.is_valid():
        presentation.record_decision(**form.cleaned_data, user=request.user)
        messages.success(request, f"La décision sur le projet « {presentation.project} » est enregistrée.")
        return redirect(presentation.committee)
    return render(request, "incubateur/presentation_form.html", {"form": form, "presentation": presentation})


@require_http_methods(["GET", "POST"])
def presentation_delete(request, pk):
    presentations = Presentation.objects.select_related("committee", "project")
    presentation = get_for_user(request.user, presentations, write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(presentation)
    if request.method == "POST" and not blocked_by:
        presentation.delete()
        messages.success(request, f"La présentation du projet « {presentation.project} » est supprimée.")
        return redirect(presentation.committee)
    context = {
        "record": presentation,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": presentation.committee.get_absolute_url(),
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
