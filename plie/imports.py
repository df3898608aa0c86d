"""The PLIE's import formats (see cbe_portal/imports.py): pathways with the situation at entry and
at exit, their steps and interviews, and the meal aids. A person is matched by names and birth date
(accents and case ignored: `Person.objects.namesakes`, the staff forms' duplicate rule), a pathway by
its person and entry date, and every line is saved through the staff forms, so that their rules
(dates within the pathway, one open pathway per person, ages, plausible amounts) and the
published-year lock apply with their French messages."""

from django.core.exceptions import ValidationError

from cbe_portal.forms import PersonForm
from cbe_portal.import_formats import (
    also_choosing,
    by_siret_or_name,
    checked_form,
    commune,
    namesakes,
    remember,
    resolve,
    save_with_form,
    siret,
)
from cbe_portal.imports import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Column,
    Format,
    added,
    boolean,
    choice,
    date,
    decimal,
    integer,
    per_file,
)
from cbe_portal.models import ContractType, Organisation, Person, fold
from cbe_portal.permissions import Programme

from . import services
from .forms import (
    SITUATION_FIELDS,
    ExitForm,
    FseRecordForm,
    InterviewForm,
    MealAidForm,
    ParcoursCreateForm,
    ParcoursSituationForm,
    StepForm,
    referents,
)
from .models import EducationLevel, ExitType, FseRecord, Interview, MealAid, Parcours, Step

SEVERAL_PEOPLE = (
    "Plusieurs fiches correspondent à ces nom, prénom et date de naissance : donnez la date de naissance, "
    "ou fusionnez les fiches."
)
FSE_FIELDS = ("labour_situation", *FseRecord.EXIT_FIELDS, "six_month_situation", "six_month_recorded_on")


def labels(choices) -> str:
    return ", ".join(str(label) for label in choices.labels)


def folded(text: str) -> str:
    return " ".join(fold(text).lower().split())


@per_file
def referents_by_name() -> dict[str, list]:
    found = {}
    for user in referents():
        found.setdefault(folded(user.get_full_name()), []).append(user)
    return found


def referent(value: str):
    """A referent by full name (« Prénom Nom »), as the list and its export show them."""
    found = referents_by_name().get(folded(value), [])
    if len(found) > 1:
        raise ValueError("plusieurs comptes portent ce nom : choisissez le ou la référent·e sur la fiche du parcours")
    if not found:
        raise ValueError("aucun·e référent·e du PLIE ne porte ce nom (« Prénom Nom »)")
    return found[0]


@per_file
def exit_types() -> dict[str, ExitType]:
    return {folded(kind.name): kind for kind in ExitType.objects.all()}


def exit_type(value: str) -> ExitType:
    if found := exit_types().get(folded(value)):
        return found
    names = ", ".join(kind.name for kind in exit_types().values())
    raise ValueError(f"type de sortie inconnu ; types possibles : {names}")


@per_file
def organisation(name: str | None, siret: str | None, columns: tuple[str, str]) -> Organisation | None:
    """An organisation of the directory by SIRET, else by name; None without either."""
    if not (name or siret):
        return None
    return by_siret_or_name(
        Organisation.objects.all(), name, siret, columns=columns,
        unknown_siret="Aucune organisation de l'annuaire n'a le SIRET {siret} : ajoutez-la d'abord à l'annuaire.",
        unknown_name="Aucune organisation de l'annuaire ne s'appelle « {name} » : ajoutez-la d'abord à l'annuaire.",
    )  # fmt: skip


def namesake(row: dict) -> Person | None:
    """The one person of the line's names and birth date, None if there is none."""
    found = namesakes(row["first_name"], row["last_name"], row.get("birth_date"))
    if len(found) > 1:
        raise ValidationError({"last_name": SEVERAL_PEOPLE})
    return found[0] if found else None


def pathway(row: dict, user, day) -> Parcours:
    """The pathway of the line's person (already in the PLIE) that runs on `day`."""
    person = namesake(row)
    if person is None:
        raise ValidationError({"last_name": "Personne inconnue : importez d'abord son parcours (parcours-plie)."})
    pathways = Parcours.objects.visible_to(user).filter(person=person).covering(day).order_by("-entry_date")
    if found := pathways.select_related("person").first():
        return found
    message = f"{person} n'a pas de parcours au PLIE le {day:%d/%m/%Y} : importez d'abord son parcours "
    message += "(parcours-plie)."
    raise ValidationError({"last_name": message})


