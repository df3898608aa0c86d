"""Who may see and change what: the one place that decides.

Roles are Django groups named after `Role`. Each programme has an editor role (its code) and a
read-only role (its code + "-lecture"); `coordination` may do everything. Views never test groups
themselves: they call the functions below, which raise `Http404` when the user has no access to a
programme (another programme's records do not exist for them) and `PermissionDenied` (403) when a
read-only user tries to change something.
"""

from enum import IntEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404


class Programme(models.TextChoices):
    PLIE = "plie", "PLIE"
    GPECT = "gpect", "GPECT"
    CIRCUITS = "circuits", "Circuits alimentaires locaux"
    INCUBATEUR = "incubateur", "Tube à ESS'ai"
    PTCE = "ptce", "PTCE Sud Aquitaine"


class Role(models.TextChoices):
    COORDINATION = "coordination", "Coordination"
    PARTENAIRE = "partenaire", "Partenaire"
    MEMBRE = "membre", "Membre du PTCE"
    PLIE = "plie", "PLIE (saisie)"
    PLIE_LECTURE = "plie-lecture", "PLIE (lecture)"
    GPECT = "gpect", "GPECT (saisie)"
    GPECT_LECTURE = "gpect-lecture", "GPECT (lecture)"
    CIRCUITS = "circuits", "Circuits alimentaires (saisie)"
    CIRCUITS_LECTURE = "circuits-lecture", "Circuits alimentaires (lecture)"
    INCUBATEUR = "incubateur", "Tube à ESS'ai (saisie)"
    INCUBATEUR_LECTURE = "incubateur-lecture", "Tube à ESS'ai (lecture)"
    PTCE = "ptce", "PTCE (saisie)"
    PTCE_LECTURE = "ptce-lecture", "PTCE (lecture)"


class Access(IntEnum):
    NONE = 0
    READ = 1
    WRITE = 2


def roles(user) -> frozenset[str]:
    """The user's role names, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_cbe_roles"):
        user._cbe_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._cbe_roles


def is_coordination(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.COORDINATION in roles(user))


def programme_access(user, programme: Programme) -> Access:
    """Coordination and the programme's editors write; its read-only staff read; nobody else."""
    if is_coordination(user) or programme in roles(user):
        return Access.WRITE
    if f"{programme}-lecture" in roles(user):
        return Access.READ
    return Access.NONE


def can_read(user, programme: Programme) -> bool:
    return programme_access(user, programme) >= Access.READ


def can_write(user, programme: Programme) -> bool:
    return programme_access(user, programme) >= Access.WRITE


def readable_programmes(user) -> list[Programme]:
    return [programme for programme in Programme if can_read(user, programme)]


def is_staff_member(user) -> bool:
    """Coordination or any programme's staff, read-only included (not partners nor members)."""
    return bool(readable_programmes(user))


def check_programme(user, programme: Programme, write: bool = False) -> None:
    access = programme_access(user, programme)
    if access == Access.NONE:
        raise Http404
    if write and access < Access.WRITE:
        raise PermissionDenied("Votre rôle permet de consulter ce programme, pas de le modifier.")


