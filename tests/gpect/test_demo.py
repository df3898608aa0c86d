from gpect import demo, indicators
from gpect.models import Employer, InsertionHours


def test_demo_loads_once_and_gives_the_2020_report_figures():
    demo.load()
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
