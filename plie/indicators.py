"""The programme's yearly figures, computed in the database."""

import datetime

from django.db.models import Count, F, Q, Sum

from cbe_portal.models import Person
from cbe_portal.open_data import keys_of

from .models import (
    ISCED_BANDS,
    LONG_TERM_JOB_SEEKER,
    ExitType,
    Frein,
    FseRecord,
    MealAid,
    Parcours,
    Session,
    YearsBefore,
    year_bounds,
)

# The open-data keys this module computes: spelled once, in cbe_portal/open_data.py.
OPEN_DATA_KEYS = keys_of("plie")

# The meal fund was created in 2016: its growth is also measured against that year.
MEAL_FUND_BASE_YEAR = 2016


def ratio(numerator, denominator) -> float | None:
    return numerator / denominator if denominator else None


def growth(current, base) -> float | None:
    return current / base - 1 if base else None


def for_year(year: int) -> dict:
    """The PLIE's figures for `year`, in 6 queries whatever the data size; None where not computable.

    Open-data keys (DESIGN.md):
    - `personnes_accompagnees`: distinct people with a pathway open on at least one day of the year;
    - `nouveaux_accompagnements`: pathways whose entry date is in the year;
    - `part_femmes`, `part_deld`, `part_rsa`, `part_50_ans_et_plus`: shares (0–1) of the people
      accompanied who are women; were job-seekers for 12 months or more on their entry date; were
      on RSA at entry; are 50 or older on 31 December of the year;
    - `sorties`, `sorties_positives`, `sorties_administratives`: pathways whose exit date is in the
      year (31 December included), all / of a positive / of an administrative type;
    - `taux_sorties_positives_relatif` = positive ÷ exits; `taux_sorties_positives_absolu` =
      positive ÷ (exits − administrative); None when the denominator is 0;
    - `aides_repas`: meal-fund aids granted in the year; `evolution_aides_repas_1_an` = aids of the
      year ÷ aids of the year before − 1; `evolution_aides_repas_depuis_2016` = same against 2016;
      None when the base year has no aid;
    - `freins_leves`: barriers lifted during the year on the pathways open in the year.
    Further keys:
    - `aides_repas_annee_precedente`, `aides_repas_2016`: the bases of those evolutions;
    - `repas_servis`, `montant_aides_repas` (euros), `beneficiaires_aides_repas`: the year's aids;
    - `sorties_autres`: exits neither positive nor administrative;
    - `sorties_par_type`: [{"label": exit type, "category": category, "value": exits}], in the
      table's order, types without exit in the year left out;
    - `freins_par_theme`: [{"label": theme, "value": n}], the barriers present during the year
      (identified by 31 December, not lifted before 1 January) on pathways open in the year,
      most frequent first;
    - `actions_collectives`: distinct actions with a session in the year; `seances_collectives`:
      their sessions; `participants_actions_collectives`: distinct people who attended one;
      `actions_collectives_detail`: [{"label": action, "seances": n, "value": distinct attendees}].
    """
    first, last = year_bounds(year)
    in_year = {"exit_date__range": (first, last)}
    # 1. The pathways open during the year.
    people = Parcours.objects.active_in(year).aggregate(
        accompanied=Count("person", distinct=True),
        women=Count("person", distinct=True, filter=Q(person__gender=Person.Gender.FEMME)),
        deld=Count("person", distinct=True, filter=LONG_TERM_JOB_SEEKER),
        rsa=Count("person", distinct=True, filter=Q(rsa=True)),
        fifty=Count("person", distinct=True, filter=Q(person__birth_date__lte=datetime.date(year - 50, 12, 31))),
        new=Count("pk", filter=Q(entry_date__range=(first, last))),
        exits=Count("pk", filter=Q(**in_year)),
        positive=Count("pk", filter=Q(**in_year, exit_type__category=ExitType.Category.POSITIVE)),
        administrative=Count("pk", filter=Q(**in_year, exit_type__category=ExitType.Category.ADMINISTRATIVE)),
    )
    # 2. The meal fund, this year and its two bases (only those years read: the date index applies).
    bases = Q(date__year=year) | Q(date__year=year - 1) | Q(date__year=MEAL_FUND_BASE_YEAR)
    meals = MealAid.objects.filter(bases).aggregate(
        current=Count("pk", filter=Q(date__year=year)),
        previous=Count("pk", filter=Q(date__year=year - 1)),
        base=Count("pk", filter=Q(date__year=MEAL_FUND_BASE_YEAR)),
        meals=Sum("meals", filter=Q(date__year=year), default=0),
        amount=Sum("amount", filter=Q(date__year=year), default=0),
        beneficiaries=Count("beneficiary", distinct=True, filter=Q(date__year=year)),
    )
    # 3. Exits by type.
    exits_by_type = (
        Parcours.objects.filter(**in_year)
        .values("exit_type__name", "exit_type__category", "exit_type__position")
        .annotate(value=Count("pk"))
        .order_by("exit_type__position", "exit_type__name")
    )
    # 4. Barriers by theme.
    barriers = (
        Frein.objects.filter(parcours__in=Parcours.objects.active_in(year), identified_on__lte=last)
        .filter(Q(lifted_on__isnull=True) | Q(lifted_on__gte=first))
        .values("theme")
        .annotate(value=Count("pk"), lifted=Count("pk", filter=Q(lifted_on__range=(first, last))))
        .order_by("-value", "theme")
    )
    barriers = list(barriers)
    # 5. and 6. Collective actions: totals, then by action.
    sessions = Session.objects.filter(date__range=(first, last))
    actions = sessions.aggregate(
        actions=Count("action", distinct=True),
        sessions=Count("pk", distinct=True),
        attendees=Count("attendees__person", distinct=True),
    )
    by_action = (
        sessions.values("action__name")
        .annotate(seances=Count("pk", distinct=True), value=Count("attendees__person", distinct=True))
        .order_by("action__name")
    )
    accompanied, exits = people["accompanied"], people["exits"]
    themes = dict(Frein.Theme.choices)
    return {
        "personnes_accompagnees": accompanied,
        "nouveaux_accompagnements": people["new"],
        "part_femmes": ratio(people["women"], accompanied),
        "part_deld": ratio(people["deld"], accompanied),
        "part_rsa": ratio(people["rsa"], accompanied),
        "part_50_ans_et_plus": ratio(people["fifty"], accompanied),
        "sorties": exits,
        "sorties_positives": people["positive"],
        "sorties_administratives": people["administrative"],
        "sorties_autres": exits - people["positive"] - people["administrative"],
        "taux_sorties_positives_relatif": ratio(people["positive"], exits),
        "taux_sorties_positives_absolu": ratio(people["positive"], exits - people["administrative"]),
        "aides_repas": meals["current"],
        "aides_repas_annee_precedente": meals["previous"],
        "aides_repas_2016": meals["base"],
        "evolution_aides_repas_1_an": growth(meals["current"], meals["previous"]),
        "evolution_aides_repas_depuis_2016": growth(meals["current"], meals["base"]),
        "repas_servis": meals["meals"],
        "montant_aides_repas": float(meals["amount"]),
        "beneficiaires_aides_repas": meals["beneficiaries"],
        "sorties_par_type": [
            {"label": row["exit_type__name"], "category": row["exit_type__category"], "value": row["value"]}
            for row in exits_by_type
        ],
        "freins_par_theme": [{"label": themes[row["theme"]], "value": row["value"]} for row in barriers],
        "freins_leves": sum(row["lifted"] for row in barriers),
        "actions_collectives": actions["actions"],
        "seances_collectives": actions["sessions"],
        "participants_actions_collectives": actions["attendees"],
        "actions_collectives_detail": [
            {"label": row["action__name"], "seances": row["seances"], "value": row["value"]} for row in by_action
        ],
    }


