"""The GPECT's import formats (see cbe_portal/imports.py): employers, job offers and the hours of
the insertion clauses. Each line is matched against what is recorded, never duplicated, and saved
through the staff form, so that its rules, its pickers' choices and the published-year lock apply."""

from django.core.exceptions import ValidationError

from cbe_portal.import_formats import (
    by_siret_or_name,
    commune,
    directory_organisation,
    resolve,
    save_with_form,
    siret,
    year,
)
from cbe_portal.imports import UNCHANGED, UPDATED, Column, Format, boolean, choice, date, integer, per_file
from cbe_portal.models import ContractType, Organisation, Person, fold
from cbe_portal.permissions import Programme

from .forms import EmployerForm, InsertionHoursForm, JobOfferForm
from .models import Employer, InsertionHours, JobOffer, Market, Sector


def labels(choices) -> str:
    return ", ".join(str(label) for label in choices.labels)


def sector(value: str) -> Sector:
    found = Sector.objects.filter(name__unaccent__iexact=fold(value.strip())).first()
    if found is None:
        names = ", ".join(Sector.objects.values_list("name", flat=True))
        raise ValueError(f"secteur inconnu ; secteurs possibles : {names}")
    return found


@per_file
def organisation(name: str, siret: str | None) -> Organisation:
    """The organisation of this SIRET, else the only one of this name (accents and case ignored)."""
    return by_siret_or_name(
        Organisation.objects.all(), name, siret, columns=("company", "company_siret"),
        unknown_siret="Aucune organisation de l'annuaire n'a le SIRET {siret}.",
        unknown_name="Aucune organisation de l'annuaire ne s'appelle « {name} ».",
    )  # fmt: skip


# Employers ------------------------------------------------------------------------------------


def save_employer(row: dict, user) -> str:
    """The organisation is created when missing (with the organisation form's rules) or given the
    file's SIRET when it has none; its other details stay those of the directory."""
    found, completed = directory_organisation(row, default_kind=Organisation.Kind.ENTREPRISE)
    employer = Employer.objects.filter(organisation=found).first() or Employer(organisation=found)
    fields = {"organisation": found, "sector": row["sector"], "notes": row.get("notes")}
    status = save_with_form(EmployerForm, employer, fields, user=user)
    return UPDATED if status == UNCHANGED and completed else status


# Job offers -----------------------------------------------------------------------------------


@per_file
def employer(name: str | None, siret: str | None) -> Employer | None:
    """The employer whose organisation has this SIRET, else the only one of this name; None for
    an offer without an employer."""
    if not (name or siret):
        return None
    return by_siret_or_name(
        Employer.objects.all(), name, siret, columns=("employer", "employer_siret"), through="organisation__",
        unknown_siret="Aucun employeur suivi n'a le SIRET {siret} : importez d'abord l'employeur (employeurs-gpect).",
        unknown_name="Aucun employeur suivi ne s'appelle « {name} » : importez-le d'abord (employeurs-gpect).",
        several="Plusieurs employeurs s'appellent « {name} » : donnez leur SIRET.",
    )  # fmt: skip


def save_offer(row: dict, user) -> str:
    found = employer(row.get("employer"), row.get("employer_siret"))
    same = JobOffer.objects.filter(employer=found, date=row["date"], title__unaccent__iexact=fold(row["title"]))
    offer = same.first()
    fields = {name: row.get(name) for name in ("contract_type", "contract_months", "date", "closing_date")}
    fields |= {"employer": found, "title": None if offer else row["title"]}  # matched: its recorded title stays
    return save_with_form(JobOfferForm, offer or JobOffer(), fields, user=user)


# Insertion hours ------------------------------------------------------------------------------


@per_file
def market(buyer: str, title: str, year: int) -> Market:
    markets = Market.objects.filter(
        buyer__name__unaccent__iexact=fold(buyer.strip()), title__unaccent__iexact=fold(title.strip()), year=year
    )
    found = list(markets[:2])
    if len(found) > 1:
        raise ValidationError({"market": f"Plusieurs marchés « {title} » de {year} pour « {buyer} »."})
    if not found:
        message = f"Aucun marché « {title} » de {year} pour l'acheteur « {buyer} » : créez-le d'abord dans la GPECT."
        raise ValidationError({"market": message})
    return found[0]