def on_columns(error: ValidationError, renamed: dict) -> ValidationError:
    """The form's refusals of a field the file has no column for, on the column that gives it."""
    if not hasattr(error, "error_dict"):
        return error
    errors = {}
    for name, messages in error.error_dict.items():
        errors.setdefault(renamed.get(name, name), []).extend(messages)
    return ValidationError(errors)


def overall(*statuses) -> str:
    return UPDATED if any(status != UNCHANGED for status in statuses) else UNCHANGED


# Pathways ---------------------------------------------------------------------------------------


def open_pathway(person: Person | None, row: dict, situation: dict, leaving: dict, user) -> Parcours:
    """A new pathway, through the staff form that opens one: for the matched person, or for a new
    person described by the line (added to the directory with it); its exit, when the line gives
    one, checked by the exit form before the pathway is saved, so that it is written once."""
    if person:
        form = checked_form(also_choosing(ParcoursCreateForm, "person", person), Parcours(), {
            **situation, "person": person,
        }, user=user)  # fmt: skip
    else:
        described = {name: row.get(name) for name in ("first_name", "last_name", "gender", "birth_date", "commune")}
        form = checked_form(ParcoursCreateForm, Parcours(), {**situation, **described}, user=user)
    parcours = form.save(commit=False)
    if any(leaving.values()):
        checked_form(ExitForm, parcours, leaving, closing=True)  # the form copies the exit onto it
    parcours = services.open_parcours(form.person_to_follow(), parcours, savepoint=False, save=added)
    if not person:
        remember(parcours.person)
    return parcours


def save_parcours(row: dict, user) -> str:
    """One pathway per person and entry date: the person's details (gender, birth date, commune)
    completed, the situation at entry, the exit and the FSE+ answers; empty cells keep what is recorded."""
    person = namesake(row)
    prescriber = organisation(row.get("prescriber"), row.get("prescriber_siret"), ("prescriber", "prescriber_siret"))
    situation = {name: row.get(name) for name in SITUATION_FIELDS} | {"prescriber": prescriber}
    found = person and Parcours.objects.filter(person=person, entry_date=row["entry_date"]).first()
    created, statuses = not found, []
    try:
        if person:
            details = {name: row.get(name) for name in ("gender", "birth_date", "commune")}
            statuses.append(save_with_form(PersonForm, person, details, user=user))
        leaving = {"exit_date": row.get("exit_date"), "exit_type": row.get("exit_type")}
        if found:
            found.person = person
            statuses.append(save_with_form(ParcoursSituationForm, found, situation, user=user))
        else:
            found = open_pathway(person, row, situation, leaving, user)
        if not created and any(leaving.values()):
            statuses.append(save_with_form(ExitForm, found, leaving, closing=found.is_open))
        answers = {name: row.get(name) for name in FSE_FIELDS}
        if any(value is not None for value in answers.values()):
            if created:  # a new pathway has none yet: added with it
                added(checked_form(FseRecordForm, FseRecord(parcours=found), answers).save(commit=False))
            else:
                statuses.append(save_with_form(FseRecordForm, found.fse_record, answers))
    except ValidationError as error:
        raise on_columns(error, {"person": "last_name"}) from None
    return CREATED if created else overall(*statuses)


# Steps, interviews, meal aids --------------------------------------------------------------------


def save_step(row: dict, user) -> str:
    """One step per pathway, type and start date."""
    found = resolve(
        parcours=lambda: pathway(row, user, row["start_date"]),
        organisation=lambda: organisation(row.get("organisation"), row.get("organisation_siret"), (
            "organisation", "organisation_siret",
        )),
    )  # fmt: skip
    parcours = found["parcours"]
    step = parcours.steps.filter(kind=row["kind"], start_date=row["start_date"]).first() or Step(parcours=parcours)
    step.parcours = parcours
    fields = {name: row.get(name) for name in ("kind", "title", "start_date", "end_date", "contract_type")}
    fields |= {name: row.get(name) for name in ("contract_months", "qualifying")}
    return save_with_form(StepForm, step, {**fields, "organisation": found["organisation"]}, user=user)


