"""A programme's section of the public pages and of the yearly report: its figures for a year
against the comparison year, its charts, the records it lists and its editorial texts, ready for
the templates."""

from .open_data import HEADLINES, KEYS, LISTS
from .permissions import Programme
from .templatetags.cbe import NBSP, evolution

PAGE_LIST_ITEMS = 12  # the records a programme page lists (its projects, its collective…)


def sections(programmes, edition) -> list[dict]:
    """The sections of these programmes in `edition` (see publication.Edition)."""
    return [programme_section(programme, edition) for programme in programmes]


def change(kind: str, value, previous, previous_year) -> str:
    """How a figure moved since the comparison year, in words: « +12 % par rapport à 2019 » for a count
    or an amount, « +3 points par rapport à 2019 » for a share; "" when it cannot be said (no previous
    value, a count from 0, a growth ratio)."""
    if value is None or previous is None or previous_year is None or kind == "evolution":
        return ""
    since = f"par rapport à {previous_year}"
    if kind == "share":
        points = round((value - previous) * 100)
        if points == 0:
            return f"stable {since}"
        sign = "+" if points > 0 else "−"
        return f"{sign}{abs(points)}{NBSP}point{'s' if abs(points) > 1 else ''} {since}"
    if not previous and value != previous:
        return ""
    if value == previous or round((value / previous - 1) * 100) == 0:  # 203 after 204 is « stable »
        return f"stable {since}"
    return f"{evolution(value / previous - 1)} {since}"


def programme_section(programme: Programme, edition) -> dict:
    keys = KEYS[programme.value]
    this_year = edition.figures.get(programme.value, {})
    previous = edition.previous.get(programme.value, {})
    year, previous_year = edition.year, edition.previous_year
    texts = edition.texts
    # A figure added after a year was published is not in that year's frozen document: no row for it.
    keys = [key for key in keys if key.name in this_year]
    rows = [{"key": key, "value": this_year[key.name], "previous": previous.get(key.name)} for key in keys]
    return {
        "programme": programme,
        "year": year,
        "previous_year": previous_year,
        "figures": this_year,
        "rows": rows,
        # The programme page opens on its headline figures, with how each moved since the comparison
        # year, then lists the others.
        "headlines": [
            {**row, "change": change(row["key"].kind, row["value"], row["previous"], previous_year)}
            for row in rows
            if row["key"].name in HEADLINES[programme.value]
        ],
        "other_rows": [row for row in rows if row["key"].name not in HEADLINES[programme.value]],
        "has_previous": bool(previous),
        "year_charts": [
            {
                "title": f"{key.label.capitalize()}, {previous_year} et {year}",
                "rows": [
                    {"label": str(previous_year), "value": previous.get(key.name)},
                    {"label": str(year), "value": this_year.get(key.name)},
                ],
            }
            for key in keys
            if key.name in HEADLINES[programme.value] and key.kind == "count" and previous
        ],
        "share_charts": [
            {"title": f"Part {key.label}", "ratio": this_year.get(key.name)} for key in keys if key.kind == "share"
        ],
        "lists": [
            {
                "key": key,
                "items": this_year[key.name],
                # The programme page lists the first ones, whatever their number; the report all of them.
                "first_items": this_year[key.name][:PAGE_LIST_ITEMS],
                "more_items": max(len(this_year[key.name]) - PAGE_LIST_ITEMS, 0),
            }
            for key in LISTS[programme.value]
            if this_year.get(key.name)
        ],
        "presentation": texts.get(f"{programme.value}_presentation"),
        "perspectives": texts.get(f"{programme.value}_perspectives"),
        "partners": texts.get(f"{programme.value}_partenaires"),
    }
