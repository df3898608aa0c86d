"""The incubator's import formats (see cbe_portal/imports.py): first receptions and projects, one
line per person received or per holder, as their lists export them. A person is matched by names
(and birth date when given: `Person.objects.namesakes`, the staff forms' duplicate rule) or added to
the directory; every line is saved through the staff forms, so that their rules (ages, a stage
change never dated before the latest, a move backwards needs a reason) and the published-year lock
apply with their French messages."""

from django.core.exceptions import ValidationError

from cbe_portal.forms import PersonForm
from cbe_portal.import_formats import also_choosing, checked_form, namesakes, remember, resolve, save_with_form
from cbe_portal.imports import CREATED, UNCHANGED, UPDATED, Column, Format, choice, date, per_file
from cbe_portal.models import Person, fold
from cbe_portal.permissions import Programme

from .forms import ProjectCreateForm, ProjectForm, ReceptionForm, StageChangeForm
from .models import Project, Reception, Stage, Theme

ENTERED = "Entrée dans le Tube à ESS'ai."  # the reason of a project's first stage, as on the staff page


def labels(choices) -> str:
    return ", ".join(str(label) for label in choices.labels)


def on_columns(error: ValidationError, renamed: dict) -> ValidationError:
    """The form's refusals of a field the file has no column for, on the column that gives it."""
    if not hasattr(error, "error_dict"):
        return error
    errors = {}
    for name, messages in error.error_dict.items():
        errors.setdefault(renamed.get(name, name), []).extend(messages)
    return ValidationError(errors)


def person(row: dict, user, required: bool = True) -> Person | None:
    """The line's person: the one of these names (and birth date), else added to the directory through
    its form (« Autre ou non précisé » unless the line gives the gender); None for a line without names
    when not `required`."""
    if not (row.get("last_name") or row.get("first_name")) and not required:
        return None
    missing = {name: "valeur obligatoire" for name in ("last_name", "first_name") if not row.get(name)}
    if missing:
        raise ValidationError(missing)
    found = namesakes(row["first_name"], row["last_name"], row.get("birth_date"))
    if len(found) > 1:
        message = "Plusieurs fiches correspondent à ces nom et prénom : donnez la date de naissance, ou fusionnez-les."
        raise ValidationError({"last_name": message})
    if found:
        return found[0]
    added = Person()
    fields = {name: row.get(name) for name in ("first_name", "last_name", "birth_date")}
    save_with_form(PersonForm, added, {**fields, "gender": row.get("gender") or Person.Gender.AUTRE}, user=user)
    remember(added)
    return added


def named(projects, name: str):
    found = list(projects.filter(name__unaccent__iexact=fold(name.strip()))[:2])
    if len(found) > 1:
        raise ValidationError({"project": f"Plusieurs projets s'appellent « {name} » : corrigez-le sur la fiche."})
    return found[0] if found else None


@per_file
def project(name: str | None, user) -> Project | None:
    if not name:
        return None
    if found := named(Project.objects.visible_to(user), name):
        return found
    message = f"Aucun projet de l'incubateur ne s'appelle « {name} » : importez-le d'abord (projets-incubateur)."
    raise ValidationError({"project": message})


def added_to(recorded: set[int], newcomer: Person | None) -> list[int] | None:
    """The people of a many-to-many relation with the line's person added, None when already there."""
    if newcomer is None or newcomer.pk in recorded:
        return None
    return sorted(recorded | {newcomer.pk})


# Receptions -------------------------------------------------------------------------------------


def save_reception(row: dict, user) -> str:
    """One reception per date and idea; each line adds its person to the people received."""
    found = resolve(person=lambda: person(row, user), project=lambda: project(row.get("project"), user))
    receptions = Reception.objects.filter(date=row["date"], idea__unaccent__iexact=fold(row["idea"].strip()))
    reception = receptions.first() or Reception()
    recorded = set(reception.persons.values_list("pk", flat=True)) if reception.pk else set()
    fields = {name: row.get(name) for name in ("date", "heard_from", "follow_up")}
    fields |= {"idea": None if reception.pk else row["idea"], "project": found["project"]}
    fields["persons"] = added_to(recorded, found["person"])
    form_class = also_choosing(ReceptionForm, "persons", found["person"])
    try:
        return save_with_form(form_class, reception, fields, user=user)
    except ValidationError as error:
        raise on_columns(error, {"persons": "last_name"}) from None


# Projects ---------------------------------------------------------------------------------------


