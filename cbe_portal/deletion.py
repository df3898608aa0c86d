"""What deleting a record takes with it, for the confirmation page every delete view shows."""

from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from .models import YearLocked
from .publication import locked_years


def consequences(record) -> tuple[list[str], list[str]]:
    """`(goes_with, blocked_by)`: the records deleted along with `record`, counted by kind
    (« 3 entretiens »), and the records that forbid the deletion, named one by one: a `PROTECT`ed
    relation (a past year's figures count them) or a record of a published year. Nothing is deleted."""
    collector = Collector(using=router.db_for_write(type(record)))
    try:
        collector.collect([record])
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or error.restricted_objects
        return [], sorted(f"{obj._meta.verbose_name} « {obj} »" for obj in blocking)
    locked = locked_years()
    in_locked_years = [
        f"{instance._meta.verbose_name} « {instance} » (l'année {min(years)} est publiée)"
        for model, instances in collector.data.items()
        if issubclass(model, YearLocked)
        for instance in instances
        if (years := instance.touched_years(deleting=True) & locked)
    ]
    if in_locked_years:
        return [], sorted(in_locked_years)
    counts: dict = {}
    for model, instances in collector.data.items():
        counts[model] = counts.get(model, 0) + sum(1 for instance in instances if instance != record)
    for queryset in collector.fast_deletes:
        counts[queryset.model] = counts.get(queryset.model, 0) + queryset.count()
    goes_with = [
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in counts.items()
        if count and not model._meta.auto_created
    ]
    return goes_with, []
