"""The shared directory every programme relies on: communes, organisations, people, contacts, users."""

import datetime
import unicodedata

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone

from .audit import track
from .imports import per_file
from .permissions import can_read, can_view_directory, person_filter, programme_of
from .uploads import validate_logo
from .validators import validate_insee_code, validate_phone, validate_postal_code, validate_siret


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


class YearLocked(models.Model):
    """A record that a year's figures count: while that year is published (publication.py) it can be
    neither created, changed nor deleted, by a form, an import, a command or the admin.

    `year_dates` maps each date field (or year field) to the fields whose value counts in that
    date's year: changing them, or the date, touches the old and the new date's years. Any other
    field counts in every year from the record's first date to its last."""

    year_dates: dict[str, tuple[str, ...]] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refuse_locked_years()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_locked_years(deleting=True)
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self._a_date_is_refused():  # a typo in a date (« 0202 ») is told as such, not as a published year
            self.refuse_locked_years()

    def _a_date_is_refused(self) -> bool:
        for name in self.year_dates:
            field = self._meta.get_field(name)
            try:
                field.run_validators(getattr(self, field.attname))
            except ValidationError:
                return True
        return False

    def refuse_locked_years(self, deleting: bool = False) -> None:
        """A ValidationError when saving (or deleting) this record would change a published year."""
        from .publication import check_unlocked

        check_unlocked(*self.touched_years(deleting))

    def _year(self, record, name) -> int | None:
        value = getattr(record, name)
        return value if isinstance(value, int) or value is None else value.year

    def span(self) -> set[int]:
        """The years this record counts in: a change of it touches some of them."""
        return self._span(self)

    def _span(self, record) -> set[int]:
        """Every year from the record's first date to its last (to this year while one is open)."""
        years = [self._year(record, name) for name in self.year_dates]
        known = [year for year in years if year]
        if not known:
            return set()
        last = timezone.localdate().year if None in years else max(known)
        return set(range(min(known), last + 1))

    def touched_years(self, deleting: bool = False) -> set[int]:
        """The years whose published figures saving (or deleting) this record would change."""
        return self.years_touched(type(self)._base_manager.filter(pk=self.pk).first() if self.pk else None, deleting)

    def years_touched(self, old, deleting: bool = False) -> set[int]:
        """`touched_years` against `old`, the recorded version (None for a new record)."""
        if old is None or deleting:
            return self._span(old or self)
        changed = {
            field.name
            for field in self._meta.concrete_fields
            if field.name not in ("created_at", "updated_at")
            and getattr(old, field.attname) != getattr(self, field.attname)
        }
        years = set()
        for date, dependents in self.year_dates.items():
            if changed & {date, *dependents}:
                years |= {self._year(old, date), self._year(self, date)}
        grouped = {*self.year_dates, *(name for names in self.year_dates.values() for name in names)}
        if changed - grouped:
            years |= self._span(old)
        return years - {None}


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


