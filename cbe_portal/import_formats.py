"""The shared directory's import formats (see imports.py): organisations and people, matched the way
the staff forms match them, never duplicated."""

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from .forms import OrganisationForm, PersonForm
from .imports import CREATED, UNCHANGED, UPDATED, Column, Format, boolean, choice, date, text
from .models import Commune, Organisation, Person, fold


def commune(value: str) -> Commune:
    """A commune by INSEE code or by name (accents and case ignored)."""
    value = value.strip()
    found = (
        Commune.objects.filter(insee_code=value).first()
        or Commune.objects.filter(name__unaccent__iexact=fold(value)).first()
    )
    if found is None:
        raise ValueError("commune inconnue (donnez son nom ou son code INSEE)")
    return found


def save_with_form(form_class, instance, row: dict, **form_kwargs) -> str:
    """Create or update `instance` through its staff form, so that every rule of the form applies;
    the file's empty cells leave the recorded values as they are."""
    creating = instance.pk is None
    data = {} if creating else model_to_dict(instance)
    data |= {name: value for name, value in row.items() if value is not None}
    data = {name: getattr(value, "pk", value) for name, value in data.items()}
    if creating:
        data["confirm_duplicate"] = True  # the import matched the file's line against the directory already
    else:
        data["loaded_version"] = instance.updated_at.isoformat()
    before = None if creating else model_to_dict(instance)
    form = form_class(data, instance=instance, **form_kwargs)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    if not creating and model_to_dict(form.instance) == before:
        return UNCHANGED
    form.save()
    return CREATED if creating else UPDATED


def save_organisation(row: dict, user) -> str:
    if row.get("siret"):
        existing = Organisation.objects.filter(siret=row["siret"]).first()
    else:
        existing = Organisation.objects.namesakes(row["name"], row.get("commune")).first()
    if existing and fold(existing.name).lower() == fold(row["name"]).lower():
        row = {**row, "name": None}  # matched: its recorded spelling stays
    return save_with_form(OrganisationForm, existing or Organisation(), row)


def save_person(row: dict, user) -> str:
    matches = list(Person.objects.namesakes(row["first_name"], row["last_name"], row.get("birth_date"))[:2])
    if len(matches) > 1:
        raise ValidationError(
            "Plusieurs fiches correspondent à ces nom, prénom et date de naissance : fusionnez-les d'abord."
        )
    if matches:  # matched: the recorded spelling of the names stays
        row = {**row, "first_name": None, "last_name": None}
    return save_with_form(PersonForm, matches[0] if matches else Person(), row, user=user)


FORMATS = [
    Format(
        name="organisations",
        label="Organisations",
        description="Une organisation par ligne ; retrouvée par son SIRET, sinon par son nom et sa commune.",
        columns=[
            Column("Nom", "name"),
            Column("Type", "kind", choice(Organisation.Kind)),
            Column("SIRET", "siret", required=False),
            Column("ESS", "is_ess", boolean, required=False),
            Column("Adresse", "address", required=False),
            Column("Commune", "commune", commune, required=False),
            Column("Site web", "website", required=False),
            Column("Courriel", "email", required=False),
            Column("Téléphone", "phone", required=False),
        ],
        save_row=save_organisation,
    ),
    Format(
        name="personnes",
        label="Personnes",
        description="Une personne par ligne ; retrouvée par ses nom, prénom et date de naissance (accents et "
        "majuscules ignorés), comme dans les formulaires.",
        columns=[
            Column("Nom", "last_name"),
            Column("Prénom", "first_name"),
            Column("Genre", "gender", choice(Person.Gender)),
            Column("Date de naissance", "birth_date", date, required=False),
            Column("Courriel", "email", required=False),
            Column("Téléphone", "phone", text, required=False),
            Column("Adresse", "address", required=False),
            Column("Commune", "commune", commune, required=False),
        ],
        save_row=save_person,
    ),
]
