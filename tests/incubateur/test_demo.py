from incubateur import demo, indicators
from incubateur.models import PremierAccueil, Projet, RendezVous


def test_demo_gives_the_2020_report_figures_and_loads_once():
    demo.load()
    counts = (Projet.objects.count(), PremierAccueil.objects.count(), RendezVous.objects.count())
    demo.load()
    assert (Projet.objects.count(), PremierAccueil.objects.count(), RendezVous.objects.count()) == counts

    figures = indicators.for_year(2020)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "personnes_accueillies": 116,
        "idees": 50,
        "comites_orientation": 2,
        "projets_presentes": 7,
        "nouveaux_projets_incubes": 5,
        "projets_accompagnes": 16,
        "associations_creees": 5,
        "emplois_crees": 6,
        "temps_collectifs": 11,
        "formations": 5,
    }
    # « 7 projets présentés, soit 23 personnes reçues »
    assert figures["porteurs_presentes"] == 23


def test_demo_appointments_never_precede_a_first_reception():
    demo.load()
    for projet in Projet.objects.with_first_reception().prefetch_related("rendez_vous"):
        assert all(rdv.date >= projet.first_reception for rdv in projet.rendez_vous.all())
