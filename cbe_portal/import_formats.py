"""The shared directory's import formats (see imports.py): organisations and people, matched the way
the staff forms match them, never duplicated; and what every app's formats share: cell parsers for a
SIRET and a year, organisations found by SIRET or name, and `save_with_form`."""

import datetime
import operator
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.postgres.lookups import Unaccent
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, router
from django.db.models import CheckConstraint, F, Q
from django.db.models.functions import Upper
from django.forms import ModelChoiceField, ModelMultipleChoiceField
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
    inserted,
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
    if not keys:
        return []
    inserted()
    return list(Person.objects.filter(pk__in=keys))


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


COMPARED = {"exact": operator.eq, "lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge}
# Values Python compares as PostgreSQL does, by kind; text only for equality (its order is the collation's).
KINDS = {bool: "boolean", int: "number", Decimal: "number", datetime.date: "date", str: "text"}


def field_value(instance, name: str, names: set):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        raise LookupError(name) from None
    if not field.concrete or field.many_to_many:
        raise LookupError(name)
    names.add(field.name)
    return getattr(instance, field.attname)


def holds(condition, instance, names: set) -> bool | None:
    """A check constraint's `condition` on `instance`'s values, in SQL's logic (None: unknown, which a
    check constraint lets through), adding the fields it reads to `names`; LookupError for what only
    the database evaluates (an expression, a lookup other than a comparison, text in order)."""
    if isinstance(condition, Q):
        if condition.connector not in (Q.AND, Q.OR):
            raise LookupError(condition)
        results = [holds(child, instance, names) for child in condition.children]
        decisive = condition.connector == Q.OR  # True decides an OR, False an AND
        result = decisive if decisive in results else None if None in results else not decisive
        return not result if condition.negated and result is not None else result
    if not isinstance(condition, tuple):
        raise LookupError(condition)
    path, right = condition
    name, _, lookup = path.partition("__")
    left = field_value(instance, name, names)
    if lookup == "isnull" and isinstance(right, bool):
        return (left is None) == right
    lookup = lookup or "exact"
    if lookup == "exact" and right is None:  # `field=None` is `IS NULL`
        return left is None
    if isinstance(right, F):
        right = field_value(instance, right.name, names)
    elif hasattr(right, "resolve_expression"):
        raise LookupError(right)
    if lookup not in COMPARED:
        raise LookupError(lookup)
    if left is None or right is None:
        return None
    kind = KINDS.get(type(left))
    if kind is None or kind != KINDS.get(type(right)) or (kind == "text" and lookup != "exact"):
        raise LookupError(left, right)
    return COMPARED[lookup](left, right)


def check(model, constraint, instance, exclude: set) -> None:
    """`constraint.validate(...)`, a check constraint that `holds` decides decided here."""
    if isinstance(constraint, CheckConstraint):
        names = set()
        try:
            result = holds(constraint.condition, instance, names)
        except LookupError:
            pass
        else:
            if result is False and not names & exclude:  # a constraint on an excluded field is not checked
                raise ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
            return
    constraint.validate(model, instance, exclude=exclude, using=router.db_for_write(type(instance), instance=instance))


def validate_constraints(form) -> None:
    """`form.validate_constraints()`, Django's loop (`Model.validate_constraints`), through `check`:
    Django asks the database about each check constraint, in a savepoint, three statements a constraint
    and a line; its condition on a line's values is evaluated here when Python compares them alike."""
    errors, exclude = {}, form._get_validation_exclusions()
    for model, constraints in form.instance.get_constraints():
        for constraint in constraints:
            try:
                check(model, constraint, form.instance, exclude)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        form._update_errors(ValidationError(errors))


def remembered_choices(form) -> None:
    """The records `form` chooses among all the rows of a table remembered until the end of the file
    (`per_file`): an import deletes none, so one offered to a line is offered to the next. Not the
    directory's people, which the lines change, nor a choice among some rows (its rule may change),
    unless among accounts (a referent), which no import writes."""
    memo = FILE_MEMO.get()
    if memo is None:
        return
    for field in form.fields.values():
        choices = getattr(field, "queryset", None)
        if isinstance(field, ModelMultipleChoiceField) or choices is None or choices.model is Person:
            continue
        among_all = not choices.query.where.children or choices.model is get_user_model()
        if among_all and not choices.query.is_sliced:
            field.to_python = remembered_choice(memo, field, field.to_python)


def chosen_records(form) -> set[str]:
    """The foreign keys the form has just chosen among its records: the model's own check that each
    exists (a query a key, `ForeignKey.validate`) would only repeat it."""
    return {
        name
        for name, field in form.fields.items()
        if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField)
        and form.cleaned_data.get(name) is not None
    }  # fmt: skip


def without_repeated_checks(form) -> None:
    """`form`'s model validation, minus what the form has decided: the existence of the records it
    chose (`chosen_records`), and check constraints evaluated in Python (`validate_constraints`)."""
    instance = form.instance

    def clean_fields(exclude=None):
        type(instance).clean_fields(instance, exclude={*(exclude or ()), *chosen_records(form)})

    instance.clean_fields = clean_fields
    form.validate_constraints = lambda: validate_constraints(form)


def remembered_choice(memo: dict, field, to_python):
    def choose(value):
        key = (type(field), field.queryset.model, field.to_field_name, str(form_value(value)))
        if key not in memo:  # a refusal is not remembered: it is raised again
            memo[key] = to_python(value)
        return memo[key]

    return choose


class FieldsCopiedLightly(dict):
    """A form's fields as each form bound to a line copies them for itself: like Django's
    `Field.__deepcopy__` (the field, its widget and its attributes, its validators and messages) but
    sharing the field's choices and queryset, which a form replaces and never changes in place. Copying
    them (lists of choices, a queryset cloned for each field) took a fifth of an import's time, for
    forms that are never shown."""

    def __deepcopy__(self, memo):
        return {name: light_copy(field) for name, field in self.items()}


def light_copy(field):
    widget = object.__new__(type(field.widget))
    widget.__dict__ = {**field.widget.__dict__, "attrs": {**field.widget.attrs}}
    copied = object.__new__(type(field))
    copied.__dict__ = {**field.__dict__, "widget": widget, "validators": field.validators[:]}
    copied.error_messages = {**field.error_messages}
    return copied


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
    form = form_class.__new__(form_class)
    form.base_fields = FieldsCopiedLightly(form_class.base_fields)
    form.__init__(data, instance=instance, **form_kwargs)
    without_repeated_checks(form)
    remembered_choices(form)
    try:
        valid = form.is_valid()
    finally:
        del instance.clean_fields  # the instance goes on, without the form
    if not valid:
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
