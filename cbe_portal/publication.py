"""Publishing a year's report. Coordination previews a year as a draft computed from the live
records, then publishes it: a `PublishedReport` keeps every programme's figures, the texts, the
report's body and its PDF. From then on the public side reads that snapshot, and the records dated
in that year are locked until coordination reopens the year with a reason; republishing adds a
version, and every version stays in the archive."""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from . import disclosure, figures
from .imports import per_file
from .models import EditorialText, PublishedReport
from .permissions import can_manage_site
from .years import known_years, requested_year

LOCKED_MESSAGE = (
    "L'année {year} est publiée : ses enregistrements ne peuvent plus être créés, modifiés ni supprimés. "
    "Seule la coordination peut rouvrir l'année pour corriger."
)


def current(year: int, documents: bool = True) -> PublishedReport | None:
    """The version of `year` the public reads (the latest), or None when it was never published;
    without its HTML and PDF (deferred) when `documents` is false."""
    reports = PublishedReport.objects.filter(year=year)
    return (reports if documents else reports.defer("html", "pdf")).order_by("-version").first()


def published_years() -> list[int]:
    return list(PublishedReport.objects.order_by("-year").values_list("year", flat=True).distinct())


@per_file  # an import checks each line's years: once per file (no year is published meanwhile)
def locked_years() -> set[int]:
    """Years published and not reopened: their records cannot change."""
    return {report.year for report in PublishedReport.objects.latest_versions() if not report.is_open}


def check_unlocked(*years) -> None:
    """Raise the French refusal when one of `years` (None ignored) is published and not reopened."""
    locked = sorted({year for year in years if year} & locked_years())
    if locked:
        raise ValidationError(LOCKED_MESSAGE.format(year=locked[0]), code="year_locked")


def live_texts(year: int) -> dict[str, str]:
    return {section: text.body for section, text in EditorialText.objects.for_year(year).items()}


def changed_figures(before: dict, after: dict) -> list[dict]:
    """The figures that differ between two open-data documents: programme, key, before, after."""
    return [
        {"programme": programme, "key": key, "before": values.get(key), "after": after[programme].get(key)}
        for programme, values in before.items()
        if isinstance(values, dict)
        for key in values
        if values.get(key) != after.get(programme, {}).get(key)
    ]


@transaction.atomic
def publish(year: int, user, request=None, build_pdf: bool = True) -> PublishedReport:
    """Freeze `year`: its figures computed now from the live records, its texts, its report and PDF."""
    from .views.report import render_pdf, report_body_context

    previous = current(year)
    if previous and not previous.is_open:
        raise ValidationError(f"Le rapport {year} est déjà publié : rouvrez l'année pour le republier.")
    figures.invalidate()
    document = disclosure.protect(figures.open_data(year))
    texts = live_texts(year)
    report = PublishedReport(
        year=year,
        version=previous.version + 1 if previous else 1,
        figures=document,
        texts=texts,
        changes=changed_figures(previous.figures, document) if previous else [],
        published_by=user,
    )
    edition = Edition(year, document, texts, report)  # compared with the previous published year
    report.html = render_to_string("cbe_portal/report.html#report_body", report_body_context(request, year, edition))
    if build_pdf:
        report.pdf = render_pdf(report.html, year)
    report.save()
    return report


def reopen(year: int, user, reason: str) -> PublishedReport:
    report = current(year)
    if report is None or report.is_open:
        raise ValidationError(f"L'année {year} n'est pas publiée.")
    if not reason.strip():
        raise ValidationError("Dites pourquoi l'année est rouverte.")
    report.reopened_by, report.reopened_at, report.reopen_reason = user, timezone.now(), reason.strip()
    report.save(update_fields=["reopened_by", "reopened_at", "reopen_reason"])
    return report


def pdf_of(report: PublishedReport) -> bytes:
    """The stored PDF; built once from the stored body if the publication deferred it (the demo)."""
    if report.pdf is None:
        from .views.report import render_pdf

        report.pdf = render_pdf(report.html, report.year)
        report.save(update_fields=["pdf"])
    return bytes(report.pdf)


# Editions: what a public page shows for a year -----------------------------------------------


@dataclass(frozen=True)
class Edition:
    """A year as the public side shows it: published (frozen figures and texts) or, for coordination
    only, a draft computed from the live records. `previous` is the comparison year's document ({}
    when there is none): the previous published year, or for a draft the year before; read only when
    a page compares."""

    year: int
    figures: dict  # the open-data document: {"annee": year, programme: {key: value}}
    texts: dict  # {section: body}
    report: PublishedReport | None  # None for a draft

    @property
    def draft(self) -> bool:
        return self.report is None

    @cached_property
    def previous(self) -> dict:
        if self.draft:
            return figures.open_data(self.year - 1) if self.year - 1 in known_years() else {}
        before = PublishedReport.objects.filter(year__lt=self.year).order_by("-year", "-version")
        return before.values_list("figures", flat=True).first() or {}

    @property
    def previous_year(self) -> int | None:
        return self.previous.get("annee")


def published_edition(year: int, documents: bool = True) -> Edition | None:
    """The published `year`, compared with the latest published year before it; without its report's
    HTML and PDF when `documents` is false (pages that show figures: a report weighs a megabyte or
    more at a network's scale, read from the database on every request)."""
    report = current(year, documents)
    return Edition(year, report.figures, report.texts, report) if report else None


def draft_edition(year: int) -> Edition:
    """`year` computed from the live records, compared with the year before."""
    return Edition(year, figures.open_data(year), live_texts(year), None)


def wants_draft(request) -> bool:
    """`?brouillon=1` from coordination: the draft of any year instead of the published one."""
    return request.GET.get("brouillon") == "1" and can_manage_site(request.user)


def edition_for(request, year: int) -> Edition:
    """The edition a public page of `year` shows: the draft for coordination when asked, else the
    published one; 404 when the year is not published (it does not exist publicly)."""
    if wants_draft(request):
        return draft_edition(year)
    edition = published_edition(year)
    if edition is None:
        raise Http404("Le rapport de cette année n'est pas publié.")
    return edition


def requested_edition(request, years: list[int]) -> Edition | None:
    """The edition of the year asked for in `?annee=` (one of the published `years`, or any year as a
    draft for coordination), else the latest published one; None when nothing is published yet."""
    if wants_draft(request):
        return draft_edition(requested_year(request))
    year = requested_year(request, default=None)
    if year not in years:
        year = years[0] if years else None
    return published_edition(year, documents=False) if year else None
