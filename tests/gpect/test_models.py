import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gpect.models import InsertionHours
from tests.gpect.factories import InsertionHoursFactory, MarketFactory


def test_the_database_refuses_zero_hours():
    entry = InsertionHoursFactory()
    with pytest.raises(IntegrityError):
        InsertionHours.objects.filter(pk=entry.pk).update(hours=0)


def test_the_database_refuses_a_duplicate_entry():
    entry = InsertionHoursFactory()
    duplicate = InsertionHours(
        person=entry.person, company=entry.company, market=entry.market, hours=5,
        period_start=entry.period_start, period_end=entry.period_end,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Ces heures sont déjà saisies"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_model_validation_keeps_the_period_in_the_market_year():
    entry = InsertionHoursFactory.build(market=MarketFactory(year=2021))
    entry.period_start = entry.period_start.replace(year=2020)
    with pytest.raises(ValidationError, match="l'année du marché \\(2021\\)"):
        entry.clean()
