"""Actions that span several models."""

from django.db import transaction

from cbe_portal.models import Person

from .models import Parcours


def save_now(record) -> None:
    record.save()


def open_parcours(person: Person, parcours: Parcours, savepoint: bool = True, save=save_now) -> Parcours:
    """Open `parcours` for `person`, first adding the person to the directory if new: both or neither
    (without `savepoint`, the caller's transaction undoes both: an import's line, whose `save` adds the
    records to its batch)."""
    with transaction.atomic(savepoint=savepoint):
        if person.pk is None:
            save(person)
        parcours.person = person
        save(parcours)
    return parcours