def programme_required(programme: Programme, write: bool = False):
    """View decorator: `check_programme` before the view runs."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_programme(request.user, programme, write)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def programme_of(model) -> Programme | None:
    """The programme whose app holds `model`; None for the shared directory."""
    from django.apps import apps

    return getattr(apps.get_app_config(model._meta.app_label), "programme", None)


def check_access(user, model, write: bool = False) -> None:
    """`check_programme` for a programme's records, `check_directory` for the shared directory's."""
    if programme := programme_of(model):
        check_programme(user, programme, write)
    else:
        check_directory(user, write)


def get_for_user(user, queryset, write: bool = False, **lookup):
    """Fetch one record for this user, the one way every view does: 404 without access to its
    programme or when the record is not in `queryset.visible_to(user)`; 403 when a read-only user
    asks to change it. Reading a participant's file (a model with `participant_field`, the path to
    its person) is recorded in `AccessLog`."""
    check_access(user, queryset.model, write)
    record = get_object_or_404(queryset.visible_to(user), **lookup)
    if not write and (person_field := getattr(queryset.model, "participant_field", None)):
        from .models import AccessLog

        person_id = record.pk if person_field == "pk" else getattr(record, f"{person_field}_id")
        AccessLog.record(user, [person_id], AccessLog.Action.VIEW, f"{record._meta.verbose_name} n° {record.pk}")
    return record


# The shared directory -------------------------------------------------------------------------


def can_view_directory(user) -> bool:
    """Organisations and people pages of the staff space: any staff member."""
    return is_staff_member(user)


def can_edit_directory(user) -> bool:
    """Editors of any programme and coordination maintain organisations and people."""
    return any(can_write(user, programme) for programme in Programme)


def check_directory(user, write: bool = False) -> None:
    if not can_view_directory(user):
        raise PermissionDenied("L'annuaire est réservé aux équipes du CBE.")
    if write and not can_edit_directory(user):
        raise PermissionDenied("Votre rôle permet de consulter l'annuaire, pas de le modifier.")


def person_filter(user) -> models.Q:
    """The people a user may see, as a condition on `Person` (applied by `Person.objects.visible_to`).

    Personal data belongs to the programme that holds it: coordination sees everyone; programme
    staff see the people their programmes follow (the reverse relations each programme app declares
    as `person_relations` on its AppConfig), the organisations' contacts, and people not yet followed
    by any programme; nobody else sees anyone. One `EXISTS` per relation, so the plan stays an index
    probe per person whatever the tables' sizes."""
    from .models import Person

    if is_coordination(user):
        return models.Q()
    if not is_staff_member(user):
        return models.Q(pk__in=[])
    contacts = Person._meta.get_field("contacts").related_model
    visible, followed = models.Q(Exists(contacts.objects.filter(person=OuterRef("pk")))), []
    for config in programme_configs():
        for relation in config.person_relations:
            rel = Person._meta.get_field(relation)
            exists = Exists(rel.related_model.objects.filter(**{rel.field.name: OuterRef("pk")}))
            followed.append(exists)
            if can_read(user, config.programme):
                visible |= models.Q(exists)
    return visible | models.Q(*(~exists for exists in followed))  # or nobody follows them yet


def can_import(user, programme: str | None) -> bool:
    """Imports into a programme: its editors and coordination; into the directory: its editors."""
    return can_write(user, Programme(programme)) if programme else can_edit_directory(user)


def can_merge(user) -> bool:
    """Merging two people or two organisations moves records between programmes: coordination only."""
    return is_coordination(user)


def programme_configs():
    """The AppConfigs of the programme apps, in the order of `Programme`."""
    from django.apps import apps

    configs = {c.programme: c for c in apps.get_app_configs() if hasattr(c, "programme")}
    return [configs[programme] for programme in Programme if programme in configs]


def can_manage_site(user) -> bool:
    """Users, editorial texts, imports and the yearly report: coordination only."""
    return is_coordination(user)


# The PTCE Sud Aquitaine: partners and members -------------------------------------------------
# Its directory, member pages, map and projects are public; these decide what comes on top.


def is_partner(user) -> bool:
    return user.is_authenticated and Role.PARTENAIRE in roles(user)


def member_organisation(user):
    """The organisation a `membre` speaks for (None for anyone else)."""
    if user.is_authenticated and Role.MEMBRE in roles(user):
        return user.organisation
    return None


def can_see_member_contacts(user) -> bool:
    """Partners, PTCE staff (read-only included) and coordination: the members' named contacts,
    the projects' member organisations, the figures year by year and the directory export."""
    return is_partner(user) or can_read(user, Programme.PTCE)


def can_edit_organisation_profile(user, organisation) -> bool:
    """A member edits only its own organisation's public profile; PTCE editors edit any."""
    if can_write(user, Programme.PTCE):
        return True
    own = member_organisation(user)
    return own is not None and own.pk == organisation.pk


def can_see_declarations(user, organisation) -> bool:
    """A member sees only its own declarations; PTCE staff and coordination see all."""
    if can_read(user, Programme.PTCE):
        return True
    own = member_organisation(user)
    return own is not None and own.pk == organisation.pk


def can_declare(user, organisation, year_is_locked: bool) -> bool:
    """Submit or correct a member's figures for a year: the member itself (only its own) and PTCE
    editors until coordination locks the year; coordination at any time."""
    if is_coordination(user):
        return True
    return not year_is_locked and can_edit_organisation_profile(user, organisation)


def can_lock_years(user) -> bool:
    """Closing a year's declarations is coordination's call."""
    return is_coordination(user)