def save_project(row: dict, user) -> str:
    """One project per name; each line adds its holder. A new project starts at the line's stage (an
    idea unless given) on its date; a project at another stage than the line's moves to it on that date."""
    found = resolve(
        project=lambda: named(Project.objects.visible_to(user), row["name"]),
        holder=lambda: person(row, user, required=False),
    )
    existing, holder = found["project"], found["holder"]
    holders = [holder] if holder else []
    try:
        if existing is None:
            fields = {name: row.get(name) for name in ("name", "theme", "description")}
            fields |= {
                "holders": holders,
                "stage": row.get("stage") or Stage.IDEE,
                "stage_date": row.get("stage_date"),
            }
            form = checked_form(also_choosing(ProjectCreateForm, "holders", *holders), Project(), fields, user=user)
            created = form.save()
            created.change_stage(form.cleaned_data["stage"], form.cleaned_data["stage_date"], ENTERED, user=user)
            return CREATED
        recorded = set(existing.holders.values_list("pk", flat=True))
        fields = {"theme": row.get("theme"), "description": row.get("description")}
        fields["holders"] = added_to(recorded, holder)
        form_class = also_choosing(ProjectForm, "holders", *holders)
        statuses = [save_with_form(form_class, existing, fields, user=user), move(existing, row, user)]
    except ValidationError as error:
        raise on_columns(error, {"holders": "last_name", "date": "stage_date", "reason": "stage"}) from None
    return UPDATED if any(status != UNCHANGED for status in statuses) else UNCHANGED


def move(existing: Project, row: dict, user) -> str:
    """The project moved to the line's stage on its date, through the staff page's form."""
    if not row.get("stage") or row["stage"] == existing.stage:
        return UNCHANGED
    form = StageChangeForm({"stage": row["stage"], "date": row.get("stage_date"), "reason": ""}, project=existing)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    existing.change_stage(**form.cleaned_data, user=user)
    return UPDATED


PERSON_HELP = (
    "retrouvée par ses nom et prénom (et sa date de naissance si elle est donnée), sinon ajoutée à l'annuaire"
)

FORMATS = [
    Format(
        name="accueils-incubateur",
        label="Premiers accueils (incubateur)",
        programme=Programme.INCUBATEUR,
        description="Une personne reçue par ligne ; un premier accueil est retrouvé par sa date et l'idée discutée "
        "(accents et majuscules ignorés), et chaque ligne y ajoute sa personne. La personne est retrouvée par ses "
        "nom et prénom (et sa date de naissance si elle est donnée), comme dans les formulaires ; absente de "
        "l'annuaire, elle y est ajoutée. Le projet, facultatif, est donné par son nom. L'export de la liste des "
        "premiers accueils a ces colonnes : il se réimporte sans rien changer.",
        columns=[
            Column("Date", "date", date),
            Column("Nom", "last_name", help=PERSON_HELP),
            Column("Prénom", "first_name"),
            Column("Date de naissance", "birth_date", date, required=False),
            Column("Genre", "gender", choice(Person.Gender), required=False, help=labels(Person.Gender)),
            Column("Idée discutée", "idea"),
            Column(
                "Connaissance de l'incubateur par",
                "heard_from",
                choice(Reception.HeardFrom),
                help=labels(Reception.HeardFrom),
            ),
            Column("Suite donnée", "follow_up", choice(Reception.FollowUp), help=labels(Reception.FollowUp)),
            Column("Projet", "project", required=False, help="le nom d'un projet de l'incubateur"),
        ],
        save_row=save_reception,
    ),
    Format(
        name="projets-incubateur",
        label="Projets de l'incubateur",
        programme=Programme.INCUBATEUR,
        description="Un porteur ou une porteuse de projet par ligne ; un projet est retrouvé par son nom (accents et "
        "majuscules ignorés), et chaque ligne y ajoute sa personne, retrouvée par ses nom et prénom (et sa date de "
        "naissance si elle est donnée) ou ajoutée à l'annuaire. Un nouveau projet commence à l'étape de la ligne "
        "(« Idée » sauf indication) à la date « Depuis le », obligatoire alors ; un projet enregistré à une autre "
        "étape y passe à cette date. Une cellule vide laisse la valeur enregistrée. L'export de la liste des projets "
        "a ces colonnes (sauf « Depuis le ») : il se réimporte sans rien changer.",
        columns=[
            Column("Projet", "name"),
            Column("Thématique", "theme", choice(Theme), help=labels(Theme)),
            Column("Étape actuelle", "stage", choice(Stage), required=False, help=labels(Stage)),
            Column("Depuis le", "stage_date", date, required=False, help="la date d'entrée dans cette étape"),
            Column("Nom du porteur ou de la porteuse", "last_name", required=False, help=PERSON_HELP),
            Column("Prénom", "first_name", required=False),
            Column("Date de naissance", "birth_date", date, required=False),
            Column("Genre", "gender", choice(Person.Gender), required=False, help=labels(Person.Gender)),
            Column("Description", "description", required=False),
        ],
        save_row=save_project,
    ),
]
