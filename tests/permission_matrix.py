"""The expected HTTP status of every URL for every role, written independently of
cbe_portal.permissions so that the matrix test checks the rules rather than restating them.

Each app lists its URLs in `tests/<app>/matrix.py` as `MATRIX = [Row(...), ...]`."""

from collections.abc import Callable
from dataclasses import dataclass, field

ANONYMOUS = "anonyme"
PROGRAMMES = ["plie", "gpect", "circuits", "incubateur", "ptce"]
ROLES = [
    ANONYMOUS, "partenaire", "membre",
    *[role for programme in PROGRAMMES for role in (programme, f"{programme}-lecture")],
    "coordination",
]  # fmt: skip
OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


@dataclass
class Row:
    """One URL: its name, what each role gets, and how to build its arguments (in the test,
    with the database available)."""

    url_name: str
    expect: Callable[[str], int]
    kwargs: Callable[[], dict] = field(default=dict)


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
