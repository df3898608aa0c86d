"""Tube à ESS'ai: first receptions, projects and their stages, orientation committees,
accompaniment (appointments, collective sessions, trainings) and what projects created."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.urls import reverse

from cbe_portal.models import Organisation, Person, SearchQuerySet, TimeStampedModel


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


class CollectiveMember(TimeStampedModel):
    """A member organisation of the accompanying collective, and the people it involves."""

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="incubateur_membre", verbose_name="organisation"
    )
    joined_on = models.DateField("membre depuis le")
    left_on = models.DateField("sorti du collectif le", null=True, blank=True)
    people = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_accompagnements", verbose_name="accompagnant·es"
    )

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


class ProjetQuerySet(SearchQuerySet):
    search_fields = ("name", "description", "holders__last_name", "holders__first_name")

    def search(self, text: str):
        return super().search(text).distinct()

    def with_first_reception(self):
        return self.annotate(first_reception=Min("accueils__date"))

    def in_progress(self):
        return self.exclude(stage=Stage.SORTI)

    def with_holders_count(self):
        return self.annotate(holders_count=Count("holders")).order_by("name")


class Projet(TimeStampedModel):
    name = models.CharField("nom du projet", max_length=200)
    theme = models.CharField("thématique", max_length=20, choices=Theme, default=Theme.AUTRE)
    description = models.TextField("description", blank=True)
    holders = models.ManyToManyField(Person, related_name="incubateur_projets", verbose_name="porteur·ses")
    # The stage of the latest StageChange, kept here for lists; only change_stage() writes it.
    stage = models.CharField("étape actuelle", max_length=20, choices=Stage, default=Stage.IDEE, editable=False)

    objects = ProjetQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "projet"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("incubateur:projet_detail", args=[self.pk])

    def latest_change(self):
        return self.stage_changes.order_by("-date", "-pk").first()

    def first_reception_date(self) -> datetime.date | None:
        return self.accueils.aggregate(first=Min("date"))["first"]

    def check_stage_change(self, stage: str, date: datetime.date, reason: str = "") -> None:
        """The rules of a stage change: never dated before the latest one, and a move
        backwards (to an earlier stage) must say why."""
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
    def change_stage(self, stage: str, date: datetime.date, reason: str = "") -> "StageChange":
        self.check_stage_change(stage, date, reason)
        change = self.stage_changes.create(stage=stage, date=date, reason=reason.strip())
        self.stage = stage
        self.save(update_fields=["stage", "updated_at"])
        return change


class StageChangeQuerySet(models.QuerySet):
    def with_end(self):
        """`end`: the date of the project's next stage change (None for the current stage)."""
        later = StageChange.objects.filter(projet=OuterRef("projet")).filter(
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


class StageChange(models.Model):
    """One entry of a project's history: it entered `stage` on `date`."""

    projet = models.ForeignKey(Projet, models.CASCADE, related_name="stage_changes", verbose_name="projet")
    stage = models.CharField("étape", max_length=20, choices=Stage)
    date = models.DateField("date")
    reason = models.TextField("motif", blank=True)
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "changement d'étape"
        verbose_name_plural = "changements d'étape"
        indexes = [models.Index(fields=["projet", "date"], name="incubateur_stagechange_idx")]

    def __str__(self):
        return f"{self.projet} : {self.get_stage_display()} le {self.date:%d/%m/%Y}"


class PremierAccueilQuerySet(SearchQuerySet):
    search_fields = ("idea", "persons__last_name", "persons__first_name", "projet__name")

    def search(self, text: str):
        return super().search(text).distinct()


class PremierAccueil(TimeStampedModel):
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

    date = models.DateField("date")
    persons = models.ManyToManyField(Person, related_name="incubateur_accueils", verbose_name="personnes reçues")
    idea = models.TextField("idée discutée")
    heard_from = models.CharField(
        "connaissance de l'incubateur par", max_length=20, choices=HeardFrom, default=HeardFrom.BOUCHE_A_OREILLE
    )
    follow_up = models.CharField("suite donnée", max_length=20, choices=FollowUp, default=FollowUp.NOUVEL_ECHANGE)
    projet = models.ForeignKey(
        Projet, models.SET_NULL, null=True, blank=True, related_name="accueils", verbose_name="projet",
        help_text="Le projet issu de cette idée, s'il existe.",
    )  # fmt: skip

    objects = PremierAccueilQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "premier accueil"
        verbose_name_plural = "premiers accueils"

    def __str__(self):
        return f"Premier accueil du {self.date:%d/%m/%Y}"


class ComiteQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            projets_count=Count("presentations", distinct=True), members_count=Count("members_present", distinct=True)
        ).order_by("-date")


class ComiteOrientation(TimeStampedModel):
    class Decision(models.TextChoices):
        ADMIS = "admis", "Admis en incubation"
        REORIENTE = "reoriente", "Réorienté"
        AJOURNE = "ajourne", "Ajourné"

    date = models.DateField("date")
    members_present = models.ManyToManyField(
        CollectiveMember, blank=True, related_name="comites", verbose_name="membres présents"
    )
    projets = models.ManyToManyField(
        Projet, through="Presentation", related_name="comites", verbose_name="projets présentés"
    )

    objects = ComiteQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "comité d'orientation"
        verbose_name_plural = "comités d'orientation"

    def __str__(self):
        return f"Comité d'orientation du {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("incubateur:comite_detail", args=[self.pk])

    @transaction.atomic
    def record_decision(self, projet: Projet, decision: str, comment: str = "") -> "Presentation":
        """Record the committee's decision on a presented project; an admission moves the
        project to incubation on the committee's date (unless it is already there or beyond)."""
        try:
            presentation = self.presentations.get(projet=projet)
        except Presentation.DoesNotExist:
            raise ValidationError(f"Le projet « {projet} » n'a pas été présenté à ce comité.") from None
        presentation.decision, presentation.comment = decision, comment
        presentation.save(update_fields=["decision", "comment", "updated_at"])
        if decision == self.Decision.ADMIS and Stage(projet.stage).rank < Stage.INCUBATION.rank:
            projet.change_stage(Stage.INCUBATION, self.date, f"Admis en incubation par le {self}.")
        return presentation


