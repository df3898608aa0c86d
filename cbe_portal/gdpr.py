"""The rights of the people the CBE follows (RGPD): access (everything held on one person, across
programmes, as one file), erasure (anonymisation that leaves past figures as they were), and
retention (people without contact or activity for `RETENTION_YEARS` are anonymised; access logs are
kept `ACCESS_LOG_RETENTION_DAYS`). `manage.py retention` runs the last one daily in production."""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import DateField, DateTimeField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.forms.models import model_to_dict
from django.utils import timezone

from . import audit, figures
from .models import AccessLog, Contact, Person

ANONYMOUS_NAME = "Anonyme"


def person_records(person: Person):
    """(relation label, records) for every record that points to `person`, in every app."""
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model is AccessLog or audit.is_history(model):
            continue
        records = model._base_manager.filter(**{rel.field.name: person})
        yield f"{model._meta.app_label}.{model._meta.verbose_name_plural}", records


def export_person(person: Person) -> bytes:
    """Everything held on `person` as a readable JSON document (right of access)."""
    document = {"personne": model_to_dict(person), "enregistrements": {}}
    for label, records in person_records(person):
        rows = [model_to_dict(record) | {"id": record.pk} for record in records]
        if rows:
            document["enregistrements"][label] = rows
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1, default=str).encode()


@transaction.atomic
def anonymise(person: Person) -> None:
    """Erase what identifies `person`, keep what the published figures count: gender, and the birth
    year (the birth date becomes 1 January of that year: an age on 31 December is unchanged)."""
    birth = person.birth_date
    Person.objects.filter(pk=person.pk).update(
        first_name=ANONYMOUS_NAME,
        last_name=f"{ANONYMOUS_NAME} {person.pk}",
        email="",
        phone="",
        address="",
        birth_date=datetime.date(birth.year, 1, 1) if birth else None,
        anonymised_on=timezone.localdate(),
    )
    Contact.objects.filter(person=person).update(email="", phone="")
    # The audit trail's copies of the person and their contacts hold the erased names: they go too.
    Person.events.rel.related_model.objects.filter(pgh_obj_id=person.pk).delete()
    Contact.events.rel.related_model.objects.filter(person_id=person.pk).delete()
    figures.invalidate()


def record_activity(model):
    """The date of a record's last activity: its `last_activity` expression if the model declares one
    (an open pathway is ongoing), else the latest of its date fields."""
    if expression := getattr(model, "last_activity", None):
        return expression
    dates = [field.name for field in model._meta.concrete_fields if isinstance(field, DateField)
             and not isinstance(field, DateTimeField)]  # fmt: skip
    if not dates:
        return None
    return Greatest(*dates) if len(dates) > 1 else F(dates[0])


def last_activity(people):
    """`people` annotated with `last_activity`: the latest activity date of any of their records, in
    any programme, or the day the person was entered when nothing follows them."""
    latest = []
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model is AccessLog or audit.is_history(model) or (activity := record_activity(model)) is None:
            continue
        records = model._base_manager.filter(**{rel.field.name: OuterRef("pk")}).order_by()
        latest.append(Subquery(records.annotate(day=activity).order_by("-day").values("day")[:1]))
    created = Cast("created_at", DateField())
    if len(latest) > 1:
        latest = [Greatest(*latest)]
    return people.annotate(last_activity=Coalesce(*latest, created))


def people_to_anonymise(today=None):
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=round(365.25 * settings.RETENTION_YEARS))
    return last_activity(Person.objects.filter(anonymised_on__isnull=True)).filter(last_activity__lt=limit)


def retention(dry_run: bool = False) -> tuple[int, int]:
    """Anonymise the people past retention and delete the access logs past theirs; (people, logs)."""
    people = list(people_to_anonymise())
    logs = AccessLog.objects.older_than(settings.ACCESS_LOG_RETENTION_DAYS)
    count = logs.count()
    if not dry_run:
        for person in people:
            anonymise(person)
        logs.delete()
    return len(people), count
