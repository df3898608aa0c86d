"""The expected HTTP status of every URL for every role, written independently of
cbe_portal.permissions so that the matrix test checks the rules rather than restating them.

Each app lists its URLs in `tests/<app>/matrix.py` as `MATRIX = [Row(...), ...]`; the test requests
each URL as one representative of each kind of user (`representatives`), not as all 13 roles."""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

ANONYMOUS = "anonyme"
PROGRAMMES = ["plie", "gpect", "circuits", "incubateur", "ptce"]
ROLES = [
    ANONYMOUS, "partenaire", "membre",
    *[role for programme in PROGRAMMES for role in (programme, f"{programme}-lecture")],
    "coordination",
]  # fmt: skip
OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


def owning_programme(url_name: str) -> str:
    """The programme a URL belongs to: its namespace when that is a programme, else the PLIE (a
    stand-in, so that the core's URLs are requested by staff too)."""
    namespace = url_name.partition(":")[0]
    return namespace if namespace in PROGRAMMES else PROGRAMMES[0]


def representatives(url_name: str) -> list[str]:
    """One role per kind of user: anonymous, partner, member, the owning programme's editor and
    read-only user, another programme's editor (the next one, so that every editor role plays it
    somewhere) and coordination. The roles left out differ from these only by programme."""
    owner = owning_programme(url_name)
    other = PROGRAMMES[(PROGRAMMES.index(owner) + 1) % len(PROGRAMMES)]
    return [ANONYMOUS, "partenaire", "membre", owner, f"{owner}-lecture", other, "coordination"]


@dataclass
class Row:
    """One URL: its name, what each role gets, and how to build its arguments (in the test,
    with the database available)."""

    url_name: str
    expect: Callable[[str], int]
    kwargs: Callable[[], dict] = field(default=dict)


def every_row() -> list[Row]:
    """The rows of every app, from `tests/<app>/matrix.py` (imported when called: they import this
    module)."""
    apps = sorted(path.parent.name for path in Path(__file__).parent.glob("*/matrix.py"))
    return [row for app in apps for row in import_module(f"tests.{app}.matrix").MATRIX]


def public(role: str) -> int:
    return OK


def logged_in(role: str) -> int:
    return LOGIN if role == ANONYMOUS else OK


def coordination_only(role: str) -> int:
    return {ANONYMOUS: LOGIN, "coordination": OK}.get(role, FORBIDDEN)


def programme_read(programme: str) -> Callable[[str], int]:
    def expect(role: str) -> int:
        if role == ANONYMOUS:
            return LOGIN
        return OK if role in {"coordination", programme, f"{programme}-lecture"} else NOT_FOUND

    return expect


def programme_write(programme: str) -> Callable[[str], int]:
    def expect(role: str) -> int:
        if role == f"{programme}-lecture":
            return FORBIDDEN
        return programme_read(programme)(role)

    return expect


def directory_read(role: str) -> int:
    if role == ANONYMOUS:
        return LOGIN
    return FORBIDDEN if role in {"partenaire", "membre"} else OK


def directory_write(role: str) -> int:
    if role.endswith("-lecture"):
        return FORBIDDEN
    return directory_read(role)
