"""What the imports share: a check constraint decided in Python (`holds`) exactly as PostgreSQL
decides it, so that a line's refusal is the one the database would give, without a query."""

import datetime
import itertools
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.db.models import CheckConstraint, Q
from django.db.models.functions import Coalesce

from cbe_portal.import_formats import holds

DAYS = [datetime.date(2020, 1, 1), datetime.date(2020, 6, 30), datetime.date(2021, 1, 1)]


def candidates(field) -> list:
    """A few values of the field's type, equal and ordered both ways, NULL when it may be."""
    if isinstance(field, models.BooleanField):
        values = [True, False]
    elif isinstance(field, models.DateField):
        values = DAYS
    elif isinstance(field, models.DecimalField):
        values = [Decimal("0"), Decimal("1.5"), Decimal("-2")]
    elif isinstance(field, models.IntegerField | models.ForeignKey):
        values = [0, 1, 2023]
    else:
        values = ["", "x", "12345678901234"]
    return [*values, None] if field.null else values


def check_constraints():
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                yield pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")


def referenced(condition) -> list[str]:
    names = []
    for child in condition.children:
        if isinstance(child, Q):
            names += referenced(child)
        elif isinstance(child, tuple):
            names.append(child[0].split("__")[0])
            if hasattr(child[1], "name"):  # F("other")
                names.append(child[1].name)
    return list(dict.fromkeys(names))


@pytest.mark.parametrize(("model", "constraint"), list(check_constraints()))
def test_a_check_constraint_is_decided_as_postgresql_decides_it(db, model, constraint):
    fields = [model._meta.get_field(name) for name in referenced(constraint.condition)]
    combinations = list(itertools.product(*(candidates(field) for field in fields)))
    decided = 0
    for values in random.Random(1).sample(combinations, min(len(combinations), 200)):
        instance = model(**{field.attname: value for field, value in zip(fields, values, strict=True)})
        try:
            result = holds(constraint.condition, instance, set())
        except LookupError:
            continue  # left to the database
        against = instance._get_field_expression_map(meta=model._meta)
        expected = Q(Coalesce(constraint.condition, True, output_field=models.BooleanField())).check(against)
        assert (result is not False) == expected, (values, result)
        decided += 1
    if model._meta.app_label == "plie":  # what the PLIE's imports rely on
        assert decided


def test_what_python_would_compare_otherwise_is_left_to_the_database():
    from plie.models import Parcours

    instance = Parcours(entry_date=datetime.date(2020, 1, 1))
    for condition in [Q(person__last_name="x"), Q(entry_date__year=2020), Q(education_level__lt="4"), Q(pk=1)]:
        with pytest.raises(LookupError):
            holds(condition, instance, set())
    assert holds(Q(exit_date__gte=datetime.date(2021, 1, 1)), instance, set()) is None  # unknown: let through
    assert holds(~Q(exit_date=None), instance, set()) is False
