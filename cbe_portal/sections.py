"""A programme's section of the public pages and of the yearly report: its figures for a year
against the comparison year, its charts and its editorial texts, ready for the templates."""

from .open_data import HEADLINES, KEYS
from .permissions import Programme


def sections(programmes, edition) -> list[dict]:
    """The sections of these programmes in `edition` (see publication.Edition)."""
    return [programme_section(programme, edition) for programme in programmes]


def programme_section(programme: Programme, edition) -> dict:
    keys = KEYS[programme.value]
    this_year = edition.figures.get(programme.value, {})
    previous = edition.previous.get(programme.value, {})
    year, previous_year = edition.year, edition.previous_year
    texts = edition.texts
    return {
        "programme": programme,
        "year": year,
        "previous_year": previous_year,
        "figures": this_year,
        "rows": [{"key": key, "value": this_year.get(key.name), "previous": previous.get(key.name)} for key in keys],
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
        "presentation": texts.get(f"{programme.value}_presentation"),
        "perspectives": texts.get(f"{programme.value}_perspectives"),
        "partners": texts.get(f"{programme.value}_partenaires"),
    }