def fold(text: str) -> str:
    """`text` without accents, as PostgreSQL's `unaccent` compares it (« Aïcha » → « Aicha »)."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


class Folded(models.Transform):
    """`field__folded`: the text without accents, by PostgreSQL's `unaccent` through `cbe_unaccent`,
    an IMMUTABLE wrapper (migration 0013) that an index on an expression may use, unlike `unaccent`."""

    lookup_name = "folded"
    function = "cbe_unaccent"
    bilateral = True
    output_field = models.TextField()


models.CharField.register_lookup(Folded)
models.TextField.register_lookup(Folded)


def search_index(field: str, name: str) -> GinIndex:
    """A trigram index on the expression the search compares (`UPPER(cbe_unaccent(field))`), so that
    `LIKE '%word%'` on it is an index scan rather than a scan of the table."""
    return GinIndex(OpClass(Upper(Folded(field)), name="gin_trgm_ops"), name=name)


class SearchQuerySet(models.QuerySet):
    search_fields: tuple[str, ...] = ()

    def search(self, text: str):
        """Accent- and case-insensitive: « economie » finds « Économie » and « Éco » finds « economie »."""
        condition = models.Q()
        for word in fold(text).split():
            condition &= models.Q.create(
                [(f"{field}__folded__icontains", word) for field in self.search_fields],
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

    def namesakes(self, name: str, commune):
        """Organisations of the same name (accents and case ignored) in the same commune."""
        return self.filter(name__unaccent__iexact=fold(name.strip()), commune=commune)

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
    phone = models.CharField("téléphone", max_length=30, blank=True, validators=[validate_phone])
    description = models.TextField("description", blank=True)
    logo = models.ImageField(
        "logo",
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text="PNG, JPEG ou WebP, 2 Mo au plus.",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The order of the directory's list and of the lists of organisations' roles (employers…).
        indexes = [models.Index(fields=["name", "id"], name="organisation_order_idx")]
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

    def namesakes(self, first_name: str, last_name: str, birth_date=None):
        """The people who may be this one: the same names (accents and case ignored) and the same
        birth date, or none recorded on either side. The one duplicate rule of forms and imports."""
        people = self.filter(
            first_name__unaccent__iexact=fold(first_name.strip()), last_name__unaccent__iexact=fold(last_name.strip())
        )
        if birth_date:
            people = people.filter(models.Q(birth_date=birth_date) | models.Q(birth_date__isnull=True))
        return people


class Person(TimeStampedModel):
    class Gender(models.TextChoices):
        FEMME = "F", "Femme"
        HOMME = "M", "Homme"
        AUTRE = "X", "Autre ou non précisé"

    participant_field = "pk"  # reading a person's page is recorded (permissions.get_for_user)

    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    gender = models.CharField("genre", max_length=1, choices=Gender, default=Gender.AUTRE)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField("adresse", max_length=250, blank=True)
    commune = models.ForeignKey(Commune, models.PROTECT, null=True, blank=True, verbose_name="commune")
    anonymised_on = models.DateField("anonymisée le", null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "personne"
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="person_order_idx"),
            search_index("last_name", "person_last_name_search_idx"),
            search_index("first_name", "person_first_name_search_idx"),
            search_index("email", "person_email_search_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("cbe_portal:person_detail", args=[self.pk])

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": "La date de naissance ne peut pas être dans le futur."})
        if self.birth_date and self.birth_date.year < 1910:
            raise ValidationError({"birth_date": "Cette date de naissance est antérieure à 1910 : vérifiez l'année."})

    def age_on(self, day) -> int | None:
        if not self.birth_date:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


@per_file  # an import binds a staff form per line: the condition is built and resolved once per file
def visible_people(user) -> PersonQuerySet:
    """`Person.objects.visible_to(user)`, for the choices of a form; still read when the form reads it."""
    return Person.objects.visible_to(user)


class Contact(TimeStampedModel):
    """A person's role in an organisation (a professional contact, not programme data)."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="contacts", verbose_name="personne")
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="contacts", verbose_name="organisation"
    )
    role = models.CharField("fonction", max_length=150)
    email = models.EmailField("courriel professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True, validators=[validate_phone])

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


class AccessLogQuerySet(models.QuerySet):
    def older_than(self, days: int):
        return self.filter(at__lt=timezone.now() - datetime.timedelta(days=days))


class AccessLog(models.Model):
    """Who read or exported a person's data, and when (writes are kept by the audit triggers). No
    personal data here beyond the ids: the person's name is read from the directory when shown."""

    class Action(models.TextChoices):
        VIEW = "view", "Consultation"
        EXPORT = "export", "Export"

    user = models.ForeignKey("User", models.SET_NULL, null=True, related_name="+", verbose_name="utilisateur")
    person = models.ForeignKey("Person", models.CASCADE, related_name="access_logs", verbose_name="personne")
    action = models.CharField("action", max_length=10, choices=Action)
    what = models.CharField("quoi", max_length=150)
    at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = "accès à des données personnelles"
        verbose_name_plural = "accès à des données personnelles"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.what} ({self.at:%d/%m/%Y %H:%M})"

    @classmethod
    def record(cls, user, person_ids, action: str, what: str) -> None:
        cls.objects.bulk_create(cls(user=user, person_id=pk, action=action, what=what) for pk in set(person_ids) if pk)


