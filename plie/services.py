"""Actions that span several models."""

from django.db import transaction

from cbe_portal.models import Person

from .models import Parcours


@transaction.atomic
def open_parcours(person: Person, parcours: Parcours) -> Parcours:
    """Open `parcours` for `person`, first adding the person to the directory if new."""
    if person.pk is None:
        person.save()
    parcours.person = person
    parcours.save()
    return parcours
