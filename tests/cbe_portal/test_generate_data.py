"""`manage.py generate_data`: the same records for the same seed, every record within its model's
rules, distinct people, and a refusal on a database that already holds people."""

import hashlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.db.models import Count, Min

from cbe_portal import generate
from cbe_portal.audit import is_history
from cbe_portal.models import Person
from tests.factories import PersonFactory

APPS = ("cbe_portal", "plie", "gpect", "circuits", "incubateur", "ptce")
SKIPPED = {"created_at", "updated_at", "password", "last_login", "date_joined"}


def generated_models():
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if not is_history(model) and model._meta.managed
    ]


def fingerprint() -> dict[str, tuple[int, str]]:
    """Per model, its count and a digest of its rows in creation order, keys (its own and those it
    points to) counted from the smallest of their table: the next run's keys are further on."""
    first = {
        model: model._base_manager.aggregate(first=Min("pk"))["first"] or 0
        for model in apps.get_models()
        if isinstance(model._meta.pk, models.AutoField)  # BigAutoField included
    }
    found = {}
    for model in generated_models():
        fields = [field for field in model._meta.concrete_fields if field.name not in SKIPPED]
        rows = model._base_manager.order_by("pk").values_list(*(field.attname for field in fields))
        offsets = [
            first.get(model) if field.primary_key else first.get(field.related_model) if field.is_relation else None
            for field in fields
        ]
        normalised = [
            tuple(value - offset if offset is not None and value is not None else value
                  for value, offset in zip(row, offsets, strict=True))
            for row in rows
        ]  # fmt: skip
        found[model._meta.label] = (len(normalised), hashlib.sha256(repr(normalised).encode()).hexdigest())
    return found


@pytest.mark.long
def test_a_seed_gives_the_same_records_within_the_models_rules():
    with transaction.atomic():
        generate.run(1, seed=7)
        first = fingerprint()
        transaction.set_rollback(True)
    generate.run(1, seed=7)
    assert fingerprint() == first
    for label in ("plie.Parcours", "plie.Interview", "gpect.JobOffer", "circuits.Purchase", "incubateur.Project",
                  "ptce.Declaration", "cbe_portal.Person"):  # fmt: skip
        assert first[label][0] > 0, label
    problems = []
    for model in generated_models():
        records = model._base_manager.order_by("pk")
        for record in [*records[:30], *records.reverse()[:30]]:
            try:
                record.full_clean()
            except ValidationError as error:
                problems.append((model._meta.label, record.pk, error.message_dict))
    assert not problems, "\n".join(map(str, problems))
    namesakes = Person.objects.values("first_name", "last_name", "birth_date").annotate(n=Count("pk")).filter(n__gt=1)
    assert not namesakes.exists()


def test_it_refuses_a_database_with_people():
    PersonFactory()
    with pytest.raises(CommandError, match="déjà des personnes"):
        call_command("generate_data", "--scale", "1")
