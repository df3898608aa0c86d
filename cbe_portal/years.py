"""Years: the first year of records, the years a page may show, the year a request asks for and the
latest complete year. Every page reads its year here, nowhere else."""

from django.utils import timezone

FIRST_YEAR = 2016  # the first year of records (the meal fund's base year)


def known_years() -> range:
    """From the first year of records to the current year, both included."""
    return range(FIRST_YEAR, timezone.localdate().year + 1)


LATEST = "latest"


def requested_year(request, default: int | None = LATEST) -> int | None:
    """The year asked for in `?annee=` when it is a known year; otherwise (missing, not a number,
    out of bounds) `default`: the latest complete year unless told otherwise (None for a list
    whose year filter is optional)."""
    value = request.GET.get("annee", "").strip()
    if value.isdigit() and int(value) in known_years():
        return int(value)
    return latest_complete_year() if default == LATEST else default


def latest_complete_year() -> int:
    """The year pages show by default: the latest published year (publication.py), else the latest
    past year with data, else last year. Pathways and memberships stay open across years, so "has
    data" alone would pick last year even when nothing was recorded in it."""
    from . import figures
    from .models import PublishedReport

    published = PublishedReport.objects.order_by("-year").values_list("year", flat=True).first()
    return published or figures.latest_year_with_data() or timezone.localdate().year - 1


class KnownYearConverter:
    """`<year:year>` in a URL: a year of `known_years()`; any other number is a 404, never a 500
    (registered in cbe_portal/urls.py, before the apps' URLs)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        if int(value) not in known_years():
            raise ValueError(value)
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