class Presentation(TimeStampedModel):
    comite = models.ForeignKey(ComiteOrientation, models.CASCADE, related_name="presentations", verbose_name="comité")
    projet = models.ForeignKey(Projet, models.PROTECT, related_name="presentations", verbose_name="projet")
    decision = models.CharField("décision", max_length=20, choices=ComiteOrientation.Decision, blank=True)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        ordering = ["comite__date", "projet__name"]
        verbose_name = "présentation en comité"
        verbose_name_plural = "présentations en comité"
        constraints = [
            models.UniqueConstraint(
                fields=["comite", "projet"], name="incubateur_presentation_unique",
                violation_error_message="Ce projet est déjà présenté à ce comité.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.projet} au {self.comite}"


class RendezVous(TimeStampedModel):
    """An individual appointment of a project with a member of the accompanying collective."""

    projet = models.ForeignKey(Projet, models.CASCADE, related_name="rendez_vous", verbose_name="projet")
    date = models.DateField("date")
    accompagnant = models.ForeignKey(
        CollectiveMember, models.PROTECT, related_name="rendez_vous", verbose_name="structure accompagnante"
    )
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)")
    notes = models.TextField("notes", blank=True)

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
        return f"Rendez-vous du {self.date:%d/%m/%Y} ({self.projet})"

    def clean(self):
        if self.projet_id and self.date:
            first = self.projet.first_reception_date()
            if first and self.date < first:
                raise ValidationError(
                    {
                        "date": f"Ce projet a été accueilli pour la première fois le {first:%d/%m/%Y} : "
                        "un rendez-vous ne peut pas le précéder."
                    }
                )


class TempsCollectifQuerySet(models.QuerySet):
    def with_attendees_count(self):
        return self.annotate(attendees_count=Count("attendees")).order_by("-date")

    def attended_by_holders_of(self, projet):
        return self.filter(attendees__incubateur_projets=projet).distinct()


class TempsCollectif(TimeStampedModel):
    """A monthly collective session between peers (the project holders)."""

    date = models.DateField("date")
    theme = models.CharField("thème", max_length=200)
    attendees = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_temps_collectifs", verbose_name="porteur·ses présent·es"
    )

    objects = TempsCollectifQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "temps collectif"
        verbose_name_plural = "temps collectifs"

    def __str__(self):
        return f"{self.theme} ({self.date:%d/%m/%Y})"


class FormationQuerySet(models.QuerySet):
    def with_sessions_count(self):
        return self.annotate(sessions_count=Count("sessions")).order_by("title")


class Formation(TimeStampedModel):
    """A training of the catalogue; `finalised_on` is when its content was ready to be given."""

    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    finalised_on = models.DateField("finalisée le", null=True, blank=True)

    objects = FormationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "formation"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("incubateur:formation_detail", args=[self.pk])


class FormationSessionQuerySet(models.QuerySet):
    def with_participants_count(self):
        return self.annotate(participants_count=Count("participants")).order_by("-date")


class FormationSession(TimeStampedModel):
    formation = models.ForeignKey(Formation, models.CASCADE, related_name="sessions", verbose_name="formation")
    date = models.DateField("date")
    place = models.CharField("lieu", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "nombre de places", null=True, blank=True, help_text="Laisser vide si la jauge n'est pas limitée."
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="incubateur_formations", verbose_name="participant·es"
    )

    objects = FormationSessionQuerySet.as_manager()

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
        return f"{self.formation} — {self.date:%d/%m/%Y}"


class StructureCreee(TimeStampedModel):
    """A structure a project created (an organisation of the shared directory) and its legal form."""

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", "Association"
        SCIC = "scic", "SCIC"
        SCOP = "scop", "SCOP"
        SARL = "sarl", "SARL"
        SAS = "sas", "SAS"
        ENTREPRISE_INDIVIDUELLE = "ei", "Entreprise individuelle"
        AUTRE = "autre", "Autre"

    projet = models.ForeignKey(Projet, models.CASCADE, related_name="structures", verbose_name="projet")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="incubateur_creations", verbose_name="structure"
    )
    legal_form = models.CharField("forme juridique", max_length=20, choices=LegalForm)
    created_on = models.DateField("date de création")

    class Meta:
        ordering = ["-created_on"]
        verbose_name = "structure créée"
        verbose_name_plural = "structures créées"

    def __str__(self):
        return f"{self.organisation} ({self.get_legal_form_display()})"


class EmploiCree(TimeStampedModel):
    projet = models.ForeignKey(Projet, models.CASCADE, related_name="emplois", verbose_name="projet")
    number = models.IntegerField("nombre d'emplois créés")
    date = models.DateField("date")
    description = models.CharField("postes", max_length=200, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "emplois créés"
        verbose_name_plural = "emplois créés"
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gt=0), name="incubateur_emplois_positive",
                violation_error_message="Le nombre d'emplois créés doit être positif.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.number} emploi(s) le {self.date:%d/%m/%Y} ({self.projet})"
