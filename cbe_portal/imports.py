"""Bringing in the spreadsheets the CBE keeps: one documented format per kind of record, read from
CSV (UTF-8 with or without BOM, or Windows-1252; `;` or `,`) or XLSX, with French headers, dates as
JJ/MM/AAAA or ISO and decimal commas. A run checks every line, reports every bad cell (line, column,
value, why) and writes all or nothing; a dry run (the preview) writes nothing and says what would be
created, updated or left alone. Each app declares its formats in `<app>/imports.py` as `FORMATS`."""

import csv
import datetime
import io
import logging
import re
import threading
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from functools import wraps
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# The lookups remembered while one file is read (`per_file`): set by `run`, one per file and per thread.
FILE_MEMO: ContextVar[dict | None] = ContextVar("import_file_memo", default=None)
# The records added by a batch of lines written at once (`added`), inserted when the batch ends.
BATCH: ContextVar["Batch | None"] = ContextVar("import_batch", default=None)


class FileError(Exception):
    """The file as a whole cannot be read: its French message is shown as is."""


# Cell parsers: each returns a value or raises ValueError with a French reason.


def text(value: str) -> str:
    """Text as written; one starting like a spreadsheet formula is stored as text, never run."""
    return value.strip()


DAY_MONTH_YEAR = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


def date(value: str) -> datetime.date:
    value = value.strip()
    if found := DAY_MONTH_YEAR.fullmatch(value):  # the usual JJ/MM/AAAA, without strptime's cost
        day, month, year = map(int, found.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError("cette date n'existe pas (jour ou mois hors du calendrier)") from None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}", value):
        raise ValueError("cette date n'existe pas (jour ou mois hors du calendrier)")
    raise ValueError("date attendue au format JJ/MM/AAAA (par exemple 31/01/2020)")


def decimal(value: str) -> Decimal:
    try:
        return Decimal(value.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError("nombre attendu (par exemple 12,5)") from None


def integer(value: str) -> int:
    number = decimal(value)
    if number != number.to_integral_value():
        raise ValueError("nombre entier attendu")
    return int(number)


def boolean(value: str) -> bool:
    folded = value.strip().lower()
    if folded in {"oui", "o", "vrai", "1", "x", "yes"}:
        return True
    if folded in {"non", "n", "faux", "0", "", "no"}:
        return False
    raise ValueError("« oui » ou « non » attendu")


def choice(choices) -> Callable[[str], str]:
    """A value among a TextChoices' values or labels (accents and case ignored)."""
    from .models import fold

    by_name = {fold(str(label)).lower(): value for value, label in choices.choices}
    by_name |= {fold(str(value)).lower(): value for value in choices.values}

    def parse(value: str) -> str:
        try:
            return by_name[fold(value.strip()).lower()]
        except KeyError:
            allowed = ", ".join(str(label) for label in choices.labels)
            raise ValueError(f"valeur inconnue ; valeurs possibles : {allowed}") from None

    return parse


@dataclass(frozen=True)
class Column:
    header: str  # as in the file's first row (accents and case ignored when matching)
    name: str  # the key in the row given to `save_row`
    parse: Callable[[str], object] = text
    required: bool = True
    help: str = ""


@dataclass
class Format:
    """One kind of file: its columns and how a parsed row is written (matched or created)."""

    name: str  # in URLs and the command: "organisations"
    label: str
    columns: list[Column]
    save_row: Callable[[dict, object], str]  # (row, user) → CREATED/UPDATED/UNCHANGED; raises ValidationError
    programme: str | None = None  # None: the shared directory
    description: str = ""

    def template_csv(self) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerow([column.header for column in self.columns])
        return "\ufeff" + buffer.getvalue()


@dataclass
class Problem:
    line: int
    column: str
    value: str
    message: str


@dataclass
class Result:
    counts: dict = field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0})
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        """What a background import keeps of its run (`PendingImport.result`)."""
        return {"counts": self.counts, "problems": [asdict(p) for p in self.problems], "lines": self.lines}

    @classmethod
    def from_dict(cls, data: dict) -> "Result":
        return cls(data["counts"], [Problem(**p) for p in data["problems"]], data["lines"])