def save_interview(row: dict, user) -> str:
    """One interview per pathway, date and mode (in person unless the line says otherwise)."""
    parcours = pathway(row, user, row["date"])
    mode = row.get("mode") or Interview.Mode.PRESENTIEL
    interview = parcours.interviews.filter(date=row["date"], mode=mode).first() or Interview(parcours=parcours)
    interview.parcours = parcours
    return save_with_form(InterviewForm, interview, {"date": row["date"], "mode": mode, "subject": row.get("subject")})


def save_meal_aid(row: dict, user) -> str:
    """One aid per beneficiary and date; the beneficiary is already in the directory."""
    found = resolve(
        beneficiary=lambda: namesake(row) or unknown_person(),
        restaurant=lambda: organisation(row.get("restaurant"), row.get("restaurant_siret"), (
            "restaurant", "restaurant_siret",
        )),
    )  # fmt: skip
    beneficiary = found["beneficiary"]
    aid = MealAid.objects.filter(beneficiary=beneficiary, date=row["date"]).first() or MealAid()
    fields = {"beneficiary": beneficiary, "date": row["date"], "meals": row.get("meals"), "amount": row.get("amount")}
    form_class = also_choosing(MealAidForm, "beneficiary", beneficiary)
    try:
        return save_with_form(form_class, aid, {**fields, "restaurant": found["restaurant"]}, user=user)
    except ValidationError as error:
        raise on_columns(error, {"beneficiary": "last_name"}) from None


def unknown_person():
    raise ValidationError({"last_name": "Personne inconnue : importez-la d'abord dans l'annuaire (personnes)."})


PERSON_COLUMNS = [
    Column("Nom", "last_name"),
    Column("Prénom", "first_name"),
    Column("Date de naissance", "birth_date", date, required=False, help="pour distinguer deux homonymes"),
]
YES_NO = "oui ou non"

