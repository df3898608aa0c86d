"""plie.indicators.for_year on small hand-built data, with exact expected values."""

import datetime

import pytest

from plie.indicators import OPEN_DATA_KEYS, for_year
from plie.models import Frein, Parcours
from tests.factories import PersonFactory

from .factories import (
    CollectiveActionFactory,
    FreinFactory,
    MealAidFactory,
    ParcoursFactory,
    SessionFactory,
    exit_type,
)

D = datetime.date


def parcours(entry, exit=None, category="positive", **kwargs):
    if exit:
        kwargs.update(exit_date=exit, exit_type=exit_type(category))
    return ParcoursFactory(entry_date=entry, **kwargs)


def test_an_empty_year_gives_zero_counts_and_no_shares_nor_rates():
    figures = for_year(2020)
    assert set(OPEN_DATA_KEYS) <= set(figures)
    assert figures["personnes_accompagnees"] == 0
    assert figures["sorties"] == 0
    not_computable = [key for key in OPEN_DATA_KEYS if key.startswith(("part_", "taux_", "evolution_"))]
    assert len(not_computable) == 8
    for key in not_computable:
        assert figures[key] is None, key


def test_people_accompanied_are_those_with_a_pathway_open_one_day_of_the_year():
    parcours(D(2019, 6, 1))  # still open: counted
    parcours(D(2018, 3, 1), D(2020, 1, 1))  # open on 1 January only: counted
    parcours(D(2020, 12, 31))  # entered on 31 December: counted and new
    parcours(D(2019, 1, 10), D(2019, 12, 31))  # left the year before
    parcours(D(2021, 1, 1))  # enters the year after
    figures = for_year(2020)
    assert figures["personnes_accompagnees"] == 3
    assert figures["nouveaux_accompagnements"] == 1
    assert for_year(2019)["personnes_accompagnees"] == 3
    assert for_year(2021)["personnes_accompagnees"] == 3  # two still open, one entering


def test_a_person_with_two_pathways_in_the_year_is_counted_once():
    first = parcours(D(2019, 1, 10), D(2020, 3, 1), category="autre")
    parcours(D(2020, 6, 1), person=first.person)
    figures = for_year(2020)
    assert figures["personnes_accompagnees"] == 1
    assert figures["nouveaux_accompagnements"] == 1
    assert figures["sorties"] == 1


def test_shares_of_women_rsa_and_long_term_job_seekers():
    parcours(D(2020, 3, 1), person=PersonFactory(gender="F"), rsa=True, job_seeker_since=D(2019, 3, 1))  # 12 months
    parcours(D(2020, 3, 1), person=PersonFactory(gender="M"), job_seeker_since=D(2019, 3, 2))  # a day short
    parcours(D(2020, 3, 1), person=PersonFactory(gender="F"), rsa=True, job_seeker_since=D(2015, 1, 1))
    parcours(D(2020, 3, 1), person=PersonFactory(gender="X"))  # not registered
    figures = for_year(2020)
    assert figures["part_femmes"] == 0.5
    assert figures["part_rsa"] == 0.5
    assert figures["part_deld"] == 0.5


def test_age_50_counts_on_31_december_of_the_year():
    parcours(D(2020, 2, 1), person=PersonFactory(birth_date=D(1970, 12, 31)))  # turns 50 on 31/12/2020
    parcours(D(2020, 2, 1), person=PersonFactory(birth_date=D(1971, 1, 1)))  # 49 on 31/12/2020
    parcours(D(2020, 2, 1), person=PersonFactory(birth_date=D(1960, 5, 5)))
    parcours(D(2020, 2, 1), person=PersonFactory(birth_date=None))  # unknown: not counted as 50+
    assert for_year(2020)["part_50_ans_et_plus"] == 0.5
    assert for_year(2021)["part_50_ans_et_plus"] == 0.75  # born 1 January 1971: 50 in 2021


def test_exits_and_positive_exit_rates():
    for _ in range(3):
        parcours(D(2019, 1, 1), D(2020, 6, 30), "positive")
    parcours(D(2019, 1, 1), D(2020, 12, 31), "positive")  # exit on 31 December: counts in 2020
    parcours(D(2019, 1, 1), D(2020, 5, 1), "administrative")
    parcours(D(2019, 1, 1), D(2020, 5, 1), "administrative")
    parcours(D(2019, 1, 1), D(2020, 5, 1), "autre")
    parcours(D(2019, 1, 1), D(2020, 5, 1), "autre")
    parcours(D(2019, 1, 1), D(2021, 1, 1), "positive")  # the next year's exit
    figures = for_year(2020)
    assert figures["sorties"] == 8
    assert figures["sorties_positives"] == 4
    assert figures["sorties_administratives"] == 2
    assert figures["sorties_autres"] == 2
    assert figures["taux_sorties_positives_relatif"] == 0.5
    assert figures["taux_sorties_positives_absolu"] == 4 / 6
    assert sum(row["value"] for row in figures["sorties_par_type"]) == 8
    assert for_year(2021)["sorties"] == 1


