"""A programme's section of the public pages and of the yearly report: its figures for a year
against the previous year, its charts and its editorial texts, ready for the templates."""

from . import figures
from .open_data import HEADLINES, KEYS
from .permissions import Programme
from .years import FIRST_YEAR


def sections(programmes, year: int, texts: dict) -> list[dict]:
    """The sections of these programmes for `year`, with `texts` = EditorialText.objects.for_year(year)."""
    this_year = figures.for_year(year)
    previous = figures.for_year(year - 1) if year > FIRST_YEAR else {}
    return [
        programme_section(programme, year, this_year[programme.value], previous.get(programme.value, {}), texts)
        for programme in programmes
    ]


def programme_section(programme: Programme, year: int, this_year: dict, previous: dict, texts: dict) -> dict:
    keys = KEYS[programme.value]
    return {
        "programme": programme,
        "year": year,
        "figures": this_year,
        "rows": [{"key": key, "value": this_year.get(key.name), "previous": previous.get(key.name)} for key in keys],
        "has_previous": bool(previous),
        "year_charts": [
            {
                "title": f"{key.label.capitalize()}, {year - 1} et {year}",
                "rows": [
                    {"label": str(year - 1), "value": previous.get(key.name)},
                    {"label": str(year), "value": this_year.get(key.name)},
                ],
            }
            for key in keys
            if key.name in HEADLINES[programme.value] and key.kind == "count" and previous
        ],
        "share_charts": [
            {"title": f"Part {key.label}", "ratio": this_year.get(key.name)} for key in keys if key.kind == "share"
        ],
        "presentation": texts.get(f"{programme.value}_presentation"),
        "perspectives": texts.get(f"{programme.value}_perspectives"),
        "partners": texts.get(f"{programme.value}_partenaires"),
    }
