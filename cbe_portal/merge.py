"""Merging two records of the shared directory (two people or two organisations) that are the same:
every record that points to the one removed moves to the one kept, nothing is lost, the merge is
recorded. Coordination only (permissions.can_merge)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import audit, figures
from .models import MergeRecord

# Fields the kept record takes from the removed one when it has none.
FILLABLE = {
    "person": ("birth_date", "email", "phone", "address", "commune"),
    "organisation": (
        "siret",
        "address",
        "commune",
        "website",
        "email",
        "phone",
        "description",
        "latitude",
        "longitude",
    ),
}


def relations(record):
    """The relations pointing to `record`'s model: (related model, field name, is many-to-many)."""
    for rel in type(record)._meta.related_objects:
        if audit.is_history(rel.related_model):  # the history stays the removed record's
            continue
        if rel.many_to_many:
            yield rel.through, rel.field.m2m_reverse_field_name(), True
        else:
            yield rel.related_model, rel.field.name, False


def what_moves(removed) -> list[tuple[str, int]]:
    """What merging `removed` into another record moves: (kind, count), for the confirmation page."""
    moves = []
    for model, field, _ in relations(removed):
        count = model._base_manager.filter(**{field: removed}).count()
        if count:
            moves.append((str(model._meta.verbose_name_plural), count))
    return moves


@transaction.atomic
def merge(kept, removed, user) -> MergeRecord:
    """Move everything of `removed` to `kept`, fill `kept`'s empty fields from `removed`, delete
    `removed` and record it. Raises ValidationError (in French) when the two cannot be merged as they
    are, e.g. both have an open PLIE pathway; nothing is changed then."""
    if kept.pk == removed.pk or type(kept) is not type(removed):
        raise ValidationError("Choisissez deux fiches différentes.")
    moved = {}
    for model, field, many in relations(removed):
        rows = model._base_manager.filter(**{field: removed})
        if many:  # a link both already have would be a duplicate row: keep one
            other = next(f.name for f in model._meta.fields if f.is_relation and f.name != field and f.name != "id")
            rows.filter(**{f"{other}__in": model._base_manager.filter(**{field: kept}).values(other)}).delete()
        try:
            with transaction.atomic():
                count = rows.update(**{field: kept})
        except IntegrityError:
            label = model._meta.verbose_name_plural
            raise ValidationError(
                f"Fusion impossible : les deux fiches ont des {label} qui ne peuvent pas coexister sur une seule "
                "(par exemple deux parcours ouverts). Clôturez ou corrigez l'un d'eux, puis recommencez."
            ) from None
        if count:
            moved[model._meta.label] = count
    kind = type(kept)._meta.model_name
    for name in FILLABLE[kind]:
        if getattr(kept, name) in (None, "") and getattr(removed, name) not in (None, ""):
            setattr(kept, name, getattr(removed, name))
    if kind == "organisation" and kept.siret == removed.siret:
        removed.siret = ""
        removed.save(update_fields=["siret"])
    record = MergeRecord.objects.create(
        kind=kind, kept_id=kept.pk, removed_id=removed.pk, removed_label=str(removed), moved=moved, merged_by=user
    )
    removed.delete()
    kept.save()
    figures.invalidate()  # update() sends no signal
    return record
