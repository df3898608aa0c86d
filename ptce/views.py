from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cbe_portal import deletion
from cbe_portal.exports import Column, csv_response, export
from cbe_portal.permissions import (
    Programme,
    can_declare,
    can_edit_organisation_profile,
    can_lock_years,
    can_see_declarations,
    can_see_member_contacts,
    get_for_user,
    member_organisation,
    programme_required,
)
from cbe_portal.publication import locked_years, published_years
from cbe_portal.views.pages import apply_search, apply_sort, paginate
from cbe_portal.views.public import render_programme_page
from cbe_portal.years import latest_complete_year, requested_year

from . import indicators
from .forms import (
    DeclarationFilterForm,
    DeclarationForm,
    DirectoryFilterForm,
    MemberProfileForm,
    MembershipFilterForm,
    MembershipForm,
    ProjectFilterForm,
    ProjectForm,
    PublicationForm,
    ThemeForm,
)
from .models import FIGURE_FIELDS, Declaration, LockedYear, Membership, Project, Publication, Theme

PTCE = Programme.PTCE
LOCKED_YEAR = "La coordination a verrouillé cette année : ses déclarations ne changent plus."
# The sortable columns of the staff lists (see apply_sort).
MEMBERSHIP_COLUMNS = {"membre": ("organisation__name",), "adhesion": ("joined_on",), "sortie": ("left_on",)}
THEME_COLUMNS = {"ordre": ("position", "name"), "nom": ("name",)}
PROJECT_COLUMNS = {
    "projet": ("name",),
    "thematique": ("theme__position", "theme__name", "name"),
    "statut": ("status", "name"),
    "debut": ("started_on", "name"),
}
PUBLIC_PUBLICATIONS = 10  # the latest ones on the public page, whatever their number
PUBLICATION_COLUMNS = {"titre": ("title",), "type": ("kind", "title"), "annee": ("year", "title")}
DECLARATION_COLUMNS = {"membre": ("organisation__name",), "declaration": ("declared", "organisation__name")}

# What each list exports (cbe_portal.exports): its columns and the useful details.
DIRECTORY_EXPORT = [
    Column("Nom", lambda m: m.organisation.name),
    Column("Type", lambda m: m.organisation.get_kind_display()),
    Column("Thématiques", lambda m: ", ".join(theme.name for theme in m.themes.all())),
    Column("Commune", lambda m: m.organisation.commune.name if m.organisation.commune_id else ""),
    Column("Site web", lambda m: m.organisation.website),
    Column("Courriel", lambda m: m.organisation.email),
    Column("Téléphone", lambda m: m.organisation.phone),
    Column("Contacts", lambda m: " | ".join(
        " ".join(filter(None, [str(c.person), f"({c.role})", c.email, c.phone])) for c in m.organisation.contacts.all()
    )),
]  # fmt: skip
MEMBERSHIP_EXPORT = [
    Column("Membre", lambda m: m.organisation.name),
    Column("Type", lambda m: m.organisation.get_kind_display()),
    Column("Commune", lambda m: m.organisation.commune.name if m.organisation.commune_id else ""),
    Column("Adhésion", lambda m: m.joined_on),
    Column("Sortie", lambda m: m.left_on),
    Column("Statut", lambda m: m.get_status_display()),
    Column("Thématiques", lambda m: ", ".join(theme.name for theme in m.themes.all())),
    Column("Site web", lambda m: m.organisation.website),
    Column("Courriel", lambda m: m.organisation.email),
    Column("Téléphone", lambda m: m.organisation.phone),
]
THEME_EXPORT = [
    Column("Ordre", lambda t: t.position),
    Column("Thématique", lambda t: t.name),
    Column("Description", lambda t: t.description),
]
PROJECT_EXPORT = [
    Column("Projet", lambda p: p.name),
    Column("Thématique", lambda p: p.theme.name),
    Column("Statut", lambda p: p.get_status_display()),
    Column("Membres", lambda p: ", ".join(organisation.name for organisation in p.organisations.all())),
    Column("Début", lambda p: p.started_on),
    Column("Fin", lambda p: p.ended_on),
    Column("Description", lambda p: p.description),
]
PUBLICATION_EXPORT = [
    Column("Titre", lambda p: p.title),
    Column("Type", lambda p: p.get_kind_display()),
    Column("Année", lambda p: p.year),
    Column("Fichier joint", lambda p: bool(p.file)),
    Column("Lien", lambda p: p.link),
    Column("Description", lambda p: p.description),
]
DECLARATION_EXPORT = [
    Column("Membre", lambda m: m.organisation.name),
    Column("Déclaration", lambda m: "déclarée" if m.year_declarations else "non déclarée"),
    *(
        Column(
            Declaration._meta.get_field(name).verbose_name.capitalize(),
            lambda m, name=name: getattr(m.year_declarations[0], name) if m.year_declarations else None,
        )
        for name in FIGURE_FIELDS
    ),
]