def _counts(pathways, conditions: dict[str, Q]) -> list[dict]:
    """One aggregate: [{"label", "value"}] for each labelled condition, and the total first."""
    found = pathways.aggregate(
        total=Count("pk"), **{f"c{i}": Count("pk", filter=q) for i, q in enumerate(conditions.values())}
    )
    rows = [{"label": label, "value": found[f"c{i}"]} for i, label in enumerate(conditions)]
    return [{"label": "Participant·es", "value": found["total"]}, *rows]


def fse_for_year(year: int) -> dict:
    """The FSE+ common indicators of `year`, one aggregate a block (7 queries whatever the data size).

    - Entry blocks (`genre`, `age`, `situation`, `cite`, `handicap`) count the pathways entered
      during the year: gender from the person; age on the entry date (under 30, 30 to 54, 55 and
      over); the labour-market situation at entry of the FSE+ data; the ISCED band of the education
      level at entry (`ISCED_BANDS`); disability as the RQTH at entry. Each block gives the total then
      each answer, and « Non renseigné » for pathways without an answer.
    - `sortie`: the pathways exited during the year, by each result at exit answered « oui ».
    - `six_mois`: the same pathways, by their situation six months after the exit.
    Each block: [{"label": …, "value": n}], the total first."""
    first, last = year_bounds(year)
    entered = Parcours.objects.filter(entry_date__range=(first, last))
    exited = Parcours.objects.filter(exit_date__range=(first, last))
    birth, entry = "person__birth_date", F("entry_date")
    situations = {label: Q(fse__labour_situation=value) for value, label in FseRecord.LabourSituation.choices}
    bands = {label: Q(education_level__in=levels) for label, levels in ISCED_BANDS.values()}
    every_level = [level for _, levels in ISCED_BANDS.values() for level in levels]
    results = {
        "En études ou en formation": Q(fse__exit_in_training=True),
        "Ont obtenu une qualification": Q(fse__exit_qualified=True),
        "En emploi (indépendant·es compris)": Q(fse__exit_employed=True),
        "En recherche d'emploi": Q(fse__exit_job_seeking=True),
    }
    later = {label: Q(fse__six_month_situation=value) for value, label in FseRecord.SixMonthSituation.choices}
    return {
        "genre": _counts(entered, {label: Q(person__gender=value) for value, label in Person.Gender.choices}),
        "age": _counts(
            entered,
            {
                "Moins de 30 ans": Q(**{f"{birth}__gt": YearsBefore(entry, 30)}),
                "De 30 à 54 ans": Q(
                    **{f"{birth}__gt": YearsBefore(entry, 55), f"{birth}__lte": YearsBefore(entry, 30)}
                ),
                "55 ans et plus": Q(**{f"{birth}__lte": YearsBefore(entry, 55)}),
                "Non renseigné": Q(**{f"{birth}__isnull": True}),
            },
        ),
        "situation": _counts(
            entered,
            situations | {"Non renseigné": Q(fse__isnull=True) | Q(fse__labour_situation="")},
        ),
        "cite": _counts(entered, bands | {"Non renseigné": ~Q(education_level__in=every_level)}),
        "handicap": _counts(entered, {"En situation de handicap (RQTH)": Q(rqth=True)}),
        "sortie": _counts(exited, results),
        "six_mois": _counts(exited, later | {"Non renseignée": Q(fse__isnull=True) | Q(fse__six_month_situation="")}),
    }
