"""The shared directory every programme relies on: communes, organisations, people, contacts, users."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .permissions import can_read, can_view_directory, person_filter, programme_of
from .validators import validate_insee_code, validate_postal_code, validate_siret


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


def coordinates_fields():
    return (
        models.DecimalField("latitude", max_digits=8, decimal_places=5, null=True, blank=True, validators=LATITUDE),
        models.DecimalField("longitude", max_digits=8, decimal_places=5, null=True, blank=True, validators=LONGITUDE),
    )  # fmt: skip


class ProgrammeQuerySet(models.QuerySet):
    """The base of every programme record's QuerySet: `visible_to(user)` applies
    `permissions.can_read` for the model's programme (the one place that decides)."""

    def visible_to(self, user):
        return self if can_read(user, programme_of(self.model)) else self.none()


class SearchQuerySet(models.QuerySet):
    search_fields: tuple[str, ...] = ()

    def search(self, text: str):
        """Accent- and case-insensitive: « economie » finds « Économie »."""
        condition = models.Q()
        for word in text.split():
            condition &= models.Q.create(
                [(f"{field}__unaccent__icontains", word) for field in self.search_fields],
                connector=models.Q.OR,
            )
        return self.filter(condition)


class ContractType(models.TextChoices):
    """Kinds of employment contract, shared by the programmes that record jobs (PLIE steps, GPECT offers)."""

    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", "Intérim"
    CDDI = "cddi", "CDDI (insertion)"
    PROFESSIONNALISATION = "professionnalisation", "Contrat de professionnalisation"
    APPRENTISSAGE = "apprentissage", "Contrat d'apprentissage"
    AIDE = "aide", "Contrat aidé (PEC)"
    AUTRE = "autre", "Autre"


class Commune(models.Model):
    insee_code = models.CharField("code INSEE", max_length=5, unique=True, validators=[validate_insee_code])
    name = models.CharField("nom", max_length=100)
    postal_code = models.CharField("code postal", max_length=5, validators=[validate_postal_code])
    departement = models.CharField("département", max_length=3)
    epci = models.CharField("EPCI", max_length=150, blank=True)
    latitude, longitude = coordinates_fields()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(insee_code__regex=r"^(\d{2}|2[AB])\d{3}$"), name="commune_insee_code_format"
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.name} ({self.postal_code})"