# Public pages (partners see more on the same pages) ---------------------------------------------


@login_not_required
@require_safe
def public_page(request):
    # The year's projects come with its published figures; partners also see today's, with their members.
    partner_view = can_see_member_contacts(request.user)
    themes = Theme.objects.all()
    if partner_view:
        themes = themes.prefetch_related(Prefetch("projects", Project.objects.with_organisations()))
    context = {
        "themes": themes,
        # The latest ones, whatever their number (one more read tells whether there are older ones).
        "publications": Publication.objects.all()[: PUBLIC_PUBLICATIONS + 1],
        "latest_publications": PUBLIC_PUBLICATIONS,
        "partner_view": partner_view,
        "is_member": member_organisation(request.user) is not None,
    }
    return render_programme_page(request, Programme.PTCE, context)


@login_not_required
@require_safe
def member_list(request):
    filters = DirectoryFilterForm(request.GET)
    page = paginate(request, filters.filter(Membership.objects.current().for_directory()))
    context = {"filters": filters, "page": page, "partner_view": can_see_member_contacts(request.user)}
    return render(request, "ptce/member_list.html", context)


@login_not_required
@require_safe
def member_detail(request, pk):
    partner_view = can_see_member_contacts(request.user)
    memberships = Membership.objects.for_directory().with_projects()
    if partner_view:
        memberships = memberships.with_contacts()
    membership = get_object_or_404(memberships, pk=pk)
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "partner_view": partner_view,
        "can_edit": can_edit_organisation_profile(request.user, membership.organisation),
    }
    return render(request, "ptce/member_detail.html", context)


@login_not_required
@require_safe
def member_map(request):
    memberships = Membership.objects.current().select_related("organisation__commune")
    points = [point for membership in memberships if (point := membership.map_point())]
    return render(request, "ptce/member_map.html", {"memberships": memberships, "points": points})


@require_safe
def member_export(request):
    if not can_see_member_contacts(request.user):
        raise PermissionDenied("L'export de l'annuaire est réservé aux partenaires du PTCE.")
    memberships = Membership.objects.current().for_directory().with_contacts()
    return csv_response(memberships, DIRECTORY_EXPORT, "ptce-membres")


@require_safe
def figures_by_year(request):
    if not can_see_member_contacts(request.user):
        raise PermissionDenied("Les chiffres année par année sont réservés aux partenaires du PTCE.")
    context = {"years": indicators.by_year(), "published": set(published_years())}
    return render(request, "ptce/figures_by_year.html", context)


# Members (and staff): a member's profile and yearly declarations --------------------------------


