"""The shared directory's import formats (see imports.py): organisations and people, matched the way
the staff forms match them, never duplicated; and what every app's formats share: cell parsers for a
SIRET and a year, organisations found by SIRET or name, and `save_with_form`."""

from django.contrib.postgres.lookups import Unaccent
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models.functions import Upper
from django.forms.models import model_to_dict

from .forms import OrganisationForm, PersonForm
from .imports import (
    CREATED,
    FILE_MEMO,
    UNCHANGED,
    UPDATED,
    Column,
    Format,
    boolean,
    choice,
    date,
    integer,
    per_file,
    text,
)
from .models import Commune, Organisation, Person, fold

SEVERAL_NAMED = "Plusieurs organisations s'appellent « {name} » : donnez leur SIRET."


# Cell parsers -----------------------------------------------------------------------------------


def siret(value: str) -> str:
    """A SIRET as often typed, in groups: its digits (the organisation's rules check them)."""
    return "".join(value.split())


def year(value: str) -> int:
    number = integer(value)
    if not 1000 <= number <= 9999:
        raise ValueError("année à quatre chiffres attendue (par exemple 2024)")
    return number


@per_file
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


# Finding what a line names --------------------------------------------------------------------


def resolve(**finders) -> dict:
    """Each finder's record; the refusals of those that fail together, each on its column."""
    records, errors = {}, {}
    for name, find in finders.items():
        try:
            records[name] = find()
        except ValidationError as error:
            errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    return records


def by_siret_or_name(records, name: str | None, siret: str | None, *, columns: tuple[str, str], unknown_siret: str,
                     unknown_name: str, several: str = SEVERAL_NAMED, through: str = ""):  # fmt: skip
    """The record of `records` whose organisation (`through` it: "organisation__") has this SIRET,
    else the only one whose organisation has this name (accents and case ignored). Refused on the
    column that names it (`columns`: the name's, the SIRET's), with the message given for the case,
    formatted with `name` and `siret`."""
    name_column, siret_column = columns
    if siret:
        if found := records.filter(**{f"{through}siret": siret}).first():
            return found
        raise ValidationError({siret_column: unknown_siret.format(name=name, siret=siret)})
    found = list(records.filter(**{f"{through}name__unaccent__iexact": fold((name or "").strip())})[:2])
    if len(found) > 1:
        raise ValidationError({name_column: several.format(name=name, siret=siret)})
    if not found:
        raise ValidationError({name_column: unknown_name.format(name=name, siret=siret)})
    return found[0]


def name_key(text: str) -> str:
    """A name as `Person.objects.namesakes` compares it: UPPER(unaccent(…)) in PostgreSQL, computed
    here when the name has no letter beyond ASCII once its accents are gone (« Aïcha » → « AICHA »)."""
    folded = fold(text.strip())
    if folded.isascii():
        return folded.upper()
    with connection.cursor() as cursor:
        cursor.execute("SELECT UPPER(UNACCENT(%s))", [folded])
        return cursor.fetchone()[0]


@per_file
def people_index() -> dict[tuple[str, str], list[tuple[int, object]]]:
    """Every person of the directory by the key of their names, read once per file (one query)
    instead of a scan of the directory for each line; the file's new people are added to it."""
    index = {}
    people = Person.objects.annotate(first=Upper(Unaccent("first_name")), last=Upper(Unaccent("last_name")))
    for first, last, pk, birth_date in people.values_list("first", "last", "pk", "birth_date").iterator():
        index.setdefault((first, last), []).append((pk, birth_date))
    return index


def namesakes(first_name: str, last_name: str, birth_date=None) -> list[Person]:
    """`Person.objects.namesakes(...)`, the staff forms' duplicate rule, for the lines of a file:
    the same names (accents and case ignored) and the same birth date, or none on either side."""
    if FILE_MEMO.get() is None:  # not while a file is imported
        return list(Person.objects.namesakes(first_name, last_name, birth_date))
    candidates = people_index().get((name_key(first_name), name_key(last_name)), [])
    keys = [pk for pk, born in candidates if not birth_date or born is None or born == birth_date]
    # A line refused after adding its person leaves it in the index: fetched by key, it is gone.
    return list(Person.objects.filter(pk__in=keys)) if keys else []


def remember(person: Person) -> None:
    """A person the file has just added, for its next lines."""
    if FILE_MEMO.get() is not None:
        key = (name_key(person.first_name), name_key(person.last_name))
        people_index().setdefault(key, []).append((person.pk, person.birth_date))


