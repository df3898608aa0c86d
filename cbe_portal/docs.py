"""The parts of `docs/` written from the code, so that they cannot drift: the data model (a Mermaid
diagram of every model of the portal's apps) and the open-data keys. `manage.py write_docs` writes
them; a test fails when a committed file differs from what the code says."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

from .open_data import KEYS, LISTS
from .permissions import Programme

DOCS = Path(settings.BASE_DIR) / "docs"
PORTAL_APPS = ("cbe_portal", *Programme.values)


def data_model() -> str:
    lines = [
        "# Data model",
        "",
        "Written by `uv run manage.py write_docs` from the models; `tests/cbe_portal/test_docs.py` fails when it",
        "is out of date. One diagram per app; a relation to another app's model names it `app.Model`.",
        "",
    ]
    for label in PORTAL_APPS:
        config = apps.get_app_config(label)
        lines += [f"## {config.verbose_name} (`{label}`)", "", "```mermaid", "erDiagram"]
        for model in config.get_models():
            name = model.__name__
            lines.append(f"    {name} {{")
            for field in model._meta.fields:
                kind = field.get_internal_type().removesuffix("Field") or "Field"
                lines.append(f"        {kind} {field.name}{' PK' if field.primary_key else ''}")
            lines.append("    }")
            for field in [*model._meta.fields, *model._meta.many_to_many]:
                if field.is_relation and field.related_model:
                    target = field.related_model
                    target_name = target.__name__ if target._meta.app_label == label else f'"{target._meta.label}"'
                    arrow = "}o--o{" if field.many_to_many else ("|o--o|" if field.one_to_one else "}o--||")
                    lines.append(f"    {name} {arrow} {target_name} : {field.name}")
        lines += ["```", ""]
    return "\n".join(lines)


def open_data_keys() -> str:
    lines = [
        "# Open-data keys",
        "",
        "Written by `uv run manage.py write_docs` from `cbe_portal/open_data.py`, the one list of the keys that",
        "`/donnees/<année>.json` and `.csv` publish for each programme (kinds: `count`, `share` a ratio 0–1,",
        "`euros`, `evolution` a growth ratio; `list` the records a programme's pages list, in the JSON only).",
        "",
    ]
    for programme in Programme:
        lines += [f"## {programme.label} (`{programme.value}`)", "", "| clé | type | définition |", "|---|---|---|"]
        lines += [
            f"| `{key.name}` | {key.kind} | {key.definition} |"
            for key in KEYS[programme.value] + LISTS[programme.value]
        ]
        lines.append("")
    return "\n".join(lines)


def import_formats() -> str:
    from .imports import formats

    lines = [
        "# Import formats",
        "",
        "Written by `uv run manage.py write_docs` from the formats the apps declare (`imports.py`). Files are CSV",
        "(UTF-8 with or without BOM, or Windows-1252; `;` or `,`, detected) or XLSX; the first row holds the",
        "headers below (accents and case ignored, columns in any order); dates are JJ/MM/AAAA or AAAA-MM-JJ,",
        "decimals take a comma. A file is checked whole and imported all or nothing; every bad cell is reported",
        "with its line, column, value and why. In the staff space: `/espace/imports/` (a preview first); on a",
        "server: `uv run manage.py import_data <format> <file> [--dry-run]`.",
        "",
        "Every line goes through the staff forms, so that their rules and messages apply. Lines are written in",
        "batches of 200 under one savepoint, the new records of a batch inserted together, while the file has",
        "no problem; a batch with a bad line is undone and written again line by line, each in its own",
        "savepoint, so that the next lines are still checked. 10 000 new pathways take about 13 s on two cores",
        "(`tests/bench/test_imports_at_scale.py`).",
        "",
    ]
    for fmt in formats().values():
        lines += [f"## `{fmt.name}`: {fmt.label}", "", fmt.description, "", "| colonne | obligatoire |", "|---|---|"]
        lines += [f"| {column.header} | {'oui' if column.required else 'non'} |" for column in fmt.columns]
        lines.append("")
    return "\n".join(lines)


GENERATED = {"data-model.md": data_model, "open-data.md": open_data_keys, "import.md": import_formats}
