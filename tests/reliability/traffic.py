"""A load generator in plain Python: one thread per connection, each a visitor going through its pages
in a loop, every answer recorded with when it started and how long it took."""

import itertools
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tests.reliability.servers import Answer, Visitor, page_form

UNAVAILABLE_TITLE = "Service momentanément indisponible"


@dataclass
class Record:
    kind: str  # "public", "staff" or "write"
    url: str
    start: float  # seconds since the traffic started
    seconds: float
    status: int | None  # None: no HTTP answer at all
    problem: str = ""  # what was wrong with the answer, if anything

    @property
    def end(self) -> float:
        return self.start + self.seconds

    @property
    def ok(self) -> bool:
        return not self.problem and self.status is not None and self.status < 400


def problem_of(answer: Answer, expected: int) -> str:
    """Empty when the answer is the one expected, or the portal's French 503 page."""
    if answer.status == 503:
        text = answer.text
        if UNAVAILABLE_TITLE not in text or "Traceback" in text or "OperationalError" in text:
            return "503 without the French page"
        return "" if answer.headers.get("Retry-After") == "30" else "503 without Retry-After"
    return "" if answer.status == expected else f"{answer.status}, expected {expected}"


# A visit is a function (visitor, number) → [(url, answer, expected status)]: one or more requests.
Visit = Callable[[Visitor, int], list[tuple[str, Answer, int]]]


def pages(*urls: str) -> Visit:
    def visit(visitor: Visitor, number: int):
        url = urls[number % len(urls)]
        return [(url, visitor.get(url), 200)]

    return visit


NEW_PEOPLE = itertools.count(1)  # shared by the threads: `next` on it is atomic


def new_pathway(form_url: str, entry_date: str, marker: str, confirmed: list[str]) -> Visit:
    """Open a pathway for a new person (one transaction, two rows: the person and the pathway);
    the names of those the portal confirmed (302) go in `confirmed`."""

    def visit(visitor: Visitor, number: int):
        form = visitor.get(form_url)
        if form.status != 200:
            return [(form_url, form, 200)]
        # A name no one has yet (a namesake would be shown to the adviser for confirmation).
        last_name = f"{marker}-{next(NEW_PEOPLE)}"
        data = {
            **page_form(form, "last_name"), "first_name": "Essai", "last_name": last_name, "gender": "X",
            "birth_date": "1990-04-12", "entry_date": entry_date,
        }  # fmt: skip
        saved = visitor.post(form_url, data)
        if saved.status == 302:
            confirmed.append(last_name)
        return [(form_url, form, 200), (form_url, saved, 302)]

    return visit


@dataclass
class Connection:
    kind: str
    visitor: Visitor
    visit: Visit
    offset: int = 0  # where in its pages this connection starts


class Traffic:
    """`connections` in parallel until `stop()`; `records` fills as answers come."""

    def __init__(self, connections: list[Connection], timeout: float = 30):
        self.connections = connections
        self.timeout = timeout
        self.records: list[Record] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(c,), daemon=True) for c in connections]
        self.started = 0.0

    def now(self) -> float:
        return time.monotonic() - self.started

    def start(self) -> "Traffic":
        self.started = time.monotonic()
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> list[Record]:
        self._stopping.set()
        for thread in self._threads:
            thread.join()
        return sorted(self.records, key=lambda record: record.start)

    def _run(self, connection: Connection) -> None:
        for number in itertools.count():
            if self._stopping.is_set():
                return
            start = self.now()
            try:
                answers = connection.visit(connection.visitor, connection.offset + number)
            except OSError as error:  # refused, reset, timed out: no HTTP answer
                self._add(Record(connection.kind, "?", start, self.now() - start, None, f"no answer: {error!r}"))
                continue
            for url, answer, expected in answers:
                seconds = answer.seconds
                record = Record(connection.kind, url, start, seconds, answer.status, problem_of(answer, expected))
                self._add(record)
                start += seconds

    def _add(self, record: Record) -> None:
        with self._lock:
            self.records.append(record)


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def summary(records: list[Record], seconds: float) -> dict:
    latencies = [record.seconds for record in records]
    return {
        "requests": len(records),
        "per_second": len(records) / seconds,
        "errors": sum(not record.ok for record in records),
        "5xx": sum(record.status is not None and record.status >= 500 for record in records),
        "no_answer": sum(record.status is None for record in records),
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "worst": max(latencies, default=0.0),
    }


def by_kind(records: list[Record]) -> Iterator[tuple[str, list[Record]]]:
    for kind in sorted({record.kind for record in records}):
        yield kind, [record for record in records if record.kind == kind]