FORMATS = [
    Format(
        name="parcours-plie",
        label="Parcours du PLIE (situation à l'entrée et à la sortie)",
        programme=Programme.PLIE,
        description="Un parcours par ligne ; retrouvé par sa personne et sa date d'entrée. La personne est retrouvée "
        "par ses nom, prénom et date de naissance (accents et majuscules ignorés), comme dans les formulaires ; "
        "absente de l'annuaire, elle y est ajoutée avec son parcours (genre « Autre ou non précisé » sauf "
        "indication). Le prescripteur, déjà dans l'annuaire, est donné par son nom ou son SIRET ; le ou la "
        "référent·e par son prénom et son nom. Une date de sortie et son type clôturent le parcours. Les colonnes "
        "FSE+ (situation sur le marché du travail à l'entrée, situation à la sortie et six mois après) sont "
        "facultatives. Une cellule vide laisse la valeur enregistrée. L'export de la liste des participant·es a ces "
        "colonnes : il se réimporte sans rien changer.",
        columns=[
            Column("Nom", "last_name"),
            Column("Prénom", "first_name"),
            Column("Genre", "gender", choice(Person.Gender), required=False, help=labels(Person.Gender)),
            Column("Date de naissance", "birth_date", date, required=False),
            Column("Commune", "commune", commune, required=False),
            Column("Entrée", "entry_date", date),
            Column("Prescripteur", "prescriber", required=False, help="le nom d'une organisation de l'annuaire"),
            Column("SIRET du prescripteur", "prescriber_siret", siret, required=False),
            Column("Référent·e", "referent", referent, required=False, help="« Prénom Nom »"),
            Column("Demandeur·se d'emploi depuis", "job_seeker_since", date, required=False),
            Column("RSA", "rsa", boolean, required=False, help=YES_NO),
            Column("ASS", "ass", boolean, required=False, help=YES_NO),
            Column("AAH", "aah", boolean, required=False, help=YES_NO),
            Column("RQTH", "rqth", boolean, required=False, help=YES_NO),
            Column(
                "Niveau de formation",
                "education_level",
                choice(EducationLevel),
                required=False,
                help=labels(EducationLevel),
            ),
            Column("QPV", "qpv", boolean, required=False, help=YES_NO),
            Column("Sortie", "exit_date", date, required=False),
            Column("Type de sortie", "exit_type", exit_type, required=False, help="un des types de sortie du PLIE"),
            Column(
                "Situation à l'entrée (FSE+)",
                "labour_situation",
                choice(FseRecord.LabourSituation),
                required=False,
                help=labels(FseRecord.LabourSituation),
            ),
            Column("Sortie : en études ou en formation", "exit_in_training", boolean, required=False, help=YES_NO),
            Column("Sortie : qualification obtenue", "exit_qualified", boolean, required=False, help=YES_NO),
            Column("Sortie : en emploi", "exit_employed", boolean, required=False, help=YES_NO),
            Column("Sortie : en recherche d'emploi", "exit_job_seeking", boolean, required=False, help=YES_NO),
            Column(
                "Situation six mois après la sortie",
                "six_month_situation",
                choice(FseRecord.SixMonthSituation),
                required=False,
                help=labels(FseRecord.SixMonthSituation),
            ),
            Column("Situation à six mois relevée le", "six_month_recorded_on", date, required=False),
        ],
        save_row=save_parcours,
    ),
    Format(
        name="etapes-plie",
        label="Étapes des parcours du PLIE",
        programme=Programme.PLIE,
        description="Une étape par ligne ; retrouvée par son parcours, son type et sa date de début. Le parcours est "
        "celui de la personne (déjà au PLIE, retrouvée par ses nom, prénom et date de naissance) qui court à la "
        "date de début. La structure, déjà dans l'annuaire, est donnée par son nom ou son SIRET. Un emploi a un "
        "type de contrat ; une formation dit si elle est qualifiante.",
        columns=[
            *PERSON_COLUMNS,
            Column("Type d'étape", "kind", choice(Step.Kind), help=labels(Step.Kind)),
            Column("Intitulé", "title", required=False),
            Column("Structure", "organisation", required=False),
            Column("SIRET de la structure", "organisation_siret", siret, required=False),
            Column("Début", "start_date", date),
            Column("Fin", "end_date", date, required=False),
            Column(
                "Type de contrat", "contract_type", choice(ContractType), required=False, help=labels(ContractType)
            ),
            Column("Durée du contrat (mois)", "contract_months", integer, required=False),
            Column("Formation qualifiante", "qualifying", boolean, required=False, help=YES_NO),
        ],
        save_row=save_step,
    ),
    Format(
        name="entretiens-plie",
        label="Entretiens individuels du PLIE",
        programme=Programme.PLIE,
        description="Un entretien par ligne ; retrouvé par son parcours, sa date et sa modalité (« En présentiel » "
        "sauf indication). Le parcours est celui de la personne (déjà au PLIE, retrouvée par ses nom, prénom et "
        "date de naissance) qui court à la date de l'entretien.",
        columns=[
            *PERSON_COLUMNS,
            Column("Date", "date", date),
            Column("Modalité", "mode", choice(Interview.Mode), required=False, help=labels(Interview.Mode)),
            Column("Objet", "subject", required=False),
        ],
        save_row=save_interview,
    ),
    Format(
        name="aides-repas-plie",
        label="Aides au repas (fonds solidaire)",
        programme=Programme.PLIE,
        description="Une aide par ligne ; retrouvée par sa ou son bénéficiaire et sa date. La personne, déjà dans "
        "l'annuaire, est retrouvée par ses nom, prénom et date de naissance ; le restaurant partenaire, déjà dans "
        "l'annuaire, par son nom ou son SIRET. Un nombre de repas ou un montant (en euros, virgule décimale). "
        "L'export de la liste des aides a ces colonnes : il se réimporte sans rien changer.",
        columns=[
            Column("Date", "date", date),
            *PERSON_COLUMNS,
            Column("Repas", "meals", integer, required=False),
            Column("Montant (€)", "amount", lambda value: decimal(value.replace("€", "")), required=False),
            Column("Restaurant", "restaurant", required=False),
            Column("SIRET du restaurant", "restaurant_siret", siret, required=False),
        ],
        save_row=save_meal_aid,
    ),
]
