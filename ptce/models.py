"""The PTCE Sud Aquitaine: member organisations, themes, projects, yearly declarations, publications."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cbe_portal.audit import track
from cbe_portal.models import Contact, Organisation, ProgrammeQuerySet, SearchQuerySet, TimeStampedModel, YearLocked
from cbe_portal.uploads import validate_document
from cbe_portal.validators import validate_past_date, validate_planned_date
from cbe_portal.years import FIRST_YEAR

UPLOAD_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]


def validate_publication_year(year: int) -> None:
    """A publication's year: from 2000 (nothing the CBE records is older) to the current year."""
    current = timezone.localdate().year
    if year is not None and not 2000 <= year <= current:
        raise ValidationError(f"Saisissez une année de parution entre 2000 et {current}.", code="year")


class ThemeQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("name", "description")


class Theme(TimeStampedModel):
    name = models.CharField("nom", max_length=150, unique=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "thématique"

    def __str__(self):
        return self.name


class MembershipQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("organisation__name", "organisation__description", "organisation__commune__name")

    def on(self, day: datetime.date):
        """Members on `day`: joined on or before it, not yet left (`left_on` is the first day out)."""
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=day), joined_on__lte=day)

    def current(self):
        return self.on(timezone.localdate())

    def for_directory(self):
        return self.select_related("organisation__commune").prefetch_related("themes")

    def with_contacts(self):
        """The organisations' contacts (+ person): for partners and staff only."""
        return self.prefetch_related(
            models.Prefetch("organisation__contacts", Contact.objects.select_related("person"))
        )

    def with_projects(self):
        return self.prefetch_related(
            models.Prefetch("organisation__ptce_projects", Project.objects.select_related("theme"))
        )

    def expected_to_declare(self, year: int):
        """Members on at least one day of `year`."""
        first_day, last_day = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=first_day), joined_on__lte=last_day)

    def missing_declaration(self, year: int):
        """Members during `year` that have not declared its figures."""
        declared = Declaration.objects.filter(membership=models.OuterRef("pk"), year=year)
        return self.expected_to_declare(year).filter(~models.Exists(declared))

    def with_year_declaration(self, year: int):
        """`year_declarations`: the member's declaration for `year` in a list (empty if it has not
        declared), fetched in one query for all the rows."""
        declarations = models.Prefetch("declarations", Declaration.objects.for_year(year), to_attr="year_declarations")
        return self.prefetch_related(declarations)

    def with_declaration(self, year: int):
        """`declaration_id`: the member's declaration for `year`, None if it has not declared;
        `declared`: whether it has (undeclared first when sorted ascending)."""
        declarations = Declaration.objects.filter(membership=models.OuterRef("pk"), year=year)
        return self.annotate(declaration_id=models.Subquery(declarations.values("pk")[:1])).annotate(
            declared=models.ExpressionWrapper(models.Q(declaration_id__isnull=False), models.BooleanField())
        )

    def in_status(self, status: str):
        """Memberships whose `Membership.status` is `status`."""
        if status == Membership.Status.SORTI:
            return self.filter(left_on__isnull=False)
        return self.filter(left_on__isnull=True, is_observer=status == Membership.Status.OBSERVATEUR)


class Membership(YearLocked, TimeStampedModel):
    """An organisation's membership of the PTCE (one per organisation). It has left once `left_on`
    is set: the leaving date is the one record of it (see `status`). The members are counted on
    31 December of each year from its joining to its leaving (see indicators)."""

    # Being an observer counts in no figure: grouped with the leaving date, it locks no year while
    # the organisation is a member (and only its leaving year once it has left).
    year_dates = {"joined_on": (), "left_on": ("is_observer",)}

    class Status(models.TextChoices):
        ACTIF = "actif", "Membre actif"
        OBSERVATEUR = "observateur", "Membre observateur"
        SORTI = "sorti", "Sorti du PTCE"

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="ptce_membership", verbose_name="organisation"
    )
    joined_on = models.DateField("adhésion le", validators=[validate_past_date])
    left_on = models.DateField(
        "sortie le",
        null=True,
        blank=True,
        validators=[validate_past_date],
        help_text="Le premier jour où la structure n'est plus membre.",
    )
    is_observer = models.BooleanField("membre observateur", default=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="memberships", verbose_name="thématiques")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "adhésion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="ptce_membership_left_after_joined",
                violation_error_message="La sortie ne peut pas précéder l'adhésion.",
            )
        ]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("ptce:member_detail", args=[self.pk])

    @property
    def status(self) -> "Membership.Status":
        if self.left_on:
            return self.Status.SORTI
        return self.Status.OBSERVATEUR if self.is_observer else self.Status.ACTIF

    def get_status_display(self) -> str:
        return self.status.label

    def declaration_years(self) -> range:
        """The years the member may declare, newest first: from its joining (or the first year of
        records) to the current year, or to its last year as a member."""
        last = timezone.localdate().year
        if self.left_on:
            last = min(last, (self.left_on - datetime.timedelta(days=1)).year)
        return range(last, max(self.joined_on.year, FIRST_YEAR) - 1, -1)

    def map_point(self) -> dict | None:
        """The member on the map: its own coordinates, else its commune's; None if neither is known
        (needs `organisation__commune` selected)."""
        organisation = self.organisation
        place = organisation if organisation.latitude is not None else organisation.commune
        if place is None or place.latitude is None or place.longitude is None:
            return None
        return {
            "name": organisation.name,
            "kind": organisation.get_kind_display(),
            "url": self.get_absolute_url(),
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }


class ProjectQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("name", "description", "theme__name")

    def with_organisations(self):
        return self.prefetch_related(models.Prefetch("organisations", Organisation.objects.order_by("name")))


class Project(TimeStampedModel):
    class Status(models.TextChoices):
        EMERGENCE = "emergence", "En émergence"
        EN_COURS = "en_cours", "En cours"
        TERMINE = "termine", "Terminé"

    name = models.CharField("nom", max_length=200)
    theme = models.ForeignKey(Theme, models.PROTECT, related_name="projects", verbose_name="thématique")
    status = models.CharField("statut", max_length=20, choices=Status, default=Status.EN_COURS)
    description = models.TextField("description", blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="ptce_projects", verbose_name="organisations membres"
    )
    started_on = models.DateField("début", null=True, blank=True, validators=[validate_planned_date])
    ended_on = models.DateField("fin", null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["theme__position", "name"]
        verbose_name = "projet"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="ptce_project_ends_after_start",
                violation_error_message="Un projet ne peut pas finir avant d'avoir commencé.",
            )
        ]

    def __str__(self):
        return self.name


class DeclarationQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)


FIGURE_FIELDS = (
    "emplois",
    "emplois_permanents",
    "entreprises_partenaires",
    "adherents",
    "partenaires_exterieurs",
    "stagiaires_formes",
    "contrats_professionnalisation",
    "parcours_insertion",
    "porteurs_projet_accompagnes",
    "chiffre_affaires",
)


def figure(label: str, big: bool = False):
    """A declared figure: 0 to 100 000 (people, organisations, jobs) or 1 000 000 000 € (a turnover).
    Beyond, it is a typing slip (a zero too many, a turnover in cents), not a member of the PTCE."""
    if big:
        field, maximum, message = models.PositiveBigIntegerField, 10**9, "Ce chiffre dépasse 1 000 000 000 €"
    else:
        field, maximum, message = models.PositiveIntegerField, 100_000, "Ce chiffre dépasse 100 000"
    return field(
        label,
        default=0,
        validators=[
            MinValueValidator(0, "Un chiffre ne peut pas être négatif."),
            MaxValueValidator(maximum, f"{message} : vérifiez la saisie."),
        ],
    )


class Declaration(YearLocked, TimeStampedModel):
    """A member's figures for one year; correctable until coordination locks the year (`LockedYear`)
    and, on top of it, while the year's report is published."""

    year_dates = {"year": ("membership", *FIGURE_FIELDS)}

    membership = models.ForeignKey(Membership, models.PROTECT, related_name="declarations", verbose_name="membre")
    year = models.PositiveSmallIntegerField("année")
    emplois = figure("emplois (salariés)")
    emplois_permanents = figure("dont emplois permanents")
    entreprises_partenaires = figure("entreprises partenaires")
    adherents = figure("adhérents ou sociétaires")
    partenaires_exterieurs = figure("partenaires extérieurs")
    stagiaires_formes = figure("stagiaires formés")
    contrats_professionnalisation = figure("contrats de professionnalisation")
    parcours_insertion = figure("personnes en parcours d'insertion")
    porteurs_projet_accompagnes = figure("porteurs de projet accompagnés")
    chiffre_affaires = figure("chiffre d'affaires (euros)", big=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "membership__organisation__name"]
        verbose_name = "déclaration annuelle"
        constraints = [
            models.UniqueConstraint(  # (year, membership): also the index of `for_year`
                fields=["year", "membership"],
                name="ptce_declaration_one_per_year",
                violation_error_message="Ce membre a déjà déclaré ses chiffres pour cette année.",
            ),
            models.CheckConstraint(
                condition=models.Q(emplois_permanents__lte=models.F("emplois")),
                name="ptce_declaration_permanent_within_jobs",
                violation_error_message="Les emplois permanents ne peuvent pas dépasser le nombre d'emplois.",
            ),
        ]

    def __str__(self):
        return f"{self.membership} — {self.year}"

    def get_absolute_url(self):
        return reverse("ptce:declaration_edit", args=[self.pk])


class LockedYear(models.Model):
    """A year whose declarations coordination has closed: nobody corrects them any more."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    locked_at = models.DateTimeField("verrouillée le", auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "année verrouillée"

    def __str__(self):
        return str(self.year)

    @classmethod
    def is_locked(cls, year: int) -> bool:
        return cls.objects.filter(year=year).exists()


class PublicationQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("title", "description")


class Publication(TimeStampedModel):
    class Kind(models.TextChoices):
        LIVRE = "livre", "Livre"
        BROCHURE = "brochure", "Brochure"
        LIVRE_PHOTOS = "livre_photos", "Livre photos"

    title = models.CharField("titre", max_length=250)
    kind = models.CharField("type", max_length=20, choices=Kind)
    year = models.PositiveSmallIntegerField("année", validators=[validate_publication_year])
    description = models.TextField("description", blank=True)
    file = models.FileField(
        "fichier (PDF ou image, 20 Mo au plus)",
        upload_to="ptce/publications/",
        blank=True,
        validators=[FileExtensionValidator(UPLOAD_EXTENSIONS), validate_document],
    )
    link = models.URLField("lien", blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "publication"

    def __str__(self):
        return self.title

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.file.delete(save=False)  # the stored file goes with its publication: no orphan
        return deleted

    @property
    def url(self) -> str:
        return self.file.url if self.file else self.link


track(Theme, Membership, Project, Declaration, LockedYear, Publication)
