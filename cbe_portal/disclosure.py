"""Published figures never reveal one person: in a breakdown by category, a health or disability
category counted fewer than five times is shown as « moins de 5 » and left out of the open data
(the statistical secrecy rule the CNIL recommends for small counts)."""

import copy
import re

THRESHOLD = 5
SENSITIVE = re.compile(r"santé|handicap|rqth|invalidit", re.IGNORECASE)
SMALL = "moins de 5"


def is_small_sensitive(row: dict) -> bool:
    value = row.get("value")
    return bool(SENSITIVE.search(str(row.get("label", "")))) and isinstance(value, int) and 0 < value < THRESHOLD


def protect(document: dict) -> dict:
    """A copy of an open-data document in which every small sensitive count of a breakdown (a list of
    {label, value} rows) has no value and says `"masque": "moins de 5"`."""
    document = copy.deepcopy(document)
    for figures in document.values():
        if not isinstance(figures, dict):
            continue
        for rows in figures.values():
            if isinstance(rows, list):
                for row in rows:
                    if isinstance(row, dict) and is_small_sensitive(row):
                        row["value"], row["masque"] = None, SMALL
    return document


def for_open_data(document: dict) -> dict:
    """The open-data files leave the masked rows out altogether."""
    return {
        programme: (
            {
                key: [row for row in rows if not (isinstance(row, dict) and "masque" in row)]
                if isinstance(rows, list)
                else rows
                for key, rows in figures.items()
            }
            if isinstance(figures, dict)
            else figures
        )
        for programme, figures in document.items()
    }
