import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cbe_portal.permissions import (
    Programme,
    can_declare,
    can_edit_organisation_profile,
    can_lock_years,
    can_see_declarations,
    can_see_member_contacts,
    can_write,
    member_organisation,
    programme_required,
)
from cbe_portal.views.pages import apply_search, form_data, paginate, save_form
from cbe_portal.views.public import render_programme_page

from . import indicators
from .forms import (
    DeclarationForm,
    DirectoryFilterForm,
    MemberProfileForm,
    MembershipForm,
    ProjectForm,
    PublicationForm,
    ThemeForm,
    YearForm,
)
from .models import Declaration, LockedYear, Membership, Project, Publication, Theme

# Public pages (partners see more on the same pages) ---------------------------------------------


@login_not_required
@require_safe
def public_page(request):
    projects = Project.objects.with_organisations() if can_see_member_contacts(request.user) else Project.objects
    context = {
        "themes": Theme.objects.prefetch_related(Prefetch("projects", projects.all())),
        "publications": Publication.objects.all(),
        "partner_view": can_see_member_contacts(request.user),
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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ptce-membres.csv"'
    response.write("\ufeff")  # so that spreadsheet software reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Nom", "Type", "Thématiques", "Commune", "Site web", "Courriel", "Téléphone", "Contacts"])
    for m in memberships:
        organisation = m.organisation
        contacts = " | ".join(
            " ".join(filter(None, [str(c.person), f"({c.role})", c.email, c.phone]))
            for c in organisation.contacts.all()
        )
        writer.writerow([
            organisation.name, organisation.get_kind_display(), ", ".join(t.name for t in m.themes.all()),
            organisation.commune.name if organisation.commune else "", organisation.website,
            organisation.email, organisation.phone, contacts,
        ])  # fmt: skip
    return response


@require_safe
def figures_by_year(request):
    if not can_see_member_contacts(request.user):
        raise PermissionDenied("Les chiffres année par année sont réservés aux partenaires du PTCE.")
    return render(request, "ptce/figures_by_year.html", {"years": indicators.by_year()})


# Members: their own profile and declarations --------------------------------------------------


@require_safe
def member_space(request):
    organisation = member_organisation(request.user)
    if organisation is None:
        raise PermissionDenied("Cet espace est celui des membres du PTCE.")
    membership = Membership.objects.filter(organisation=organisation).select_related("organisation").first()
    context = {"organisation": organisation, "membership": membership}
    if membership:
        context |= {
            "declarations": membership.declarations.all(),
            "years": range(timezone.localdate().year, membership.joined_on.year - 1, -1),
            "locked_years": set(LockedYear.objects.values_list("year", flat=True)),
        }
    return render(request, "ptce/member_space.html", context)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def profile_edit(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    organisation = membership.organisation
    if not can_edit_organisation_profile(request.user, organisation):
        raise PermissionDenied("Vous ne pouvez modifier que la fiche de votre organisation.")
    form = MemberProfileForm(*form_data(request), instance=organisation)
    message = "La fiche de « {} » est enregistrée."
    return save_form(request, form, "ptce/profile_form.html", {"membership": membership}, message, membership)


@require_http_methods(["GET", "POST"])
@transaction.atomic
def declaration_form(request, pk, year):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not can_see_declarations(request.user, membership.organisation):
        raise Http404
    locked = LockedYear.is_locked(year)
    editable = can_declare(request.user, membership.organisation, locked)
    if request.method == "POST" and not editable:
        raise PermissionDenied("Cette déclaration ne peut plus être corrigée.")
    declaration = Declaration.objects.filter(membership=membership, year=year).first()
    form = DeclarationForm(*form_data(request), instance=declaration or Declaration(membership=membership, year=year))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Les chiffres {year} de « {membership} » sont enregistrés.")
        return redirect("ptce:member_space" if member_organisation(request.user) else "ptce:declaration_list")
    context = {"form": form, "membership": membership, "year": year, "locked": locked, "editable": editable}
    return render(request, "ptce/declaration_form.html", context)


# Staff space ----------------------------------------------------------------------------------


@require_safe
@programme_required(Programme.PTCE)
def home(request):
    year = indicators.latest_complete_year()
    context = {
        "can_write": can_write(request.user, Programme.PTCE),
        "year": year,
        "figures": indicators.for_year(year),
    }
    return render(request, "ptce/home.html", context)


def _staff_list(request, template, queryset, **context):
    search, queryset = apply_search(request, queryset)
    context |= {
        "search": search,
        "page": paginate(request, queryset),
        "can_write": can_write(request.user, Programme.PTCE),
    }
    return render(request, template, context)


def _staff_form(request, form_class, instance, title, list_url):
    """The staff create/edit pages share one template, titled by the view, back to `list_url` after saving."""
    form = form_class(*form_data(request), instance=instance)
    context = {"title": title, "list_url": reverse(list_url), "has_files": bool(form.is_multipart())}
    return save_form(request, form, "ptce/staff_form.html", context, "« {} » est enregistré.", list_url)


@require_safe
@programme_required(Programme.PTCE)
def membership_list(request):
    memberships = Membership.objects.for_directory()
    if status := request.GET.get("statut"):
        memberships = memberships.filter(status=status)
    return _staff_list(request, "ptce/membership_list.html", memberships, statuses=Membership.Status)


@require_http_methods(["GET", "POST"])
@transaction.atomic
@programme_required(Programme.PTCE, write=True)
def membership_form(request, pk=None):
    membership = get_object_or_404(Membership, pk=pk) if pk else None
    title = f"Adhésion de {membership}" if membership else "Nouvelle adhésion"
    return _staff_form(request, MembershipForm, membership, title, "ptce:membership_list")


@require_safe
@programme_required(Programme.PTCE)
def theme_list(request):
    return _staff_list(request, "ptce/theme_list.html", Theme.objects.all())


@require_http_methods(["GET", "POST"])
@transaction.atomic
@programme_required(Programme.PTCE, write=True)
def theme_form(request, pk=None):
    theme = get_object_or_404(Theme, pk=pk) if pk else None
    return _staff_form(request, ThemeForm, theme, str(theme or "Nouvelle thématique"), "ptce:theme_list")


@require_safe
@programme_required(Programme.PTCE)
def project_list(request):
    projects = Project.objects.select_related("theme").with_organisations()
    theme = request.GET.get("theme", "")
    if theme.isdigit():
        projects = projects.filter(theme_id=theme)
    return _staff_list(request, "ptce/project_list.html", projects, themes=Theme.objects.all())


@require_http_methods(["GET", "POST"])
@transaction.atomic
@programme_required(Programme.PTCE, write=True)
def project_form(request, pk=None):
    project = get_object_or_404(Project, pk=pk) if pk else None
    return _staff_form(request, ProjectForm, project, str(project or "Nouveau projet"), "ptce:project_list")


@require_safe
@programme_required(Programme.PTCE)
def publication_list(request):
    return _staff_list(request, "ptce/publication_list.html", Publication.objects.all())


@require_http_methods(["GET", "POST"])
@transaction.atomic
@programme_required(Programme.PTCE, write=True)
def publication_form(request, pk=None):
    publication = get_object_or_404(Publication, pk=pk) if pk else None
    title = str(publication or "Nouvelle publication")
    return _staff_form(request, PublicationForm, publication, title, "ptce:publication_list")


@require_safe
@programme_required(Programme.PTCE)
def declaration_list(request):
    year_form = YearForm(request.GET or {"annee": indicators.latest_complete_year()})
    year = year_form.cleaned_data["annee"] if year_form.is_valid() else indicators.latest_complete_year()
    memberships = Membership.objects.expected_to_declare(year).with_declaration(year).select_related("organisation")
    context = {
        "year_form": year_form,
        "year": year,
        "page": paginate(request, memberships),
        "missing": memberships.filter(declaration_id=None).count(),
        "locked": LockedYear.is_locked(year),
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