class OrganisationQuerySet(SearchQuerySet):
    def visible_to(self, user):
        """Organisations are the shared directory: every staff member sees them all."""
        return self if can_view_directory(user) else self.none()

    search_fields = ("name", "description", "sector", "commune__name")


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", "Association"
        SCIC = "scic", "SCIC"
        SCOP = "scop", "SCOP"
        ENTREPRISE = "entreprise", "Entreprise"
        COLLECTIVITE = "collectivite", "Collectivité"
        ETABLISSEMENT_PUBLIC = "etablissement_public", "Établissement public"
        RESTAURANT_COLLECTIF = "restaurant_collectif", "Restaurant collectif"
        FERME = "ferme", "Ferme"
        AUTRE = "autre", "Autre"

    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=30, choices=Kind, default=Kind.ASSOCIATION)
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[validate_siret], help_text="14 chiffres.")
    is_ess = models.BooleanField("structure de l'ESS", default=False)
    sector = models.CharField("secteur d'activité", max_length=150, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    commune = models.ForeignKey(Commune, models.PROTECT, null=True, blank=True, verbose_name="commune")
    latitude, longitude = coordinates_fields()
    website = models.URLField("site web", blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    description = models.TextField("description", blank=True)
    logo = models.ImageField("logo", upload_to="logos/", blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~models.Q(siret=""), name="organisation_unique_siret",
                violation_error_message="Une organisation avec ce SIRET existe déjà.",
            ),
            models.CheckConstraint(
                condition=models.Q(siret="") | models.Q(siret__regex=r"^\d{14}$"), name="organisation_siret_format"
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cbe_portal:organisation_detail", args=[self.pk])


class PersonQuerySet(SearchQuerySet):
    search_fields = ("last_name", "first_name", "email")

    def visible_to(self, user):
        """The people this user may see: see `permissions.person_filter`."""
        return self.filter(person_filter(user))


class Person(TimeStampedModel):
    class Gender(models.TextChoices):
        FEMME = "F", "Femme"
        HOMME = "M", "Homme"
        AUTRE = "X", "Autre ou non précisé"

    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    gender = models.CharField("genre", max_length=1, choices=Gender, default=Gender.AUTRE)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    commune = models.ForeignKey(Commune, models.PROTECT, null=True, blank=True, verbose_name="commune")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "personne"
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_order_idx")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("cbe_portal:person_detail", args=[self.pk])

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": "La date de naissance ne peut pas être dans le futur."})

    def age_on(self, day) -> int | None:
        if not self.birth_date:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class Contact(TimeStampedModel):
    """A person's role in an organisation (a professional contact, not programme data)."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="contacts", verbose_name="personne")
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="contacts", verbose_name="organisation"
    )
    role = models.CharField("fonction", max_length=150)
    email = models.EmailField("courriel professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)

    class Meta:
        ordering = ["organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="contact_unique_role",
                violation_error_message="Cette personne a déjà cette fonction dans cette organisation.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.person} — {self.role} ({self.organisation})"


class User(AbstractUser):
    """A login. Roles are groups (see permissions.Role); a `membre` is tied to one organisation."""

    person = models.OneToOneField(
        Person, models.SET_NULL, null=True, blank=True, related_name="user", verbose_name="personne"
    )
    organisation = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="users",
        verbose_name="organisation",
    )  # fmt: skip

    class Meta(AbstractUser.Meta):
        verbose_name = "utilisateur"


class StoredFile(models.Model):
    """An uploaded file, kept in the database so that every server sees the same files."""

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class EditorialTextQuerySet(models.QuerySet):
    def for_year(self, year: int) -> dict[str, "EditorialText"]:
        """{section: text} of `year`, each section falling back on its latest earlier year."""
        texts = self.filter(year__lte=year).order_by("section", "-year").distinct("section")
        return {text.section: text for text in texts}


class EditorialText(TimeStampedModel):
    """A text of the public pages and the yearly report, written by coordination each year, in
    plain text with light formatting (see editorial.render)."""

    class Section(models.TextChoices):
        PRESIDENT = "president", "Le mot du président"
        PLIE_PRESENTATION = "plie_presentation", "PLIE : présentation"
        PLIE_PERSPECTIVES = "plie_perspectives", "PLIE : perspectives"
        PLIE_PARTENAIRES = "plie_partenaires", "PLIE : partenaires"
        GPECT_PRESENTATION = "gpect_presentation", "GPECT : présentation"
        GPECT_PERSPECTIVES = "gpect_perspectives", "GPECT : perspectives"
        GPECT_PARTENAIRES = "gpect_partenaires", "GPECT : partenaires"
        CIRCUITS_PRESENTATION = "circuits_presentation", "Circuits alimentaires locaux : présentation"
        CIRCUITS_PERSPECTIVES = "circuits_perspectives", "Circuits alimentaires locaux : perspectives"
        CIRCUITS_PARTENAIRES = "circuits_partenaires", "Circuits alimentaires locaux : partenaires"
        INCUBATEUR_PRESENTATION = "incubateur_presentation", "Tube à ESS'ai : présentation"
        INCUBATEUR_PERSPECTIVES = "incubateur_perspectives", "Tube à ESS'ai : perspectives"
        INCUBATEUR_PARTENAIRES = "incubateur_partenaires", "Tube à ESS'ai : partenaires"
        PTCE_PRESENTATION = "ptce_presentation", "PTCE Sud Aquitaine : présentation"
        PTCE_PERSPECTIVES = "ptce_perspectives", "PTCE Sud Aquitaine : perspectives"
        PTCE_PARTENAIRES = "ptce_partenaires", "PTCE Sud Aquitaine : partenaires"
        PARTENAIRES = "partenaires", "Acteurs et partenaires"

    year = models.PositiveSmallIntegerField("année", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    section = models.CharField("rubrique", max_length=40, choices=Section)
    body = models.TextField(
        "texte",
        help_text="Texte simple : une ligne vide sépare les paragraphes, « - » commence un élément de liste, "
        "**gras** met en gras.",
    )

    objects = EditorialTextQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "section"]
        verbose_name = "texte éditorial"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "section"], name="editorial_text_unique_year_section",
                violation_error_message="Un texte existe déjà pour cette rubrique et cette année.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.get_section_display()} ({self.year})"
