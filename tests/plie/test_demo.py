"""The demo data gives the 2020 activity report's PLIE figures."""

import pytest
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cbe_portal.validators import validate_age
from plie import demo
from plie.indicators import for_year
from plie.models import (
    NO_NEWS_MONTHS,
    OLD_BARRIER_MONTHS,
    Attendance,
    CollectiveAction,
    Frein,
    Interview,
    MealAid,
    Parcours,
    Session,
    Step,
    months_before,
)


def test_demo_gives_the_2020_report_figures_and_loads_once(loaded_demo):
    counts = Parcours.objects.count(), MealAid.objects.count(), CollectiveAction.objects.count()
    demo.load()
    assert (Parcours.objects.count(), MealAid.objects.count(), CollectiveAction.objects.count()) == counts
    figures = for_year(2020)
    # « 203 personnes accompagnées (51 nouveaux accompagnements) »
    assert figures["personnes_accompagnees"] == 203
    assert figures["nouveaux_accompagnements"] == 51
    # « dont 62% de femmes et 39% de demandeur.se.s d'emploi longue durée »
    assert figures["part_femmes"] == pytest.approx(0.62, abs=0.005)
    assert figures["part_femmes"] == 126 / 203
    assert figures["part_deld"] == pytest.approx(0.39, abs=0.005)
    assert figures["part_deld"] == 79 / 203
    # « 1/3 des publics accompagnés bénéficie du RSA, 25% des personnes en parcours ont 50 ans et plus »
    assert figures["part_rsa"] == pytest.approx(1 / 3, abs=0.005)
    assert figures["part_rsa"] == 68 / 203
    assert figures["part_50_ans_et_plus"] == pytest.approx(0.25, abs=0.005)
    assert figures["part_50_ans_et_plus"] == 51 / 203
    # « 57 sorties totales soit un taux de sorties positives relatives de 51% et absolues de 69% »
    assert figures["sorties"] == 57
    assert figures["sorties_positives"] == 29
    assert figures["sorties_administratives"] == 15
    assert figures["taux_sorties_positives_relatif"] == pytest.approx(0.51, abs=0.005)
    assert figures["taux_sorties_positives_absolu"] == pytest.approx(0.69, abs=0.005)
    # « une demande qui a grimpé de 20% en un an et qui a augmenté de 2500% depuis sa création (2016) »
    assert figures["aides_repas"] == 390
    assert figures["aides_repas_annee_precedente"] == 325
    assert figures["aides_repas_2016"] == 15
    assert figures["evolution_aides_repas_1_an"] == pytest.approx(0.20)
    assert figures["evolution_aides_repas_depuis_2016"] == pytest.approx(25.0)
    # « En forme pour l'emploi » and « Théâtre et coaching » took place in 2020.
    names = {row["label"] for row in figures["actions_collectives_detail"]}
    assert {"En forme pour l'emploi", "Théâtre et coaching"} <= names
    assert all(row["value"] > 0 for row in figures["actions_collectives_detail"])


# The demo's figures of the years before, as they stood before the models were renamed and the
# long-term job seeker got its one definition: (accompanied, new, exits, positive, administrative,
# meal aids, barriers lifted, attendees of collective actions) and (women, DELD, RSA, 50+) people.
EARLIER_YEARS = {
    2016: ((110, 46, 38, 22, 5, 15, 39, 0), (68, 34, 37, 35)),
    2017: ((138, 66, 44, 25, 5, 52, 42, 0), (87, 51, 43, 47)),
    2018: ((183, 89, 47, 23, 13, 140, 53, 0), (106, 74, 64, 46)),
    2019: ((204, 68, 52, 22, 15, 325, 67, 10), (119, 82, 68, 60)),
}
COUNTS = ["personnes_accompagnees", "nouveaux_accompagnements", "sorties", "sorties_positives",
          "sorties_administratives", "aides_repas", "freins_leves", "participants_actions_collectives"]  # fmt: skip
SHARES = ["part_femmes", "part_deld", "part_rsa", "part_50_ans_et_plus"]


def test_the_demo_figures_of_2016_to_2019_stay_the_same(loaded_demo):
    for year, (counts, people) in EARLIER_YEARS.items():
        figures = for_year(year)
        assert tuple(figures[key] for key in COUNTS) == counts, year
        assert tuple(figures[key] for key in SHARES) == tuple(n / counts[0] for n in people), year


def test_the_demo_runs_on_to_today_within_the_rules(loaded_demo):
    """2021 to today at 2020's pace: pathways still open, some without news for months, nothing in
    the future, every record within its pathway, every person 16 to 99 at entry."""
    today = timezone.localdate()
    for year in range(2021, today.year):
        figures = for_year(year)
        assert 150 <= figures["personnes_accompagnees"] <= 250, year
        assert figures["nouveaux_accompagnements"] == demo.LIVE_NEW, year
        assert 30 <= figures["sorties"] <= 100, year
        assert figures["aides_repas"] == 390 and figures["seances_collectives"] > 0, year
    assert Parcours.objects.open().filter(entry_date__year=today.year).exists()
    dated = [(Parcours, "entry_date"), (Parcours, "exit_date"), (Frein, "identified_on"), (Frein, "lifted_on"),
             (Step, "start_date"), (Interview, "date"), (Session, "date"), (MealAid, "date")]  # fmt: skip
    assert not [(model, field) for model, field in dated if model.objects.filter(**{f"{field}__gt": today})]
    before_entry, after_exit = Q(day__lt=F("parcours__entry_date")), Q(day__gt=F("parcours__exit_date"))
    for records in [
        Interview.objects.annotate(day=F("date")),
        Step.objects.annotate(day=Greatest("start_date", Coalesce("end_date", "start_date"))),
        Frein.objects.annotate(day=Coalesce("lifted_on", "identified_on")),
        Attendance.objects.annotate(day=F("session__date")),
    ]:
        assert not records.filter(before_entry | after_exit).exists(), records.model
    for parcours in Parcours.objects.select_related("person"):
        validate_age(parcours.person.birth_date, parcours.entry_date)
    # The staff home's « À faire » has something to show.
    assert Parcours.objects.open().without_news_since(months_before(today, NO_NEWS_MONTHS)).exists()
    assert Frein.objects.open_since(months_before(today, OLD_BARRIER_MONTHS)).exists()
