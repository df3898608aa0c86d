"""Every programme's yearly figures, read from the programmes' `indicators.for_year(year)` and
cached until a record changes. The public pages, the yearly report and the open data read them
here; no figure is computed twice."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.core.cache import cache
from django.db.models import signals
from django.utils import timezone

from .permissions import programme_configs
from .years import known_years

VERSION_KEY = "figures-version"
# Apps whose records feed the figures: a change to any of their rows invalidates the cache...
TRACKED_APPS = {"cbe_portal", "plie", "gpect", "circuits", "incubateur", "ptce"}
# ...but for the core's rows that no figure reads: accounts and files, the access log (written by
# every read of a participant's file), imports in progress, merges, published copies, texts, contacts.
UNTRACKED_MODELS = {
    "storedfile", "user", "accesslog", "pendingimport", "mergerecord", "publishedreport", "editorialtext", "contact",
}  # fmt: skip
# The directory's rows count only through the programme records that name them: a new one (a
# member's organisation, a person about to be followed) changes no figure until such a record does.
COUNTED_THROUGH_RECORDS = {"commune", "organisation", "person"}


# Set while `invalidated_once()` runs: the records saved meanwhile invalidate the cache once, at its end.
DEFERRED: ContextVar[list | None] = ContextVar("figures_invalidation_deferred", default=None)


def invalidate(**kwargs) -> None:
    """Forget every cached figure. Connected to model signals (apps.py); call it after writes
    that send none (`bulk_create`, `QuerySet.update`)."""
    if (deferred := DEFERRED.get()) is not None:
        deferred.append(True)
        return
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


@contextmanager
def invalidated_once():
    """Many records written together (an import of 10 000 lines) forget the cached figures once, at
    the end; it yields the list of changes, which the caller empties when it rolls them back."""
    token = DEFERRED.set([])
    try:
        yield DEFERRED.get()
    finally:
        changed = DEFERRED.get()
        DEFERRED.reset(token)
        if changed:
            invalidate()


def record_saved(sender, created=False, **kwargs) -> None:
    if not (created and sender._meta.model_name in COUNTED_THROUGH_RECORDS):
        invalidate()


def watch_records() -> None:
    """Invalidate the cache whenever a record that feeds the figures is saved or deleted."""
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in TRACKED_APPS and meta.model_name not in UNTRACKED_MODELS:
            signals.post_save.connect(record_saved, sender=model, dispatch_uid=f"figures-{meta.label}-saved")
            signals.post_delete.connect(invalidate, sender=model, dispatch_uid=f"figures-{meta.label}-deleted")
            for field in meta.local_many_to_many:
                signals.m2m_changed.connect(
                    invalidate, sender=field.remote_field.through, dispatch_uid=f"figures-{field}"
                )


def cache_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def _plain(value):
    """Decimals become ints or floats, so that JSON and CSV carry numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def for_year(year: int) -> dict[str, dict]:
    """{programme code: that programme's figures for `year`}, cached until a record changes."""
    key = f"figures:{cache_version()}:{year}"
    figures = cache.get(key)
    if figures is None:
        figures = {
            config.programme.value: _plain(import_module(f"{config.name}.indicators").for_year(year))
            for config in programme_configs()
        }
        cache.set(key, figures, 24 * 3600)
    return figures


def open_data(year: int) -> dict:
    """The open-data document of a year: {"annee": year, programme: {key: value}}."""
    return {"annee": year, **for_year(year)}


def has_data(figures: dict[str, dict]) -> bool:
    """Whether any programme recorded anything that year (a non-zero count or amount)."""
    return any(
        isinstance(value, int | float) and not isinstance(value, bool) and value
        for programme in figures.values()
        for value in programme.values()
    )


def latest_year_with_data(include_current: bool = False) -> int | None:
    """The latest year (past only, unless `include_current`) in which any programme recorded
    anything, cached like the figures."""
    key = f"figures:{cache_version()}:latest:{include_current}"
    year = cache.get(key, 0)
    if year == 0:
        last = timezone.localdate().year + (1 if include_current else 0)
        year = next((y for y in reversed(known_years()) if y < last and has_data(for_year(y))), None)
        cache.set(key, year, 24 * 3600)
    return year
