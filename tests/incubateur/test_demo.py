from incubateur import demo, indicators
from incubateur.models import Appointment, Project, Reception


def test_demo_gives_the_2020_report_figures_and_loads_once():
    demo.load()
    counts = (Project.objects.count(), Reception.objects.count(), Appointment.objects.count())
    demo.load()
    assert (Project.objects.count(), Reception.objects.count(), Appointment.objects.count()) == counts

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
    for project in Project.objects.with_first_reception().prefetch_related("appointments"):
        assert all(appointment.date >= project.first_reception for appointment in project.appointments.all())


def test_demo_pages_render(client_as):
    from django.urls import reverse

    from incubateur.models import Committee, Training

    demo.load()
    client = client_as("incubateur")
    project = Project.objects.get(name="Habitat participatif Les Pins")
    urls = [
        reverse("incubateur:home") + "?annee=2020",
        reverse("incubateur:project_pipeline"),
        reverse("incubateur:project_list") + "?q=epicerie&stage=lancement",
        reverse("incubateur:project_detail", args=[project.pk]),
        reverse("incubateur:committee_detail", args=[Committee.objects.first().pk]),
        reverse("incubateur:training_detail", args=[Training.objects.first().pk]),
        reverse("incubateur:reception_list") + "?q=recyclerie",
        reverse("incubateur:member_list"),
        reverse("incubateur:collective_time_list"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    content = client.get(reverse("incubateur:home") + "?annee=2020", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Chiffres de l'année 2020" in content.replace("&#x27;", "'")
    content = client.get(reverse("incubateur:project_detail", args=[project.pk])).content.decode()
    assert "En pause : terrain plus disponible." in content
    content = client.get(reverse("incubateur:project_list") + "?q=epicerie&stage=lancement").content.decode()
    assert "Épicerie solidaire de Tarnos" in content and "Café culturel" not in content


def test_demo_decisions_point_to_the_stage_changes_they_made():
    from incubateur.models import Presentation

    demo.load()
    moved = Presentation.objects.filter(decision__in=["admis", "reoriente"])
    assert moved.count() == moved.filter(stage_changes__isnull=False).count() > 0
