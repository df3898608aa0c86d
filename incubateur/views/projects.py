"""The incubator's pages: its public page and staff home, projects with their stages, appointments,
what they created, and the committees that decide on them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, export
from cbe_portal.permissions import Programme, get_for_user, programme_required
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.years import requested_year

from .. import indicators
from ..forms import (
    AppointmentForm,
    CommitteeForm,
    CreatedJobForm,
    CreatedStructureForm,
    DecisionForm,
    FiguresYearForm,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    StageChangeForm,
    YearFilterForm,
)
from ..models import (
    Appointment,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Presentation,
    Project,
    Stage,
    decision_label,
)

PROGRAMME = Programme.INCUBATEUR
PROJECT_COLUMNS = {"nom": ("name",), "theme": ("theme",), "etape": ("stage_rank",)}
COMMITTEE_COLUMNS = {"date": ("date",)}

# What each list exports (cbe_portal.exports). Lists of people take one line per person
# (`per_person`), so that the export records whose data went out.
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