def test_only_administrative_exits_give_no_absolute_rate():
    parcours(D(2019, 1, 1), D(2020, 5, 1), "administrative")
    figures = for_year(2020)
    assert figures["taux_sorties_positives_relatif"] == 0
    assert figures["taux_sorties_positives_absolu"] is None


def test_a_year_without_exits_gives_no_rates():
    parcours(D(2019, 1, 1))
    figures = for_year(2020)
    assert figures["sorties"] == 0
    assert figures["taux_sorties_positives_relatif"] is None
    assert figures["taux_sorties_positives_absolu"] is None


def test_meal_fund_growth_against_last_year_and_2016():
    for year, count in {2016: 2, 2019: 5, 2020: 6}.items():
        for _ in range(count):
            MealAidFactory(date=D(year, 12, 31))
    MealAidFactory(date=D(2020, 1, 1), meals=None, amount=30)
    figures = for_year(2020)
    assert figures["aides_repas"] == 7
    assert figures["evolution_aides_repas_1_an"] == pytest.approx(0.4)
    assert figures["evolution_aides_repas_depuis_2016"] == pytest.approx(2.5)
    assert figures["repas_servis"] == 60
    assert figures["montant_aides_repas"] == 30.0
    assert for_year(2018)["evolution_aides_repas_1_an"] is None  # nothing in 2017
    assert for_year(2017)["evolution_aides_repas_depuis_2016"] == -1.0


def test_barriers_present_during_the_year_by_theme():
    pathway = parcours(D(2019, 1, 1))
    FreinFactory(parcours=pathway, theme=Frein.Theme.SANTE, identified_on=D(2019, 2, 1))  # still there
    FreinFactory(parcours=pathway, theme=Frein.Theme.SANTE, identified_on=D(2019, 2, 1), lifted_on=D(2020, 4, 1))
    FreinFactory(parcours=pathway, theme=Frein.Theme.MOBILITE, identified_on=D(2019, 2, 1), lifted_on=D(2019, 9, 1))
    FreinFactory(parcours=pathway, theme=Frein.Theme.LOGEMENT, identified_on=D(2021, 1, 5))
    figures = for_year(2020)
    assert figures["freins_par_theme"] == [{"label": "Santé", "value": 2}]
    assert figures["freins_leves"] == 1


def test_collective_actions_and_distinct_attendees():
    first, second = parcours(D(2020, 1, 1)), parcours(D(2020, 1, 1))
    action = CollectiveActionFactory(name="En forme pour l'emploi")
    SessionFactory(action=action, date=D(2020, 9, 15), attendees=[first, second])
    SessionFactory(action=action, date=D(2020, 9, 29), attendees=[first])
    SessionFactory(action=CollectiveActionFactory(name="Théâtre et coaching"), date=D(2020, 10, 6), attendees=[first])
    SessionFactory(action=action, date=D(2019, 9, 29), attendees=[])
    figures = for_year(2020)
    assert figures["actions_collectives"] == 2
    assert figures["seances_collectives"] == 3
    assert figures["participants_actions_collectives"] == 2
    assert figures["actions_collectives_detail"] == [
        {"label": "En forme pour l'emploi", "seances": 2, "value": 2},
        {"label": "Théâtre et coaching", "seances": 1, "value": 1},
    ]


@pytest.mark.parametrize(
    ("since", "entry", "deld"),
    [
        (D(2019, 3, 1), D(2020, 3, 1), True),  # 12 months to the day
        (D(2019, 3, 2), D(2020, 3, 1), False),  # a day short
        (D(2019, 2, 28), D(2020, 2, 29), True),  # no 29 February a year before: the 28th
        (D(2019, 3, 1), D(2020, 2, 29), False),
        (D(2020, 2, 29), D(2021, 2, 28), False),  # registered on a 29 February: 12 months on 1 March
        (D(2020, 2, 29), D(2021, 3, 1), True),
        (None, D(2020, 3, 1), False),  # not registered
    ],
)
def test_one_definition_of_a_long_term_job_seeker(since, entry, deld):
    """The figures, the QuerySet annotation and the pathway's property agree, boundaries included."""
    parcours(entry, job_seeker_since=since)
    annotated = Parcours.objects.with_long_term_job_seeker().get()
    assert annotated.is_deld is deld
    assert annotated.is_long_term_job_seeker is deld
    assert for_year(entry.year)["part_deld"] == (1 if deld else 0)
