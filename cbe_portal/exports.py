"""A staff list taken out as a file: what the list shows (its filters and sort order), as CSV in the
French convention (`;`, decimal comma, UTF-8 with BOM: it opens as is in a French spreadsheet) or as
XLSX. Text a spreadsheet would run as a formula is neutralised; exports of personal data are recorded
in `AccessLog`. A list view adds one line: `if response := export(request, rows, COLUMNS, "name"): return response`."""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from .models import AccessLog

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe, so that a spreadsheet shows it
    as text instead of running it (« =HYPERLINK(...) » → « '=HYPERLINK(...) »)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def french(value) -> str:
    """A cell of the French CSV: dates as JJ/MM/AAAA, decimal comma, booleans as oui/non."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | Decimal):
        text = f"{round(Decimal(str(value)), 4):f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")
    return str(neutralise(value) if isinstance(value, str) else value)


def csv_response(rows, columns: list[Column], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([french(column.value(row)) for column in columns])
    return response


def xlsx_response(rows, columns: list[Column], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    sheet.append([column.header for column in columns])
    for row in rows:
        sheet.append([xlsx_cell(column.value(row)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return neutralise(value)
    if value is not None and not isinstance(value, int | float | bool | datetime.date):
        return str(value)
    return value


def export(request, rows, columns: list[Column], filename: str, person: Callable | None = None):
    """The file asked for with `?export=csv` or `?export=xlsx`, else None (the view renders its page).
    `person(row)` gives the person id of a row holding personal data: each export is then recorded."""
    kind = request.GET.get("export")
    if kind not in ("csv", "xlsx"):
        return None
    rows = list(rows[:MAX_ROWS])
    if person:
        AccessLog.record(request.user, [person(row) for row in rows], AccessLog.Action.EXPORT, f"export {filename}")
    return (csv_response if kind == "csv" else xlsx_response)(rows, columns, filename)