@require_safe
def member_space(request):
    organisation = member_organisation(request.user)
    if organisation is None:
        raise PermissionDenied("Cet espace est celui des membres du PTCE.")
    membership = Membership.objects.filter(organisation=organisation).select_related("organisation").first()
    context = {"organisation": organisation, "membership": membership}
    if membership:
        declarations = list(membership.declarations.all())
        by_year = {declaration.year: declaration for declaration in declarations}
        context |= {
            "declarations": declarations,
            "years": [(year, by_year.get(year)) for year in membership.declaration_years()],
            "locked_years": set(LockedYear.objects.values_list("year", flat=True)) | locked_years(),
        }
    return render(request, "ptce/member_space.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def profile_edit(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not can_edit_organisation_profile(request.user, membership.organisation):
        raise PermissionDenied("Vous ne pouvez modifier que la fiche de votre organisation.")
    form = MemberProfileForm(request.POST or None, instance=membership.organisation)
    if form.is_valid():
        form.save()
        messages.success(request, f"La fiche de « {membership} » est enregistrée.")
        return redirect(membership)
    return render(request, "ptce/profile_form.html", {"form": form, "membership": membership})


@require_http_methods(["GET", "POST"])
def declaration_create(request, pk, year):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not can_see_declarations(request.user, membership.organisation):
        raise Http404
    if declaration := membership.declarations.filter(year=year).first():
        return redirect(declaration)
    locked = LockedYear.is_locked(year)
    editable = can_declare(request.user, membership.organisation, locked)
    if request.method == "POST" and not editable:
        raise PermissionDenied(
            LOCKED_YEAR if locked else "Votre rôle permet de consulter ces chiffres, pas de les déclarer."
        )
    form = DeclarationForm(request.POST or None, instance=Declaration(membership=membership, year=year))
    if form.is_valid():
        form.save()
        messages.success(request, f"Les chiffres {year} de « {membership} » sont enregistrés.")
        if member_organisation(request.user):
            return redirect("ptce:member_space")
        return redirect(f"{reverse('ptce:declaration_list')}?annee={year}")
    context = {"form": form, "membership": membership, "year": year, "locked": locked, "editable": editable}
    context["published"] = year in locked_years()
    return render(request, "ptce/declaration_form.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def declaration_edit(request, pk):
    declaration = get_object_or_404(Declaration.objects.select_related("membership__organisation"), pk=pk)
    membership, year = declaration.membership, declaration.year
    if not can_see_declarations(request.user, membership.organisation):
        raise Http404
    locked = LockedYear.is_locked(year)
    editable = can_declare(request.user, membership.organisation, locked)
    if request.method == "POST" and not editable:
        raise PermissionDenied(
            LOCKED_YEAR if locked else "Votre rôle permet de consulter ces chiffres, pas de les corriger."
        )
    form = DeclarationForm(request.POST or None, instance=declaration)
    if form.is_valid():
        form.save()
        messages.success(request, f"Les chiffres {year} de « {membership} » sont enregistrés.")
        if member_organisation(request.user):
            return redirect("ptce:member_space")
        return redirect(f"{reverse('ptce:declaration_list')}?annee={year}")
    context = {
        "form": form,
        "declaration": declaration,
        "membership": membership,
        "year": year,
        "locked": locked,
        "published": year in locked_years(),
        "editable": editable,
    }
    return render(request, "ptce/declaration_form.html", context)


@require_http_methods(["GET", "POST"])
def declaration_delete(request, pk):
    declarations = Declaration.objects.select_related("membership__organisation")
    declaration = get_for_user(request.user, declarations, write=True, pk=pk)
    if not can_declare(request.user, declaration.membership.organisation, LockedYear.is_locked(declaration.year)):
        raise PermissionDenied(LOCKED_YEAR)
    goes_with, blocked_by = deletion.consequences(declaration)
    list_url = f"{reverse('ptce:declaration_list')}?annee={declaration.year}"
    if request.method == "POST" and not blocked_by:
        declaration.delete()
        messages.success(request, f"La déclaration {declaration.year} de « {declaration.membership} » est supprimée.")
        return redirect(list_url)
    context = {"record": declaration, "goes_with": goes_with, "blocked_by": blocked_by, "cancel_url": list_url}
    return render(request, "cbe_portal/confirm_delete.html", context)


# Staff space ----------------------------------------------------------------------------------


@require_safe
@programme_required(PTCE)
def home(request):
    year = latest_complete_year()
    return render(request, "ptce/home.html", {"year": year, "figures": indicators.for_year(year)})


@require_safe
@programme_required(PTCE)
def membership_list(request):
    filters = MembershipFilterForm(request.GET)
    memberships = filters.filter(Membership.objects.visible_to(request.user)).for_directory()
    search, memberships = apply_search(request, memberships)
    sorting, memberships = apply_sort(request, memberships, MEMBERSHIP_COLUMNS, "membre")
    if response := export(request, memberships, MEMBERSHIP_EXPORT, "ptce-adhesions"):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, memberships)}
    return render(request, "ptce/membership_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PTCE, write=True)
def membership_create(request):
    form = MembershipForm(request.POST or None, user=request.user)
    if form.is_valid():
        membership = form.save()
        messages.success(request, f"L'adhésion de « {membership} » est enregistrée.")
        return redirect("ptce:membership_list")
    return render(request, "ptce/membership_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def membership_edit(request, pk):
    membership = get_for_user(request.user, Membership.objects.select_related("organisation"), write=True, pk=pk)
    form = MembershipForm(request.POST or None, instance=membership, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"L'adhésion de « {membership} » est enregistrée.")
        return redirect("ptce:membership_list")
    return render(request, "ptce/membership_form.html", {"form": form, "membership": membership})


@require_http_methods(["GET", "POST"])
def membership_delete(request, pk):
    membership = get_for_user(request.user, Membership.objects.select_related("organisation"), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(membership)
    if request.method == "POST" and not blocked_by:
        membership.delete()
        messages.success(request, f"L'adhésion de « {membership} » est supprimée.")
        return redirect("ptce:membership_list")
    context = {
        "record": membership,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("ptce:membership_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_safe
@programme_required(PTCE)
def theme_list(request):
    search, themes = apply_search(request, Theme.objects.visible_to(request.user))
    sorting, themes = apply_sort(request, themes, THEME_COLUMNS, "ordre")
    if response := export(request, themes, THEME_EXPORT, "ptce-thematiques"):
        return response
    context = {"search": search, "sorting": sorting, "page": paginate(request, themes)}
    return render(request, "ptce/theme_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PTCE, write=True)
def theme_create(request):
    form = ThemeForm(request.POST or None)
    if form.is_valid():
        theme = form.save()
        messages.success(request, f"La thématique « {theme} » est enregistrée.")
        return redirect("ptce:theme_list")
    return render(request, "ptce/theme_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def theme_edit(request, pk):
    theme = get_for_user(request.user, Theme.objects.all(), write=True, pk=pk)
    form = ThemeForm(request.POST or None, instance=theme)
    if form.is_valid():
        form.save()
        messages.success(request, f"La thématique « {theme} » est enregistrée.")
        return redirect("ptce:theme_list")
    return render(request, "ptce/theme_form.html", {"form": form, "theme": theme})


@require_http_methods(["GET", "POST"])
def theme_delete(request, pk):
    theme = get_for_user(request.user, Theme.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(theme)
    if request.method == "POST" and not blocked_by:
        theme.delete()
        messages.success(request, f"La thématique « {theme} » est supprimée.")
        return redirect("ptce:theme_list")
    context = {
        "record": theme,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("ptce:theme_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_safe
@programme_required(PTCE)
def project_list(request):
    filters = ProjectFilterForm(request.GET)
    projects = filters.filter(Project.objects.visible_to(request.user)).select_related("theme").with_organisations()
    search, projects = apply_search(request, projects)
    sorting, projects = apply_sort(request, projects, PROJECT_COLUMNS, "thematique")
    if response := export(request, projects, PROJECT_EXPORT, "ptce-projets"):
        return response
    context = {"filters": filters, "search": search, "sorting": sorting, "page": paginate(request, projects)}
    return render(request, "ptce/project_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PTCE, write=True)
def project_create(request):
    form = ProjectForm(request.POST or None)
    if form.is_valid():
        project = form.save()
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect("ptce:project_list")
    return render(request, "ptce/project_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_edit(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    form = ProjectForm(request.POST or None, instance=project)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le projet « {project} » est enregistré.")
        return redirect("ptce:project_list")
    return render(request, "ptce/project_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
def project_delete(request, pk):
    project = get_for_user(request.user, Project.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(project)
    if request.method == "POST" and not blocked_by:
        project.delete()
        messages.success(request, f"Le projet « {project} » est supprimé.")
        return redirect("ptce:project_list")
    context = {
        "record": project,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("ptce:project_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_safe
@programme_required(PTCE)
def publication_list(request):
    search, publications = apply_search(request, Publication.objects.visible_to(request.user))
    sorting, publications = apply_sort(request, publications, PUBLICATION_COLUMNS, "-annee")
    if response := export(request, publications, PUBLICATION_EXPORT, "ptce-publications"):
        return response
    context = {"search": search, "sorting": sorting, "page": paginate(request, publications)}
    return render(request, "ptce/publication_list.html", context)


@require_http_methods(["GET", "POST"])
@programme_required(PTCE, write=True)
def publication_create(request):
    form = PublicationForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        publication = form.save()
        messages.success(request, f"La publication « {publication} » est enregistrée.")
        return redirect("ptce:publication_list")
    return render(request, "ptce/publication_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def publication_edit(request, pk):
    publication = get_for_user(request.user, Publication.objects.all(), write=True, pk=pk)
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    if form.is_valid():
        form.save()
        messages.success(request, f"La publication « {publication} » est enregistrée.")
        return redirect("ptce:publication_list")
    return render(request, "ptce/publication_form.html", {"form": form, "publication": publication})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def publication_delete(request, pk):
    publication = get_for_user(request.user, Publication.objects.all(), write=True, pk=pk)
    goes_with, blocked_by = deletion.consequences(publication)
    if request.method == "POST" and not blocked_by:
        publication.delete()
        messages.success(request, f"La publication « {publication} » est supprimée.")
        return redirect("ptce:publication_list")
    context = {
        "record": publication,
        "goes_with": goes_with,
        "blocked_by": blocked_by,
        "cancel_url": reverse("ptce:publication_list"),
    }
    return render(request, "cbe_portal/confirm_delete.html", context)


@require_safe
@programme_required(PTCE)
def declaration_list(request):
    year = requested_year(request)
    memberships = Membership.objects.visible_to(request.user).expected_to_declare(year).with_declaration(year)
    sorting, rows = apply_sort(request, memberships.select_related("organisation"), DECLARATION_COLUMNS, "membre")
    if response := export(request, rows.with_year_declaration(year), DECLARATION_EXPORT, f"ptce-declarations-{year}"):
        return response
    context = {
        "filters": DeclarationFilterForm(initial={"annee": year}),
        "year": year,
        "sorting": sorting,
        "page": paginate(request, rows),
        "missing": memberships.filter(declaration_id=None).count(),
        "locked": LockedYear.is_locked(year),
        "published": year in locked_years(),
        "can_lock": can_lock_years(request.user),
    }
    return render(request, "ptce/declaration_list.html", context)


@require_POST
@transaction.atomic
def year_lock(request, year):
    if not can_lock_years(request.user):
        raise PermissionDenied("Seule la coordination verrouille les déclarations d'une année.")
    deleted, _ = LockedYear.objects.filter(year=year).delete()
    if deleted:
        messages.success(request, f"Les déclarations {year} peuvent de nouveau être corrigées.")
    else:
        LockedYear.objects.create(year=year)
        messages.success(request, f"Les déclarations {year} sont verrouillées.")
    return redirect(f"{reverse('ptce:declaration_list')}?annee={year}")
