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


def test_demo_pages_render(client_as):
    from django.urls import reverse

    from incubateur.models import ComiteOrientation, Formation

    demo.load()
    client = client_as("incubateur")
    projet = Projet.objects.get(name="Habitat participatif Les Pins")
    urls = [
        reverse("incubateur:home") + "?annee=2020",
        reverse("incubateur:projet_pipeline"),
        reverse("incubateur:projet_list") + "?q=epicerie&stage=lancement",
        reverse("incubateur:projet_detail", args=[projet.pk]),
        reverse("incubateur:comite_detail", args=[ComiteOrientation.objects.first().pk]),
        reverse("incubateur:formation_detail", args=[Formation.objects.first().pk]),
        reverse("incubateur:accueil_list") + "?q=recyclerie",
        reverse("incubateur:membre_list"),
        reverse("incubateur:temps_collectif_list"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    content = client.get(reverse("incubateur:home") + "?annee=2020", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Chiffres de l'année 2020" in content.replace("&#x27;", "'")
    content = client.get(reverse("incubateur:projet_detail", args=[projet.pk])).content.decode()
    assert "En pause : terrain plus disponible." in content
    content = client.get(reverse("incubateur:projet_list") + "?q=epicerie&stage=lancement").content.decode()
    assert "Épicerie solidaire de Tarnos" in content and "Café culturel" not in content