class PendingImport(models.Model):
    """A file checked by the import preview, kept until its author applies it (or drops it). A large
    file is checked and applied in the background (imports.start_in_background): its status, the
    lines done so far and, once finished, the result (counts and problems) are kept here."""

    class Status(models.TextChoices):
        CHECKING = "verification", "Vérification en cours"
        CHECKED = "verifie", "Vérifié, prêt à importer"
        APPLYING = "import", "Import en cours"
        APPLIED = "importe", "Importé"
        REFUSED = "refuse", "Refusé"
        FAILED = "echec", "Interrompu"

    format = models.CharField("format", max_length=50)
    filename = models.CharField("fichier", max_length=255)
    content = models.BinaryField("contenu")
    created_by = models.ForeignKey("User", models.CASCADE, related_name="+", verbose_name="importé par")
    created_at = models.DateTimeField("le", auto_now_add=True)
    status = models.CharField("état", max_length=20, choices=Status, default=Status.CHECKED)
    lines = models.PositiveIntegerField("lignes", default=0)
    done = models.PositiveIntegerField("lignes traitées", default=0)
    result = models.JSONField("résultat", null=True, blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "import en attente"
        verbose_name_plural = "imports en attente"

    def __str__(self):
        return self.filename

    # A running import writes its progress at least every hundredth of its file: silent this long,
    # its thread died with its server (a restart, a crash) and its transaction was rolled back.
    SILENT_FOR = datetime.timedelta(minutes=10)

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    def interrupt_if_silent(self) -> None:
        """Mark a run whose thread is gone as interrupted (nothing of it was written)."""
        if self.is_running and self.updated_at < timezone.now() - self.SILENT_FOR:
            self.status, self.content = self.Status.FAILED, b""
            self.save(update_fields=["status", "content", "updated_at"])

    @property
    def percent(self) -> int:
        return 100 * self.done // self.lines if self.lines else 0


class MergeRecord(models.Model):
    """Two directory records found to be the same, merged by coordination (see merge.py)."""

    kind = models.CharField("type de fiche", max_length=20)
    kept_id = models.BigIntegerField("fiche gardée")
    removed_id = models.BigIntegerField("fiche supprimée")
    removed_label = models.CharField("nom de la fiche supprimée", max_length=250)
    moved = models.JSONField("enregistrements déplacés", default=dict)
    merged_by = models.ForeignKey("User", models.PROTECT, verbose_name="fusionné par")
    merged_at = models.DateTimeField("fusionné le", auto_now_add=True)

    class Meta:
        verbose_name = "fusion de fiches"
        verbose_name_plural = "fusions de fiches"

    def __str__(self):
        return f"{self.removed_label} → {self.kind} {self.kept_id}"


class PublishedReportQuerySet(models.QuerySet):
    def latest_versions(self):
        """The current version of each published year, newest year first."""
        return self.order_by("-year", "-version").distinct("year")


class PublishedReport(models.Model):
    """One published version of a year's report: every programme's figures (the open-data document),
    the editorial texts, the report's body and its PDF, frozen when coordination published it. The
    public side reads these, never the live records (see publication.py)."""

    year = models.PositiveSmallIntegerField("année")
    version = models.PositiveSmallIntegerField("version")
    figures = models.JSONField("chiffres")
    texts = models.JSONField("textes")
    html = models.TextField("rapport (HTML)")
    pdf = models.BinaryField("rapport (PDF)", null=True)
    changes = models.JSONField("chiffres changés depuis la version précédente", default=list)
    published_by = models.ForeignKey("User", models.PROTECT, related_name="+", verbose_name="publié par")
    published_at = models.DateTimeField("publié le", auto_now_add=True)
    reopened_by = models.ForeignKey(
        "User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="rouvert par"
    )
    reopened_at = models.DateTimeField("rouvert le", null=True, blank=True)
    reopen_reason = models.TextField("motif de la réouverture", blank=True)

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        verbose_name = "rapport publié"
        verbose_name_plural = "rapports publiés"
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="published_report_year_version")]

    def __str__(self):
        return f"Rapport {self.year} (version {self.version})"

    @property
    def is_open(self) -> bool:
        """Reopened by coordination: its records may change until the year is published again."""
        return self.reopened_at is not None


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


track(Organisation, Person, Contact)
