"""The PLIE's collective actions: workshops run with a partner, their sessions and who attended."""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from cbe_portal.audit import track
from cbe_portal.models import (
    Organisation,
    ProgrammeQuerySet,
    SearchQuerySet,
    TimeStampedModel,
    YearLocked,
)
from cbe_portal.validators import validate_past_date

from .parcours import Parcours


class CollectiveActionQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("name", "description", "partner__name")

    def with_sessions(self):
        """The sessions and their attendees (with their person, by name), for the action's page."""
        attendees = Parcours.objects.select_related("person").order_by("person__last_name", "person__first_name")
        return self.prefetch_related(
            Prefetch("sessions", Session.objects.prefetch_related(Prefetch("attendees", attendees)))
        )

    def with_counts(self):
        """`session_count` and `attendee_count` (distinct people), one subquery each per row: a page of
        actions counts its own sessions only."""
        sessions = Session.objects.filter(action=OuterRef("pk")).order_by().values("action")
        attendees = Attendance.objects.filter(session__action=OuterRef("pk")).order_by().values("session__action")
        return self.annotate(
            session_count=Coalesce(Subquery(sessions.annotate(n=Count("pk")).values("n")), 0),
            attendee_count=Coalesce(
                Subquery(attendees.annotate(n=Count("parcours__person", distinct=True)).values("n")), 0
            ),
        )


class CollectiveAction(YearLocked, TimeStampedModel):
    """A collective action (workshops run with a partner), made of sessions."""

    # No date of its own: its name counts in the years of its sessions (see touched_years).
    year_dates = {}

    name = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    partner = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="plie_collective_actions",
        verbose_name="structure partenaire",
    )  # fmt: skip

    objects = CollectiveActionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "action collective"
        verbose_name_plural = "actions collectives"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plie:collective_action_detail", args=[self.pk])

    def touched_years(self, deleting: bool = False) -> set[int]:
        """The years of its sessions when its name changes (deleting it is PROTECTed by them)."""
        if deleting or not self.pk:
            return set()
        if CollectiveAction._base_manager.filter(pk=self.pk, name=self.name).exists():
            return set()
        return {day.year for day in self.sessions.dates("date", "year")}


class Session(YearLocked, TimeStampedModel):
    """A session of a collective action and the participants who attended it. Its attendances count
    in its year too: `SessionForm` checks the year when they change (`attendees.set()` saves none)."""

    year_dates = {"date": ()}

    action = models.ForeignKey(CollectiveAction, models.PROTECT, related_name="sessions", verbose_name="action")
    date = models.DateField("date", validators=[validate_past_date])
    theme = models.CharField("thème de la séance", max_length=200, blank=True)
    attendees = models.ManyToManyField(
        Parcours, through="Attendance", related_name="sessions", blank=True, verbose_name="participant·es"
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "séance"

    def __str__(self):
        return f"{self.action} — {self.theme}" if self.theme else str(self.action)


class Attendance(YearLocked, models.Model):
    """A participant present at a session. The figures count them: deleting a pathway never takes
    its attendances along (PROTECT); deleting the session does."""

    # Dated by its session: it counts in the session's year (see touched_years).
    year_dates = {}

    session = models.ForeignKey(Session, models.CASCADE, related_name="attendances", verbose_name="séance")
    parcours = models.ForeignKey(Parcours, models.PROTECT, related_name="attendances", verbose_name="parcours")

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "présence à une séance"
        verbose_name_plural = "présences à des séances"
        constraints = [models.UniqueConstraint(fields=["session", "parcours"], name="plie_attendance_once")]

    def __str__(self):
        return f"{self.session} le {self.session.date:%d/%m/%Y}"

    def touched_years(self, deleting: bool = False) -> set[int]:
        return {self.session.date.year}


track(CollectiveAction, Session, Attendance)
