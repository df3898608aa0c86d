"""How the incubator accompanies its projects: appointments, collective sessions, trainings."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    OuterRef,
    Q,
)
from django.urls import reverse
from django.utils import timezone

from cbe_portal.audit import track
from cbe_portal.models import Person, ProgrammeQuerySet, SearchQuerySet, TimeStampedModel, YearLocked
from cbe_portal.validators import validate_past_date, validate_planned_date

from .projects import CollectiveMember, Project, count_of


class AppointmentQuerySet(ProgrammeQuerySet):
    def coming(self, days: int):
        """The appointments from today to `days` days ahead."""
        today = timezone.localdate()
        return self.filter(date__range=(today, today + datetime.timedelta(days=days)))


class Appointment(TimeStampedModel):
    """An individual appointment of a project with a member of the accompanying collective."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="appointments", verbose_name="projet")
    date = models.DateField("date", validators=[validate_planned_date])
    member = models.ForeignKey(
        CollectiveMember, models.PROTECT, related_name="appointments", verbose_name="structure accompagnante"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "durée (minutes)",
        validators=[
            MinValueValidator(10, "Un rendez-vous dure au moins 10 minutes."),
            MaxValueValidator(480, "Un rendez-vous dure au plus 8 heures (480 minutes)."),
        ],
    )
    notes = models.TextField("notes", blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "rendez-vous individuel"
        verbose_name_plural = "rendez-vous individuels"
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="incubateur_rendezvous_duration_positive",
                violation_error_message="La durée du rendez-vous doit être positive.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"Rendez-vous du {self.date:%d/%m/%Y} ({self.project})"

    def clean(self):
        if not self.date:
            return
        if self.project_id and (first := self.project.first_reception_date()) and self.date < first:
            raise ValidationError(
                {"date": f"Ce projet a été accueilli pour la première fois le {first:%d/%m/%Y} : "
                 "un rendez-vous ne peut pas le précéder."}
            )  # fmt: skip
        if self.member_id and not self.member.is_member_on(self.date):
            raise ValidationError(
                {"member": f"{self.member} n'est pas membre du collectif à cette date ({self.member.period()})."}
            )


class CollectiveTimeQuerySet(ProgrammeQuerySet):
    def with_attendees_count(self):
        attendees = CollectiveTime.attendees.through.objects.filter(collectivetime=OuterRef("pk"))
        return self.annotate(attendees_count=count_of(attendees))

    def attended_by_holders_of(self, project):
        return self.filter(attendees__incubateur_projects=project).distinct()


class CollectiveTime(YearLocked, TimeStampedModel):
    """A monthly collective session between peers (the project holders)."""

    year_dates = {"date": ()}

    date = models.DateField("date", validators=[validate_past_date])
    theme = models.CharField("thème", max_length=200)
    attendees = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_collective_times", verbose_name="porteur·ses présent·es"
    )

    objects = CollectiveTimeQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "temps collectif"
        verbose_name_plural = "temps collectifs"
        indexes = [models.Index(fields=["date", "id"], name="incubateur_collective_date_idx")]

    def __str__(self):
        return f"{self.theme} ({self.date:%d/%m/%Y})"


class TrainingQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("title", "description")

    def with_sessions_count(self):
        return self.annotate(sessions_count=count_of(TrainingSession.objects.filter(training=OuterRef("pk"))))

    def with_sessions(self):
        """Trainings with their sessions, newest first, their participants counted."""
        sessions = TrainingSession.objects.with_participants_count()
        return self.prefetch_related(models.Prefetch("sessions", queryset=sessions))


class Training(YearLocked, TimeStampedModel):
    """A training of the catalogue; `finalised_on` is when its content was ready to be given. It also
    counts in the years of its sessions, which check their own."""

    year_dates = {"finalised_on": ()}

    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    finalised_on = models.DateField(
        "finalisée le", null=True, blank=True, validators=[validate_past_date],
        help_text="Laisser vide tant que la formation est en préparation.",
    )  # fmt: skip

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "formation"
        indexes = [models.Index(fields=["title", "id"], name="incubateur_training_title_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("incubateur:training_detail", args=[self.pk])


class TrainingSessionQuerySet(ProgrammeQuerySet):
    def with_participants_count(self):
        participants = TrainingSession.participants.through.objects.filter(trainingsession=OuterRef("pk"))
        return self.annotate(participants_count=count_of(participants))


class TrainingSession(YearLocked, TimeStampedModel):
    year_dates = {"date": ("training",)}

    training = models.ForeignKey(Training, models.PROTECT, related_name="sessions", verbose_name="formation")
    date = models.DateField("date", validators=[validate_past_date])
    place = models.CharField("lieu", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "nombre de places", null=True, blank=True, help_text="Laisser vide si la jauge n'est pas limitée.",
        validators=[
            MinValueValidator(1, "Une session compte au moins une place."),
            MaxValueValidator(100, "Une session compte au plus 100 places."),
        ],
    )  # fmt: skip
    participants = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_training_sessions", verbose_name="participant·es"
    )

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "session de formation"
        verbose_name_plural = "sessions de formation"
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="incubateur_session_capacity_positive",
                violation_error_message="Le nombre de places doit être positif.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.training} — {self.date:%d/%m/%Y}"


track(Appointment, CollectiveTime, Training, TrainingSession)
