"""The PTCE Sud Aquitaine: member organisations, themes, projects, yearly declarations, publications."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cbe_portal.models import Contact, Organisation, SearchQuerySet, TimeStampedModel

MAX_UPLOAD_SIZE = 20 * 1024 * 1024
UPLOAD_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
# The first bytes of each accepted format: the extension alone proves nothing.
UPLOAD_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


def validate_upload(file) -> None:
    """A publication file: a PDF or an image (JPEG, PNG, WebP) of 20 Mo at most."""
    if file.size > MAX_UPLOAD_SIZE:
        raise ValidationError("Le fichier dépasse 20 Mo : réduisez-le ou donnez plutôt un lien.", code="file_size")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(12)
    file.seek(position)
    if not head.startswith(UPLOAD_SIGNATURES) or (head.startswith(b"RIFF") and head[8:12] != b"WEBP"):
        raise ValidationError("Le fichier doit être un PDF ou une image (JPEG, PNG, WebP).", code="file_type")


class ThemeQuerySet(SearchQuerySet):
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


class MembershipQuerySet(SearchQuerySet):
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

    def with_declaration(self, year: int):
        """`declaration_id`: the member's declaration for `year`, None if it has not declared."""
        declarations = Declaration.objects.filter(membership=models.OuterRef("pk"), year=year)
        return self.annotate(declaration_id=models.Subquery(declarations.values("pk")[:1]))


class Membership(TimeStampedModel):
    """An organisation's membership of the PTCE (one per organisation)."""

    class Status(models.TextChoices):
        ACTIF = "actif", "Membre actif"
        OBSERVATEUR = "observateur", "Membre observateur"
        SORTI = "sorti", "Sorti du PTCE"

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="ptce_membership", verbose_name="organisation"
    )
    joined_on = models.DateField("adhésion le")
    left_on = models.DateField("sortie le", null=True, blank=True)
    status = models.CharField("statut", max_length=20, choices=Status, default=Status.ACTIF)
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

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": "La date de sortie ne peut pas précéder la date d'adhésion."})

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


class ProjectQuerySet(SearchQuerySet):
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
    started_on = models.DateField("début", null=True, blank=True)
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


class DeclarationQuerySet(models.QuerySet):
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
    field = models.PositiveBigIntegerField if big else models.PositiveIntegerField
    return field(label, default=0, validators=[MinValueValidator(0, "Un chiffre ne peut pas être négatif.")])


class Declaration(TimeStampedModel):
    """A member's figures for one year; correctable until coordination locks the year."""

    membership = models.ForeignKey(Membership, models.CASCADE, related_name="declarations", verbose_name="membre")
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
            models.UniqueConstraint(
                fields=["membership", "year"],
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


class LockedYear(models.Model):
    """A year whose declarations coordination has closed: nobody corrects them any more."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    locked_at = models.DateTimeField("verrouillée le", auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "année verrouillée"

    def __str__(self):
        return str(self.year)

    @classmethod
    def is_locked(cls, year: int) -> bool:
        return cls.objects.filter(year=year).exists()


class PublicationQuerySet(SearchQuerySet):
    search_fields = ("title", "description")


class Publication(TimeStampedModel):
    class Kind(models.TextChoices):
        LIVRE = "livre", "Livre"
        BROCHURE = "brochure", "Brochure"
        LIVRE_PHOTOS = "livre_photos", "Livre photos"

    title = models.CharField("titre", max_length=250)
    kind = models.CharField("type", max_length=20, choices=Kind)
    year = models.PositiveSmallIntegerField("année")
    description = models.TextField("description", blank=True)
    file = models.FileField(
        "fichier (PDF ou image, 20 Mo au plus)",
        upload_to="ptce/publications/",
        blank=True,
        validators=[FileExtensionValidator(UPLOAD_EXTENSIONS), validate_upload],
    )
    link = models.URLField("lien", blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "publication"

    def __str__(self):
        return self.title

    @property
    def url(self) -> str:
        return self.file.url if self.file else self.link
