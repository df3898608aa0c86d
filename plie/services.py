"""Actions that span several models."""

from django.db import transaction

from cbe_portal.models import Person

from .models import Parcours


def open_parcours(person: Person, parcours: Parcours, savepoint: bool = True) -> Parcours:
    """Open `parcours` for `person`, first adding the person to the directory if new: both or neither
    (without `savepoint`, the caller's transaction undoes both, for an import's line that has its own)."""
    with transaction.atomic(savepoint=savepoint):
        if person.pk is None:
            person.save()
        parcours.person = person
        parcours.save()
    return parcours
