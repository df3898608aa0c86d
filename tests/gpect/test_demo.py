from django.db.models import F, Max, Sum
from django.utils import timezone

from gpect import demo, indicators
from gpect.demo import MOBILISED_2020
from gpect.models import (
    MAX_HOURS_PER_DAY,
    MAX_HOURS_PER_PERSON_YEAR,
    CompanyVisit,
    Employer,
    EmployerAction,
    InsertionHours,
    JobOffer,
    Market,
    Match,
)


def test_demo_loads_once_and_gives_the_2020_report_figures(loaded_demo):
    counts = (Employer.objects.count(), InsertionHours.objects.count())
    demo.load()
    assert (Employer.objects.count(), InsertionHours.objects.count()) == counts

    figures = indicators.for_year(2020)

    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "employeurs_mobilises": 392,
        "secteurs": 13,
        "offres_diffusees": 214,
        "mises_en_relation": 50,
        "visites_entreprises": 3,
        "participants_visites_ateliers": 35,
        "marches_clauses": 5,
        "personnes_clauses": 29,
        "heures_insertion": 8264,
        "entreprises_clauses": 26,
        "part_contrats_professionnalisation": 24 / 29,
    }
    assert len(figures["heures_par_marche"]) == 5
    assert sum(row["value"] for row in figures["heures_par_marche"]) == 8264
    assert sum(row["value"] for row in figures["employeurs_par_secteur"]) == 392


def test_demo_hours_follow_the_rules_of_the_entry_form(loaded_demo):
    entries = InsertionHours.objects.select_related("market")
    assert all(entry.period_start.year == entry.period_end.year == entry.market.year for entry in entries)
    assert all(
        0 < entry.hours <= MAX_HOURS_PER_DAY * ((entry.period_end - entry.period_start).days + 1) for entry in entries
    )
    per_person_year = InsertionHours.objects.values("person", year=F("market__year")).annotate(total=Sum("hours"))
    assert max(row["total"] for row in per_person_year) <= MAX_HOURS_PER_PERSON_YEAR


def test_demo_runs_on_to_today_with_a_live_year(loaded_demo):
    today = timezone.localdate()
    for year in range(2021, today.year):
        figures = indicators.for_year(year)
        assert (figures["offres_diffusees"], figures["employeurs_mobilises"]) == (214, MOBILISED_2020), year
    live = indicators.for_year(today.year)
    assert all(live[key] for key in ["mises_en_relation", "visites_entreprises", "heures_insertion"])
    dated = [(EmployerAction, "date"), (JobOffer, "date"), (Match, "date"), (CompanyVisit, "date"),
             (InsertionHours, "period_end")]  # fmt: skip
    assert all(model.objects.aggregate(last=Max(field))["last"] <= today for model, field in dated)
    assert JobOffer.objects.filter(closing_date__gte=today).exists()  # offers still open
    assert JobOffer.objects.unmatched_past_closing().exists()  # the « À faire » has items
    # The live year follows the rules of the entry forms.
    records = [
        *JobOffer.objects.filter(date__year=today.year),
        *Match.objects.filter(date__year=today.year).select_related("offer"),
        *CompanyVisit.objects.filter(date__year=today.year),
        *Market.objects.filter(year=today.year),
    ]
    for record in records:
        record.full_clean()