@per_file
def person(first_name: str, last_name: str, birth_date) -> Person:
    """The one person of these names and birth date, as the forms match them (`namesakes`)."""
    found = list(Person.objects.namesakes(first_name, last_name, birth_date)[:2])
    if len(found) > 1:
        message = "Plusieurs fiches correspondent à ces nom, prénom et date de naissance : "
        message += "donnez la date de naissance, ou fusionnez les fiches."
        raise ValidationError({"person": message})
    if not found:
        raise ValidationError({"person": "Personne inconnue : importez-la d'abord dans l'annuaire (personnes)."})
    return found[0]


def save_hours(row: dict, user) -> str:
    found = resolve(
        market=lambda: market(row["buyer"], row["market"], row["year"]),
        person=lambda: person(row["first_name"], row["person"], row.get("birth_date")),
        company=lambda: organisation(row["company"], row.get("company_siret")),
    )
    keys = {**found, "period_start": row["period_start"], "period_end": row["period_end"]}
    entry = InsertionHours.objects.filter(**keys).first() or InsertionHours(market=found["market"])
    fields = {name: row.get(name) for name in ("contract_type", "is_professionalisation", "hours")}
    fields |= {"person": found["person"], "company": found["company"]}
    fields |= {"period_start": row["period_start"], "period_end": row["period_end"]}
    return save_with_form(InsertionHoursForm, entry, fields, user=user)


FORMATS = [
    Format(
        name="employeurs-gpect",
        label="Employeurs (GPECT)",
        programme=Programme.GPECT,
        description="Un employeur par ligne. Son organisation est retrouvée par son SIRET, sinon par son nom et "
        "sa commune ; elle est créée dans l'annuaire si elle n'y est pas (le type est alors « Entreprise » sauf "
        "indication), et reçoit le SIRET du fichier si elle n'en a pas. Le secteur est l'un des 13 secteurs de "
        "la GPECT, par son nom.",
        columns=[
            Column("Nom", "name"),
            Column("SIRET", "siret", siret, required=False, help="14 chiffres, espaces permis"),
            Column("Commune", "commune", commune, required=False),
            Column("Type", "kind", choice(Organisation.Kind), required=False, help=labels(Organisation.Kind)),
            Column("Secteur", "sector", sector, help="un des 13 secteurs de la GPECT, par exemple « Commerce »"),
            Column("Notes", "notes", required=False),
        ],
        save_row=save_employer,
    ),
    Format(
        name="offres-gpect",
        label="Offres d'emploi (GPECT)",
        programme=Programme.GPECT,
        description="Une offre par ligne ; retrouvée par son employeur, sa date de diffusion et son intitulé "
        "(accents et majuscules ignorés). L'employeur, déjà suivi par la GPECT, est donné par le SIRET de son "
        "organisation ou par son nom ; sans l'un ni l'autre, l'offre n'a pas d'employeur.",
        columns=[
            Column("Employeur", "employer", required=False),
            Column("SIRET de l'employeur", "employer_siret", siret, required=False),
            Column("Intitulé", "title"),
            Column("Date de diffusion", "date", date),
            Column("Type de contrat", "contract_type", choice(ContractType), help=labels(ContractType)),
            Column("Durée du contrat (mois)", "contract_months", integer, required=False),
            Column("Date limite de candidature", "closing_date", date, required=False),
        ],
        save_row=save_offer,
    ),
    Format(
        name="heures-clauses",
        label="Heures d'insertion des clauses (GPECT)",
        programme=Programme.GPECT,
        description="Les heures d'une personne avec une entreprise sur un marché et une période, une ligne "
        "chacune ; retrouvées par la personne, l'entreprise, le marché et la période. Le marché, déjà saisi, "
        "est donné par son acheteur, son intitulé et son année ; la personne, déjà dans l'annuaire, par ses nom, "
        "prénom et date de naissance, qui doivent désigner une seule fiche ; l'entreprise, déjà dans l'annuaire, "
        "par son SIRET s'il est donné, sinon par son nom.",
        columns=[
            Column("Acheteur", "buyer"),
            Column("Marché", "market"),
            Column("Année", "year", year),
            # The person's refusals, the form's included, are shown on the name's column.
            Column("Nom", "person"),
            Column("Prénom", "first_name"),
            Column("Date de naissance", "birth_date", date, required=False),
            Column("Entreprise", "company"),
            Column("SIRET de l'entreprise", "company_siret", siret, required=False),
            Column("Type de contrat", "contract_type", choice(ContractType), help=labels(ContractType)),
            Column("Contrat de professionnalisation", "is_professionalisation", boolean, required=False),
            Column("Début de période", "period_start", date),
            Column("Fin de période", "period_end", date),
            Column("Heures", "hours", integer),
        ],
        save_row=save_hours,
    ),
]
