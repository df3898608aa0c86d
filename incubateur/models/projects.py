"""The incubator's projects and the people who carry them: first receptions, stages, orientation
committees and their decisions; the collective of structures that accompanies them."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import classproperty

from cbe_portal.audit import track
from cbe_portal.models import Organisation, Person, ProgrammeQuerySet, SearchQuerySet, TimeStampedModel, YearLocked
from cbe_portal.publication import check_unlocked
from cbe_portal.validators import validate_past_date


class Stage(models.TextChoices):
    """The stages of a project, in the order a project moves through them."""

    IDEE = "idee", "Idée"
    PRE_INCUBATION = "pre_incubation", "Pré-incubation"
    INCUBATION = "incubation", "Incubation"
    LANCEMENT = "lancement", "Lancement"
    SORTI = "sorti", "Sorti"

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


# The stages during which the incubator accompanies a project.
ACCOMPANIED_STAGES = (Stage.PRE_INCUBATION, Stage.INCUBATION, Stage.LANCEMENT)


class Theme(models.TextChoices):
    ALIMENTATION = "alimentation", "Alimentation et circuits courts"
    REEMPLOI = "reemploi", "Réemploi et économie circulaire"
    MOBILITE = "mobilite", "Mobilité"
    CULTURE = "culture", "Culture et lien social"
    TIERS_LIEU = "tiers_lieu", "Tiers-lieux"
    HABITAT = "habitat", "Habitat et éco-construction"
    SERVICES = "services", "Services aux habitants"
    AUTRE = "autre", "Autre"


def count_of(queryset):
    """COUNT(*) of `queryset` (filtered on an `OuterRef`) as a correlated subquery: PostgreSQL computes
    it for the rows a page shows only, where a GROUP BY would count for the whole table."""
    count = Func("pk", function="COUNT", output_field=IntegerField())
    return Coalesce(Subquery(queryset.order_by().annotate(n=count).values("n")), Value(0))


TODAY = Cast(Now(), DateField())


@dataclass(frozen=True)
class PersonRow:
    record: models.Model
    person: Person | None

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person else None


class PersonRows:
    """The rows of a list of records, one per person of their many-to-many `relation` (a record
    without any: one row, `person` None), in the list's order; sliced like a QuerySet, in as many
    queries. Prefetch `relation` with the people the user may see. What a list exports:
    `exports.export` takes one person per row, so that it records whose data went out."""

    def __init__(self, records, relation: str):
        self.records, self.relation = records, relation

    def __getitem__(self, key: slice) -> list[PersonRow]:
        return [
            PersonRow(record, person)
            for record in self.records[key]
            for person in list(getattr(record, self.relation).all()) or [None]
        ]


class PersonRowsQuerySet(models.QuerySet):
    def per_person(self, relation: str) -> PersonRows:
        return PersonRows(self, relation)


class CollectiveMemberQuerySet(ProgrammeQuerySet, PersonRowsQuerySet):
    def with_people(self, user):
        """Members with their organisations and the accompanying people `user` may see."""
        people = models.Prefetch("people", queryset=Person.objects.visible_to(user))
        return self.select_related("organisation").prefetch_related(people)


class CollectiveMember(TimeStampedModel):
    """A member organisation of the accompanying collective, and the people it involves."""

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="incubateur_member", verbose_name="organisation"
    )
    joined_on = models.DateField("membre depuis le", validators=[validate_past_date])
    left_on = models.DateField(
        "sorti du collectif le", null=True, blank=True, validators=[validate_past_date],
        help_text="Seulement pour un membre qui a quitté le collectif.",
    )  # fmt: skip
    people = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_collective_members", verbose_name="accompagnant·es"
    )

    objects = CollectiveMemberQuerySet.as_manager()
    # Its accompanying people stay in the directory while it is a member (cbe_portal.gdpr).
    last_activity = Coalesce(F("left_on"), TODAY)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "membre du collectif d'accompagnement"
        verbose_name_plural = "membres du collectif d'accompagnement"
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="incubateur_member_left_after_joined",
                violation_error_message="La date de sortie du collectif précède la date d'entrée.",
            )
        ]

    def __str__(self):
        return self.organisation.name

    def clean(self):
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError(
                {"left_on": f"Ce membre est entré dans le collectif le {self.joined_on:%d/%m/%Y} : il ne peut pas "
                 "en être sorti avant."}
            )  # fmt: skip

    def is_member_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)

    def period(self) -> str:
        if self.left_on:
            return f"membre du {self.joined_on:%d/%m/%Y} au {self.left_on:%d/%m/%Y}"
        return f"membre depuis le {self.joined_on:%d/%m/%Y}"


class ProjectQuerySet(ProgrammeQuerySet, SearchQuerySet, PersonRowsQuerySet):
    search_fields = ("name", "description", "holders__last_name", "holders__first_name")

    def search(self, text: str):
        return super().search(text).distinct()

    def with_first_reception(self):
        return self.annotate(first_reception=Min("receptions__date"))

    def with_stage_rank(self):
        """`stage_rank`: the stage's place in the pipeline, to sort by stage in that order."""
        ranks = [When(stage=stage, then=Value(stage.rank)) for stage in Stage]
        return self.annotate(stage_rank=Case(*ranks, output_field=IntegerField()))

    def in_progress(self):
        return self.exclude(stage=Stage.SORTI)

    def with_holders_count(self):
        return self.annotate(holders_count=Count("holders")).order_by("name")

    def with_holders(self, user):
        """Projects with the holders `user` may see."""
        return self.prefetch_related(models.Prefetch("holders", queryset=Person.objects.visible_to(user)))

    def with_file(self, user):
        """What a project's page shows: its holders (those `user` may see), history, receptions,
        committees, appointments and what it created."""
        from .outcomes import CreatedStructure
        from .support import Appointment

        return self.prefetch_related(
            models.Prefetch("holders", queryset=Person.objects.visible_to(user)),
            models.Prefetch("stage_changes", queryset=StageChange.objects.select_related("recorded_by")),
            "receptions",
            models.Prefetch("presentations", queryset=Presentation.objects.select_related("committee")),
            models.Prefetch("appointments", queryset=Appointment.objects.select_related("member__organisation")),
            models.Prefetch("structures", queryset=CreatedStructure.objects.select_related("organisation")),
            "jobs",
        )