def directory_entry(row: dict, name_alone: bool = False) -> Organisation | None:
    """The line's organisation (`name`, `siret`, `commune`): by SIRET, else by name and commune (the
    directory's rule; one with another SIRET is another establishment); with `name_alone`, by its
    name only when the line gives no commune (refused when several have it)."""
    siret = row.get("siret")
    if siret and (found := Organisation.objects.filter(siret=siret).first()):
        return found
    namesakes = Organisation.objects.filter(name__unaccent__iexact=fold(row["name"].strip()))
    if siret:
        namesakes = namesakes.filter(siret="")
    if row.get("commune") or not name_alone:
        return namesakes.filter(commune=row.get("commune")).first()
    found = list(namesakes[:2])
    if len(found) > 1:
        message = f"Plusieurs organisations s'appellent « {row['name']} » : donnez leur SIRET ou leur commune."
        raise ValidationError({"name": message})
    return found[0] if found else None


def directory_organisation(row: dict, default_kind: str = "", name_alone: bool = False) -> tuple[Organisation, bool]:
    """The line's organisation (`directory_entry`), created through the directory's form when missing
    (its type is the line's, else `default_kind`, else refused), or given the line's SIRET when it has
    none (True then); its other details stay those of the directory."""
    found = directory_entry(row, name_alone)
    if found is None:
        kind = row.get("kind") or default_kind
        if not kind:
            message = f"« {row['name']} » n'est pas dans l'annuaire : indiquez son type pour l'y créer."
            raise ValidationError({"kind": message})
        found = Organisation()
        fields = {"name": row["name"], "kind": kind, "siret": row.get("siret"), "commune": row.get("commune")}
        save_with_form(OrganisationForm, found, fields)
        return found, False
    if row.get("siret") and not found.siret:
        return found, save_with_form(OrganisationForm, found, {"siret": row["siret"]}) == UPDATED
    return found, False


# Writing through the staff forms ----------------------------------------------------------------


def form_value(value):
    """A value as a bound form takes it: a record by its key, records (many-to-many) by theirs."""
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):  # a list, or a QuerySet
        return [getattr(item, "pk", item) for item in value]
    return getattr(value, "pk", value)


def many_to_many(instance, values: dict) -> dict:
    """The keys of each many-to-many relation of `instance` in `values` (a form's data or cleaned
    data), as sets: what `model_to_dict` reads from the database, unchanged until the form saves."""
    return {
        field.name: {form_value(item) for item in values[field.name] or ()}
        for field in instance._meta.many_to_many
        if field.name in values
    }


def checked_form(form_class, instance, row: dict, **form_kwargs):
    """The staff form bound to the line's values over the recorded ones (the file's empty cells
    leave them as they are) and valid, else its errors raised as one ValidationError."""
    data = {} if instance.pk is None else model_to_dict(instance)
    data |= {name: value for name, value in row.items() if value is not None}
    data = {name: form_value(value) for name, value in data.items()}
    if instance.pk is None:
        data["confirm_duplicate"] = True  # the import matched the file's line against the directory already
    else:
        data["loaded_version"] = instance.updated_at.isoformat()
    form = form_class(data, instance=instance, **form_kwargs)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


def also_choosing(form_class, field: str, *records):
    """`form_class` whose choice `field` also offers `records`: the people a line names, matched by the
    directory's duplicate rule (`Person.objects.namesakes`) whoever follows them. The staff form offers
    the people the user sees; its user, not seeing this one, would have recorded a duplicate."""

    class Form(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            chosen = self.fields[field].queryset.model.objects.filter(pk__in=[record.pk for record in records])
            self.fields[field].queryset = self.fields[field].queryset | chosen

    return Form


def unchanged(instance, row: dict) -> bool:
    """Each value of the line is the recorded one: nothing to check, nothing to save."""
    for name, value in row.items():
        if value is None:
            continue
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or getattr(instance, field.attname) != form_value(value):
            return False
    return True


def save_with_form(form_class, instance, row: dict, **form_kwargs) -> str:
    """Create or update `instance` through its staff form, so that every rule of the form applies;
    the file's empty cells leave the recorded values as they are; unchanged, nothing is saved."""
    creating = instance.pk is None
    if not creating and unchanged(instance, row):
        return UNCHANGED
    before = None if creating else model_to_dict(instance)
    form = checked_form(form_class, instance, row, **form_kwargs)
    if not creating:
        # The form's many-to-many choices are compared apart: `form.instance` still has the recorded ones.
        relations = many_to_many(instance, form.cleaned_data)
        fields = {name: value for name, value in before.items() if name not in relations}
        recorded = {name: keys for name, keys in many_to_many(instance, before).items() if name in relations}
        if model_to_dict(form.instance, exclude=list(relations)) == fields and relations == recorded:
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
    matches = namesakes(row["first_name"], row["last_name"], row.get("birth_date"))
    if len(matches) > 1:
        raise ValidationError(
            "Plusieurs fiches correspondent à ces nom, prénom et date de naissance : fusionnez-les d'abord."
        )
    if matches:  # matched: the recorded spelling of the names stays
        row = {**row, "first_name": None, "last_name": None}
    person = matches[0] if matches else Person()
    status = save_with_form(PersonForm, person, row, user=user)
    if status == CREATED:
        remember(person)
    return status


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