def per_file(lookup):
    """`lookup` remembered until the end of the file being imported, so that a file of 10 000 lines
    looks up each of its few markets, prescribers or exit types once. Only for records the lines
    read and never create or change; a failed lookup (an exception) is not remembered."""

    @wraps(lookup)
    def remembered(*key):
        memo = FILE_MEMO.get()
        if memo is None:  # not while a file is imported: nothing to share it with
            return lookup(*key)
        if (lookup, key) not in memo:
            memo[lookup, key] = lookup(*key)
        return memo[lookup, key]

    return remembered


def formats() -> dict[str, Format]:
    """Every app's formats, by name, the shared directory's first."""
    from .permissions import programme_configs

    found = {}
    for module in ["cbe_portal.import_formats"] + [f"{c.name}.imports" for c in programme_configs()]:
        if find_spec(module):
            found |= {fmt.name: fmt for fmt in import_module(module).FORMATS}
    return found


def decode(content: bytes) -> str:
    if not content.strip():
        raise FileError("Le fichier est vide.")
    if b"\x00" in content[:4096]:
        raise FileError("Ce fichier n'est pas un fichier texte CSV : enregistrez-le au format CSV ou XLSX.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError("L'encodage du fichier n'est pas reconnu : enregistrez-le en CSV UTF-8.")


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text cells, the header row first."""
    if len(content) > MAX_BYTES:
        raise FileError("Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.")
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(content)
    if not filename.lower().endswith((".csv", ".txt")):
        raise FileError("Format non reconnu : envoyez un fichier CSV ou XLSX.")
    text_content = decode(content)
    first_line = text_content.splitlines()[0] if text_content.splitlines() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [
        row for row in csv.reader(io.StringIO(text_content), delimiter=delimiter) if any(cell.strip() for cell in row)
    ]


def read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise FileError("Ce fichier n'est pas un classeur XLSX lisible.") from None
    rows = []
    for values in sheet.iter_rows(values_only=True):
        cells = [xlsx_text(value) for value in values]
        if any(cell.strip() for cell in cells):
            rows.append(cells)
    return rows


def xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_map(fmt: Format, headers: list[str]) -> dict[str, int]:
    from .models import fold

    position = {fold(header.strip()).lower(): index for index, header in enumerate(headers)}
    missing = [
        column.header for column in fmt.columns if column.required and fold(column.header).lower() not in position
    ]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise FileError(f"Colonne{plural} absente{plural} de la première ligne : {', '.join(missing)}.")
    return {
        column.name: position[fold(column.header).lower()]
        for column in fmt.columns
        if fold(column.header).lower() in position
    }


def parse_line(number: int, cells: list[str], columns: list[Column], positions: dict, problems: list) -> dict | None:
    """A line's cells parsed by their columns, or None after adding its problems to `problems`."""
    parsed, before = {}, len(problems)
    for column in columns:
        if column.name not in positions:
            continue
        index = positions[column.name]
        raw = cells[index] if index < len(cells) else ""
        if not raw.strip():
            parsed[column.name] = None
            if column.required:
                problems.append(Problem(number, column.header, raw, "valeur obligatoire"))
            continue
        try:
            parsed[column.name] = column.parse(raw)
        except ValueError as error:
            problems.append(Problem(number, column.header, raw, str(error)))
    return parsed if len(problems) == before else None


def refusals(number: int, error: ValidationError, cells, columns: dict, positions: dict):
    """The Problems of a line that the record's own rules refused (a form's errors, a locked year)."""
    errors = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for name, messages in errors:
        column = columns.get(name)
        value = cells[positions[name]] if column and name in positions and positions[name] < len(cells) else ""
        for message in messages:
            yield Problem(number, column.header if column else "(ligne entière)", value, message)


def data_rows(content: bytes, filename: str) -> list[list[str]]:
    """The file's rows, the header row first, refused when there is no line under it."""
    rows = read_table(content, filename)
    if len(rows) < 2:
        raise FileError("Le fichier n'a aucune ligne de données sous ses en-têtes.")
    return rows


def line_count(content: bytes, filename: str) -> int:
    """The number of data lines of a readable file (FileError otherwise): what decides whether the
    staff page imports it at once or in the background."""
    return len(data_rows(content, filename)) - 1


def run(fmt: Format, content: bytes, filename: str, user, dry_run: bool, progress=None) -> Result:
    """Check and write a file: all or nothing. `progress(done, total)` is called as lines are read."""
    rows = data_rows(content, filename)
    positions = header_map(fmt, rows[0])
    result = Result(lines=len(rows) - 1)
    columns = {column.name: column for column in fmt.columns}
    memo = FILE_MEMO.set({})
    try:
        write(fmt, rows, positions, columns, user, dry_run, result, progress)
    finally:
        FILE_MEMO.reset(memo)
    return result


LINES_A_SAVEPOINT = 200


class Refused(Exception):
    """A line of a batch written at once was refused: the batch is written again line by line."""


class Batch:
    """The new records of a batch of lines written at once (`added`), inserted together at its end,
    table by table (`bulk_create`): inserting a new pathway's person, the pathway and its FSE+
    answers one statement each took two fifths of an import's time. Each record gets its key from its
    table's sequence as it is added, so that the next records of the batch can point at it (the
    foreign keys are checked when the transaction ends)."""

    def __init__(self):
        self.records: dict[type, list] = {}
        self.keys: dict[type, list[int]] = {}

    def add(self, record) -> None:
        from .models import YearLocked

        if isinstance(record, YearLocked):  # what its save() checks
            record.refuse_locked_years()
        model = type(record)
        if not self.keys.get(model):
            self.keys[model] = reserved_keys(model, LINES_A_SAVEPOINT)
        record.pk = self.keys[model].pop()
        self.records.setdefault(model, []).append(record)

    def insert(self) -> None:
        from . import figures

        for model, records in self.records.items():
            model._base_manager.bulk_create(records)
        if self.records:
            figures.invalidate()  # no signal from bulk_create
        self.records.clear()


def reserved_keys(model, count: int) -> list[int]:
    """`count` keys taken from `model`'s sequence, the smallest last."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s) ORDER BY 1 DESC",
            [connection.ops.quote_name(table), column, count],
        )
        return [key for (key,) in cursor.fetchall()]


def added(record) -> None:
    """A new record of a line, without many-to-many relations: inserted with its batch while lines are
    written at once, else saved now."""
    if batch := BATCH.get():
        batch.add(record)
    else:
        record.save()


def inserted() -> None:
    """What the batch has added, inserted now: before a line reads the records of someone it names
    (a person added by an earlier line of the batch, with a pathway)."""
    if batch := BATCH.get():
        batch.insert()


def write(fmt: Format, rows, positions, columns, user, dry_run: bool, result: Result, progress) -> None:
    """Every line, in batches written at once while the file has no problem (one savepoint, the new
    records inserted together); a batch with a problem is undone and written again line by line, each
    in its own savepoint, so that one refused line leaves nothing behind and the next lines are still
    checked."""
    from .figures import invalidated_once

    lines, furthest = list(enumerate(rows[1:], start=2)), 0

    def forward(done: int, total: int) -> None:
        """`progress`, never backwards: a batch written again reports its lines once."""
        nonlocal furthest
        if progress and done > furthest:
            furthest = done
            progress(done, total)

    with invalidated_once() as changes, transaction.atomic():
        for start in range(0, len(lines), LINES_A_SAVEPOINT):
            batch = lines[start : start + LINES_A_SAVEPOINT]
            if not result.problems:
                counts, token = dict(result.counts), BATCH.set(Batch())
                try:
                    with transaction.atomic():
                        for number, cells in batch:
                            write_line(fmt, number, cells, positions, columns, user, result, forward, at_once=True)
                        BATCH.get().insert()
                    continue
                except Refused:
                    result.counts, result.problems = counts, []
                finally:
                    BATCH.reset(token)
            for number, cells in batch:
                write_line(fmt, number, cells, positions, columns, user, result, forward, at_once=False)
        if dry_run or result.problems:
            transaction.set_rollback(True)
            changes.clear()  # nothing is written: the cached figures stay right


def write_line(fmt: Format, number: int, cells, positions, columns, user, result: Result, progress, at_once: bool):
    """One line, checked then written; its problems added to `result` (`at_once`: Refused raised)."""
    parsed = parse_line(number, cells, fmt.columns, positions, result.problems)
    if parsed is not None:
        try:
            with transaction.atomic(savepoint=not at_once):
                result.counts[fmt.save_row(parsed, user)] += 1
        except ValidationError as error:
            if at_once:
                raise Refused from None
            result.problems.extend(refusals(number, error, cells, columns, positions))
    if at_once and result.problems:
        raise Refused
    progress(number - 1, result.lines)


# Large files, in the background ---------------------------------------------------------------


def in_background(lines: int) -> bool:
    """Too many lines to check or apply within a web request (`settings.IMPORT_BACKGROUND_LINES`)."""
    return lines > settings.IMPORT_BACKGROUND_LINES


def start_in_background(pending, dry_run: bool) -> None:
    """Check (`dry_run`) or apply a pending import in a thread of its own, once the transaction that
    records it commits. The page of the import shows its progress until it is done; applying is
    still all or nothing."""
    Status = type(pending).Status
    pending.status, pending.done = (Status.CHECKING if dry_run else Status.APPLYING), 0
    pending.save(update_fields=["status", "done", "updated_at"])
    thread = threading.Thread(target=run_pending, args=(pending.pk, dry_run), name=f"import-{pending.pk}", daemon=True)
    transaction.on_commit(thread.start)


def run_pending(pk: int, dry_run: bool) -> None:
    """The background run of a pending import: its result, or FAILED if it broke off."""
    from .models import PendingImport

    Status = PendingImport.Status
    try:
        pending = PendingImport.objects.select_related("created_by").get(pk=pk)
        with progress_writer(pending) as progress:
            result = run(formats()[pending.format], bytes(pending.content), pending.filename, pending.created_by,
                         dry_run, progress)  # fmt: skip
        status = Status.REFUSED if not result.ok else Status.CHECKED if dry_run else Status.APPLIED
        finished = {"status": status, "done": result.lines, "result": result.as_dict()}
        if status != Status.CHECKED:  # the file is no longer needed: its personal data goes
            finished["content"] = b""
        PendingImport.objects.filter(pk=pk).update(**finished)
    except Exception:
        logger.exception("L'import en arrière-plan n° %s s'est interrompu.", pk)
        PendingImport.objects.filter(pk=pk).update(status=Status.FAILED, content=b"")
    finally:
        connection.close()  # a thread's connection is never closed by a request's end


@contextmanager
def progress_writer(pending):
    """`progress(done, total)` for `run`, written about every hundredth of the file through a
    connection of its own: the import's transaction shows nothing to the page until it ends."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    quote = other.ops.quote_name
    table, step = type(pending)._meta.db_table, max(pending.lines // 100, 1)
    sql = f"UPDATE {quote(table)} SET {quote('done')} = %s, {quote('updated_at')} = NOW() WHERE {quote('id')} = %s"

    def progress(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            with other.cursor() as cursor:
                cursor.execute(sql, [done, pending.pk])

    try:
        yield progress
    finally:
        other.close()