class Project(YearLocked, TimeStampedModel):
    name = models.CharField("nom du projet", max_length=200)
    theme = models.CharField("thématique", max_length=20, choices=Theme)
    description = models.TextField("description", blank=True)
    holders = models.ManyToManyField(Person, related_name="incubateur_projects", verbose_name="porteur·ses")
    # The stage of the latest StageChange, kept here for lists; only change_stage() writes it.
    stage = models.CharField("étape actuelle", max_length=20, choices=Stage, default=Stage.IDEE, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "projet"
        indexes = [models.Index(fields=["name", "id"], name="incubateur_project_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("incubateur:project_detail", args=[self.pk])

    @classproperty
    def last_activity(cls):
        """Its holders stay in the directory while it goes on: up to today until it leaves the
        incubator, then up to its exit (cbe_portal.gdpr)."""
        exit_date = StageChange.objects.filter(project=OuterRef("pk")).order_by("-date").values("date")[:1]
        return Case(When(~Q(stage=Stage.SORTI), then=TODAY), default=Subquery(exit_date), output_field=DateField())

    def latest_change(self):
        return self.stage_changes.order_by("-date", "-pk").first()

    def presented_years(self) -> set[int]:
        """The years of its presentations in committee, which count its holders (`porteurs_presentes`)."""
        return {day.year for day in self.presentations.values_list("committee__date", flat=True)}

    def counted_years(self) -> set[int]:
        """The years whose figures count this project: from its first stage change to this year (its
        stage on each 31 December, its theme while accompanied) and those of its presentations."""
        first = self.stage_changes.order_by("date").values_list("date", flat=True).first()
        years = set(range(first.year, timezone.localdate().year + 1)) if first else set()
        return years | self.presented_years()

    def touched_years(self, deleting: bool = False) -> set[int]:
        """A project has no date of its own: deleting it or changing its theme touches every year
        that counts it. Its name and description count in no figure; its stage changes check their
        own years, and ProjectForm its holders'."""
        if not self.pk:
            return set()
        if deleting or Project._base_manager.filter(pk=self.pk).exclude(theme=self.theme).exists():
            return self.counted_years()
        return set()

    def first_reception_date(self) -> datetime.date | None:
        return self.receptions.aggregate(first=Min("date"))["first"]

    def check_stage_change(self, stage: str, date: datetime.date, reason: str = "") -> None:
        """The rules of a stage change: not in a published year, never dated before the latest one,
        and a move backwards (to an earlier stage) must say why."""
        StageChange(project=self, stage=stage, date=date).refuse_locked_years()
        latest = self.latest_change()
        if latest is None:
            return
        errors = {}
        if date < latest.date:
            errors["date"] = (
                f"Le dernier changement d'étape date du {latest.date:%d/%m/%Y} : "
                "un nouveau changement ne peut pas être antérieur."
            )
        if Stage(stage).rank < Stage(latest.stage).rank and not reason.strip():
            errors["reason"] = (
                f"Revenir de l'étape « {Stage(latest.stage).label} » à l'étape « {Stage(stage).label} » "
                "est un retour en arrière : indiquez-en le motif."
            )
        if errors:
            raise ValidationError(errors)

    @transaction.atomic
    def change_stage(
        self, stage: str, date: datetime.date, reason: str = "", user=None, presentation=None
    ) -> "StageChange":
        """Move the project to `stage` on `date`; the history keeps who did it and from which stage."""
        self.check_stage_change(stage, date, reason)
        change = self.stage_changes.create(
            stage=stage, date=date, reason=reason.strip(), recorded_by=user, presentation=presentation,
            previous_stage=self.stage if self.stage_changes.exists() else "",
        )  # fmt: skip
        self.stage = stage
        self.save(update_fields=["stage", "updated_at"])
        return change


class StageChangeQuerySet(ProgrammeQuerySet):
    def with_end(self):
        """`end`: the date of the project's next stage change (None for the current stage)."""
        later = StageChange.objects.filter(project=OuterRef("project")).filter(
            Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk"))
        )
        return self.annotate(end=Subquery(later.order_by("date", "pk").values("date")[:1]))

    def accompanied_during(self, year: int):
        """Periods in an accompanied stage covering at least one day of `year`."""
        return (
            self.with_end()
            .filter(stage__in=ACCOMPANIED_STAGES, date__lte=datetime.date(year, 12, 31))
            .filter(Q(end__isnull=True) | Q(end__gt=datetime.date(year, 1, 1)))
        )


class StageChange(YearLocked, models.Model):
    """One entry of a project's history: it entered `stage` on `date`, coming from `previous_stage`;
    who recorded it and when. `presentation` is the committee decision that made the move, if one did."""

    # CASCADE: a project's history belongs to it (a project entered by mistake goes with its history);
    # the year lock keeps the histories that published figures count.
    project = models.ForeignKey(Project, models.CASCADE, related_name="stage_changes", verbose_name="projet")
    stage = models.CharField("étape", max_length=20, choices=Stage)
    previous_stage = models.CharField("étape précédente", max_length=20, choices=Stage, blank=True)
    date = models.DateField("date")
    reason = models.TextField("motif", blank=True)
    presentation = models.ForeignKey(
        "Presentation", models.PROTECT, null=True, blank=True, related_name="stage_changes",
        verbose_name="décision de comité",
    )  # fmt: skip
    # PROTECT: who moved a project stays known (a user who leaves is deactivated, not deleted).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="saisi par"
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "changement d'étape"
        verbose_name_plural = "changements d'étape"
        indexes = [models.Index(fields=["project", "date"], name="incubateur_stagechange_idx")]

    def __str__(self):
        return f"{self.project} : {self.get_stage_display()} le {self.date:%d/%m/%Y}"

    def counted_years(self) -> set[int]:
        """The years whose figures count this change: from its year to the next change's (the stage on
        each 31 December, the periods accompanied), to this year for the latest one or an entry into
        incubation (the first one is `nouveaux_projets_incubes`'s)."""
        after = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk) if self.pk else Q(date__gt=self.date)
        later = StageChange._base_manager.filter(after, project=self.project_id).exclude(pk=self.pk)
        following = later.order_by("date", "pk").values_list("date", flat=True).first()
        last = timezone.localdate().year if following is None or self.stage == Stage.INCUBATION else following.year
        return set(range(self.date.year, last + 1))

    def touched_years(self, deleting: bool = False) -> set[int]:
        """Adding or removing a change moves the end of the one before it by as much: the years of
        the change, before and after the edit."""
        old = StageChange._base_manager.filter(pk=self.pk).first() if self.pk else None
        if deleting:
            return (old or self).counted_years()
        return self.counted_years() | (old.counted_years() if old else set())


class ReceptionQuerySet(ProgrammeQuerySet, SearchQuerySet, PersonRowsQuerySet):
    search_fields = ("idea", "persons__last_name", "persons__first_name", "project__name")

    def search(self, text: str):
        return super().search(text).distinct()

    def with_persons(self, user):
        """Receptions with their project and the people received that `user` may see."""
        persons = models.Prefetch("persons", queryset=Person.objects.visible_to(user))
        return self.select_related("project").prefetch_related(persons)


class Reception(YearLocked, TimeStampedModel):
    class HeardFrom(models.TextChoices):
        BOUCHE_A_OREILLE = "bouche_a_oreille", "Bouche-à-oreille"
        PARTENAIRE = "partenaire", "Orientation par un partenaire"
        EVENEMENT = "evenement", "Événement de sensibilisation à l'ESS"
        INTERNET = "internet", "Site internet, réseaux sociaux"
        PRESSE = "presse", "Presse"
        AUTRE = "autre", "Autre"

    class FollowUp(models.TextChoices):
        PRE_INCUBATION = "pre_incubation", "Entrée en pré-incubation"
        NOUVEL_ECHANGE = "nouvel_echange", "Nouvel échange à prévoir"
        REORIENTATION = "reorientation", "Réorientation vers une autre structure"
        SANS_SUITE = "sans_suite", "Sans suite"

    year_dates = {"date": ("persons",)}

    date = models.DateField("date", validators=[validate_past_date])
    persons = models.ManyToManyField(Person, related_name="incubateur_receptions", verbose_name="personnes reçues")
    idea = models.TextField("idée discutée")
    heard_from = models.CharField("connaissance de l'incubateur par", max_length=20, choices=HeardFrom)
    follow_up = models.CharField("suite donnée", max_length=20, choices=FollowUp)
    project = models.ForeignKey(
        Project, models.SET_NULL, null=True, blank=True, related_name="receptions", verbose_name="projet",
        help_text="Le projet issu de cette idée, s'il existe.",
    )  # fmt: skip

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "premier accueil"
        verbose_name_plural = "premiers accueils"
        indexes = [models.Index(fields=["date", "id"], name="incubateur_reception_date_idx")]

    def __str__(self):
        return f"Premier accueil du {self.date:%d/%m/%Y}"


class CommitteeQuerySet(ProgrammeQuerySet):
    def with_presentations(self):
        """Committees with their presentations (and projects) and the members present."""
        presentations = models.Prefetch("presentations", queryset=Presentation.objects.select_related("project"))
        return self.prefetch_related(presentations, "members_present__organisation")

    def with_counts(self):
        """`projects_count` and `members_count`, counted for the committees shown only."""
        members = Committee.members_present.through.objects.filter(committee=OuterRef("pk"))
        return self.annotate(
            projects_count=count_of(Presentation.objects.filter(committee=OuterRef("pk"))),
            members_count=count_of(members),
        )


class Committee(YearLocked, TimeStampedModel):
    class Decision(models.TextChoices):
        ADMIS = "admis", "Admis en incubation"
        REORIENTE = "reoriente", "Réorienté"
        AJOURNE = "ajourne", "Ajourné"

    year_dates = {"date": ("projects",)}

    date = models.DateField("date", validators=[validate_past_date])
    members_present = models.ManyToManyField(
        CollectiveMember, blank=True, related_name="committees", verbose_name="membres présents"
    )
    projects = models.ManyToManyField(
        Project, through="Presentation", related_name="committees", verbose_name="projets présentés"
    )

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "comité d'orientation"
        verbose_name_plural = "comités d'orientation"
        indexes = [models.Index(fields=["date", "id"], name="incubateur_committee_date_idx")]

    def __str__(self):
        return f"Comité d'orientation du {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("incubateur:committee_detail", args=[self.pk])


# Where a decision sends the project presented (no move for an adjournment: it stays where it was).
DECISION_STAGES = {Committee.Decision.ADMIS: Stage.INCUBATION, Committee.Decision.REORIENTE: Stage.SORTI}


def decision_label(decision: str) -> str:
    return Committee.Decision(decision).label if decision else "Décision à venir"


class Presentation(YearLocked, TimeStampedModel):
    """A project presented at a committee, and the committee's decision on it."""

    committee = models.ForeignKey(Committee, models.PROTECT, related_name="presentations", verbose_name="comité")
    project = models.ForeignKey(Project, models.PROTECT, related_name="presentations", verbose_name="projet")
    decision = models.CharField("décision", max_length=20, choices=Committee.Decision, blank=True)
    comment = models.TextField("commentaire", blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["committee__date", "project__name"]
        verbose_name = "présentation en comité"
        verbose_name_plural = "présentations en comité"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "project"], name="incubateur_presentation_unique",
                violation_error_message="Ce projet est déjà présenté à ce comité.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.project} au {self.committee}"

    def touched_years(self, deleting: bool = False) -> set[int]:
        """A presentation counts in its committee's year (`projets_presentes`, `porteurs_presentes`)."""
        committees = Presentation._base_manager.filter(pk=self.pk).values_list("committee__date", flat=True)
        days = [committees.first() if self.pk else None, self.committee.date if self.committee_id else None]
        return {day.year for day in days if day}

    def decision_move(self):
        """The stage change this presentation's decision made, if it made one."""
        return self.stage_changes.order_by("-pk").first()

    def check_decision(self, decision: str) -> None:
        """A decision may change while the project has not moved since: a move an earlier decision
        made is undone, and the new decision's move is dated on the committee's day."""
        if decision == self.decision:
            return
        move, project = self.decision_move(), self.project
        history = project.stage_changes.exclude(pk=move.pk) if move else project.stage_changes.all()
        if move and (later := history.filter(Q(date__gt=move.date) | Q(date=move.date, pk__gt=move.pk)).first()):
            raise ValidationError(
                {"decision": f"Le projet « {project} » a changé d'étape depuis ce comité ({later.get_stage_display()} "
                 f"le {later.date:%d/%m/%Y}) : cette décision ne peut plus être modifiée."}
            )  # fmt: skip
        latest, target = history.order_by("-date", "-pk").first(), DECISION_STAGES.get(decision)
        base = Stage(latest.stage) if latest else Stage(project.stage)
        moves = target and base.rank < target.rank
        if moves and latest and latest.date > self.committee.date:
            raise ValidationError(
                {"decision": f"Le dernier changement d'étape du projet « {project} » date du {latest.date:%d/%m/%Y}, "
                 f"après ce comité : la décision ne peut pas le faire passer à l'étape « {target.label} » à la date "
                 "du comité."}
            )  # fmt: skip
        # A move made or undone on the committee's day changes the project's stage from then on.
        year = self.committee.date.year
        check_unlocked(*(range(year, timezone.localdate().year + 1) if moves or move else [year]))

    @transaction.atomic
    def record_decision(self, decision: str, comment: str, user) -> "StageChange | None":
        """Record the committee's decision and move the project to match: an admission to incubation,
        a reorientation out of the incubator, on the committee's date (unless the project is already
        there or beyond). Changing a decision undoes the move the earlier one made; every move is in
        the project's history with who made it, from which stage and why."""
        self.check_decision(decision)
        previous = self.decision
        self.decision, self.comment = decision, comment
        self.save(update_fields=["decision", "comment", "updated_at"])
        if decision == previous:
            return None
        project, move, target = self.project, self.decision_move(), DECISION_STAGES.get(decision)
        if move:
            move.delete()
        latest = project.latest_change()
        base = Stage(latest.stage) if latest else Stage(project.stage)
        reason = f"Décision du comité d'orientation du {self.committee.date:%d/%m/%Y}"
        if previous:
            reason += f" modifiée : « {decision_label(previous)} » → « {decision_label(decision)} »."
        else:
            reason += f" : « {decision_label(decision)} »."
        if target and base.rank < target.rank:
            return project.change_stage(target, self.committee.date, reason, user=user, presentation=self)
        if move:  # the earlier decision's move is undone: the project is back where it was
            return project.change_stage(base, self.committee.date, reason, user=user)
        return None


track(CollectiveMember, Project, StageChange, Reception, Committee, Presentation)
