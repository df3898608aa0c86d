"""The programme's yearly figures, computed in the database."""

import datetime

from django.db.models import Count, Max, Min, Q, Sum, Value
from django.db.models.functions import Coalesce

from cbe_portal.open_data import keys_of

from .models import FIGURE_FIELDS, Declaration, Membership, Project

# The open-data keys this module computes: spelled once, in cbe_portal/open_data.py.
OPEN_DATA_KEYS = keys_of("ptce")


def sums_for_year(year: int) -> dict:
    """The PTCE's counts and sums for `year`, in two queries (memberships, declarations).

    - `membres`: organisations that are members on 31 December of the year (joined on or before
      it, and not left on or before it);
    - `nouveaux_membres`: memberships that began during the year;
    - `emplois`, `emplois_permanents`, `entreprises_partenaires`, `adherents`,
      `partenaires_exterieurs`, `stagiaires_formes`, `contrats_professionnalisation`,
      `parcours_insertion`, `porteurs_projet_accompagnes`: sums of the members' declarations for
      the year (0 when nobody declared);
    - `chiffre_affaires`: the declared turnovers summed, in euros (int);
    - `declarations`: how many members declared the year (extra key);
    - `part_emplois_permanents`: permanent jobs ÷ jobs, None without jobs (extra key).
    """
    last_day = datetime.date(year, 12, 31)
    members = Membership.objects.aggregate(
        membres=Count("pk", filter=Q(joined_on__lte=last_day) & (Q(left_on__isnull=True) | Q(left_on__gt=last_day))),
        nouveaux_membres=Count("pk", filter=Q(joined_on__year=year)),
    )
    sums = Declaration.objects.for_year(year).aggregate(
        declarations=Count("pk"),
        **{name: Coalesce(Sum(name), Value(0)) for name in FIGURE_FIELDS},
    )
    figures = {**members, **sums}
    figures["part_emplois_permanents"] = (
        figures["emplois_permanents"] / figures["emplois"] if figures["emplois"] else None
    )
    return figures


def for_year(year: int) -> dict:
    """The PTCE's figures for `year`, in three queries: `sums_for_year(year)` and

    - `projets` (open_data.LISTS): the projects under way during the year (started by 31 December or
      undated, not ended before 1 January), by theme then name, as
      `[{"label", "theme", "status", "description"}]`.
    """
    projects = (
        Project.objects.filter(Q(started_on__isnull=True) | Q(started_on__lte=datetime.date(year, 12, 31)))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)))
        .values("name", "theme__name", "status", "description")
        .order_by("theme__position", "theme__name", "name")
    )
    statuses = dict(Project.Status.choices)
    return {
        **sums_for_year(year),
        "projets": [
            {
                "label": p["name"],
                "theme": p["theme__name"],
                "status": statuses[p["status"]],
                "description": p["description"],
            }
            for p in projects
        ],
    }


def by_year() -> list[dict]:
    """`sums_for_year` of every year from the first declared one to the last declared one, oldest
    first (2 queries per year, plus one): the partners' year-by-year table."""
    span = Declaration.objects.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return [{"annee": year, **sums_for_year(year)} for year in range(span["first"], span["last"] + 1)]
