"""The PLIE's records: pathways of the people it follows (their barriers, steps, interviews and
exit, and what the FSE+ asks of them), collective actions, the solidarity meal fund."""

from .collective import Attendance, CollectiveAction, CollectiveActionQuerySet, Session
from .freins import Frein, FreinQuerySet
from .fse import FseRecord, YearsBefore
from .meals import MealAid, MealAidQuerySet
from .parcours import (
    ISCED_BANDS,
    LONG_TERM_JOB_SEEKER,
    MAX_CONTRACT_MONTHS,
    NO_NEWS_MONTHS,
    OLD_BARRIER_MONTHS,
    REOPEN_REFUSED,
    SECOND_OPEN_PARCOURS,
    SENSITIVE_WITHOUT_CONSENT,
    SIX_MONTHS,
    EducationLevel,
    ExitType,
    Interview,
    Parcours,
    ParcoursQuerySet,
    Step,
    TwelveMonthsBefore,
    months_before,
    of,
    year_bounds,
    years_between,
)

__all__ = [
    "ISCED_BANDS",
    "LONG_TERM_JOB_SEEKER",
    "MAX_CONTRACT_MONTHS",
    "NO_NEWS_MONTHS",
    "OLD_BARRIER_MONTHS",
    "REOPEN_REFUSED",
    "SECOND_OPEN_PARCOURS",
    "SENSITIVE_WITHOUT_CONSENT",
    "SIX_MONTHS",
    "Attendance",
    "CollectiveAction",
    "CollectiveActionQuerySet",
    "EducationLevel",
    "ExitType",
    "Frein",
    "FreinQuerySet",
    "FseRecord",
    "Interview",
    "MealAid",
    "MealAidQuerySet",
    "Parcours",
    "ParcoursQuerySet",
    "Session",
    "Step",
    "TwelveMonthsBefore",
    "YearsBefore",
    "months_before",
    "of",
    "year_bounds",
    "years_between",
]
