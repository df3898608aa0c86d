"""The PTCE's import formats (see cbe_portal/imports.py): memberships and yearly declarations. Each
line is matched against what is recorded, never duplicated, and saved through the staff form, so
that its rules (plausible figures, a year the member may declare) and the published-year lock apply."""

from decimal import ROUND_HALF_UP

from django.core.exceptions import ValidationError
from django.utils import timezone

from cbe_portal.import_formats import by_siret_or_name, commune, directory_organisation, save_with_form, siret
from cbe_portal.imports import UNCHANGED, UPDATED, Column, Format, boolean, choice, date, decimal, integer
from cbe_portal.models import Organisation, fold
from cbe_portal.permissions import Programme, can_declare
from cbe_portal.years import FIRST_YEAR

from .forms import DeclarationForm, MembershipForm
from .models import FIGURE_FIELDS, Declaration, LockedYear, Membership, Theme
from .views import LOCKED_YEAR


def year(value: str) -> int:
    number, last = integer(value), timezone.localdate().year
    if not FIRST_YEAR <= number <= last:
        raise ValueError(f"année entre {FIRST_YEAR} et {last} attendue")
    return number


def euros(value: str) -> int:
    """A turnover as a spreadsheet shows it (« 1 234 567,80 € »), rounded to the euro it is recorded in."""
    return int(decimal(value.replace("€", "")).quantize(1, ROUND_HALF_UP))


def themes(value: str) -> list[Theme]:
    """Themes by name, separated by commas as the membership export writes them (accents and case ignored)."""
    found = []
    for name in filter(None, (part.strip() for part in value.replace(";", ",").split(","))):
        theme = Theme.objects.filter(name__unaccent__iexact=fold(name)).first()
        if theme is None:
            known = ", ".join(Theme.objects.values_list("name", flat=True))
            raise ValueError(f"thématique « {name} » inconnue ; thématiques possibles : {known}")
        found.append(theme)
    return found


# Memberships ----------------------------------------------------------------------------------


def save_membership(row: dict, user) -> str:
    """One membership per organisation. Its status follows the file: « Sorti » with a leaving date,
    else observer or active; an empty cell leaves the recorded value."""
    organisation, completed = directory_organisation(row, name_alone=True)
    membership = Membership.objects.filter(organisation=organisation).first() or Membership(organisation=organisation)
    left_on = row.get("left_on") or membership.left_on
    observer = membership.is_observer if row.get("is_observer") is None else row["is_observer"]
    Status = Membership.Status
    status = Status.SORTI if left_on else Status.OBSERVATEUR if observer else Status.ACTIF
    themes = None if row.get("themes") is None else sorted(theme.pk for theme in row["themes"])
    fields = {"organisation": organisation, "joined_on": row["joined_on"], "left_on": row.get("left_on")}
    fields |= {"status": status, "themes": themes}
    result = save_with_form(MembershipForm, membership, fields, user=user)
    return UPDATED if result == UNCHANGED and completed else result


# Declarations ---------------------------------------------------------------------------------


def member(name: str, siret: str | None) -> Membership:
    """The membership of the organisation with this SIRET, else of the only member of this name."""
    return by_siret_or_name(
        Membership.objects.select_related("organisation"), name, siret, columns=("organisation", "siret"),
        through="organisation__",
        unknown_siret="Aucun membre du PTCE n'a le SIRET {siret} : importez d'abord son adhésion (adhesions-ptce).",
        unknown_name="« {name} » n'est pas membre du PTCE : importez d'abord son adhésion (adhesions-ptce).",
        several="Plusieurs membres s'appellent « {name} » : donnez leur SIRET.",
    )  # fmt: skip


def save_declaration(row: dict, user) -> str:
    """One declaration per member and year; coordination's lock on the year's declarations applies
    as on the staff pages."""
    membership = member(row["organisation"], row.get("siret"))
    if not can_declare(user, membership.organisation, LockedYear.is_locked(row["year"])):
        raise ValidationError({"year": LOCKED_YEAR})
    declaration = Declaration.objects.filter(membership=membership, year=row["year"]).first()
    declaration = declaration or Declaration(membership=membership, year=row["year"])
    return save_with_form(DeclarationForm, declaration, {name: row[name] for name in FIGURE_FIELDS})


def figure_column(name: str) -> Column:
    """A figure under the label of the staff form and the declarations' export."""
    header = Declaration._meta.get_field(name).verbose_name.capitalize()
    return Column(header, name, euros if name == "chiffre_affaires" else integer)


FORMATS = [
    Format(
        name="adhesions-ptce",
        label="Adhésions au PTCE",
        programme=Programme.PTCE,
        description="Une adhésion par ligne ; retrouvée par son organisation (une adhésion par organisation). "
        "L'organisation est retrouvée par son SIRET, sinon par son nom et sa commune (par son nom seul sans "
        "commune) ; absente de l'annuaire, elle y est créée, son type est alors obligatoire ; présente, elle "
        "reçoit le SIRET du fichier si elle n'en a pas et garde ses autres informations. Une date de sortie fait "
        "du membre un membre sorti ; sinon « Observateur » (oui ou non) dit s'il est observateur ou actif. Les "
        "thématiques, déjà créées, sont données par leur nom, séparées par des virgules. Une cellule vide laisse "
        "la valeur enregistrée. L'export des adhésions a ces colonnes (sauf SIRET et Observateur) : il se "
        "réimporte sans rien changer.",
        columns=[
            Column("Membre", "name"),
            Column("SIRET", "siret", siret, required=False),
            Column("Commune", "commune", commune, required=False),
            Column("Type", "kind", choice(Organisation.Kind), required=False),
            Column("Adhésion", "joined_on", date),
            Column("Sortie", "left_on", date, required=False),
            Column("Observateur", "is_observer", boolean, required=False),
            Column("Thématiques", "themes", themes, required=False),
        ],
        save_row=save_membership,
    ),
    Format(
        name="declarations-ptce",
        label="Déclarations annuelles des membres du PTCE",
        programme=Programme.PTCE,
        description="Les chiffres d'un membre pour une année, une ligne chacun ; retrouvés par le membre et "
        "l'année. Le membre, dont l'adhésion est déjà enregistrée, est donné par le SIRET de son organisation, "
        "sinon par son nom. Chaque chiffre est obligatoire (0 s'il n'y en a pas) ; le chiffre d'affaires est en "
        "euros, virgule décimale admise, arrondi à l'euro.",
        columns=[
            Column("Membre", "organisation"),
            Column("SIRET", "siret", siret, required=False),
            Column("Année", "year", year),
            *(figure_column(name) for name in FIGURE_FIELDS),
        ],
        save_row=save_declaration,
    ),
]
