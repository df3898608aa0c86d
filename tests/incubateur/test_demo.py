import datetime

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from cbe_portal.models import Person
from cbe_portal.validators import age_on
from incubateur import demo, indicators
from incubateur.models import (
    Appointment,
    CollectiveTime,
    Committee,
    CreatedJob,
    CreatedStructure,
    Project,
    Reception,
    Stage,
    StageChange,
    TrainingSession,
)


def test_demo_gives_the_2020_report_figures_and_loads_once(loaded_demo):
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
        "porteurs_presentes": 23,  # « 7 projets présentés, soit 23 personnes reçues »
        "membres_collectif": 9,  # « Le collectif d'accompagnement compte 9 membres »
    }
    assert len(figures["collectif"]) == 9


def test_demo_appointments_never_precede_a_first_reception(loaded_demo):
    for project in Project.objects.with_first_reception().prefetch_related("appointments"):
        assert all(appointment.date >= project.first_reception for appointment in project.appointments.all())


def test_demo_pages_render(loaded_demo, client_as):
    from incubateur.models import Training

    client = client_as("incubateur")
    project = Project.objects.get(name="Habitat participatif Les Pins")
    urls = [
        reverse("incubateur:home") + "?annee=2020",
        reverse("incubateur:project_pipeline"),
        reverse("incubateur:project_list") + "?q=epicerie&stage=sorti",
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
    epicerie = Project.objects.get(name="Épicerie solidaire de Tarnos")
    content = client.get(reverse("incubateur:project_list") + f"?q=epicerie&stage={epicerie.stage}").content.decode()
    assert "Épicerie solidaire de Tarnos" in content and "Café culturel" not in content


def test_demo_decisions_point_to_the_stage_changes_they_made(loaded_demo):
    from incubateur.models import Presentation

    moved = Presentation.objects.filter(decision__in=["admis", "reoriente"])
    assert moved.count() == moved.filter(stage_changes__isnull=False).count() > 0


def test_demo_goes_on_to_today_with_the_volumes_of_2020_and_plausible_records(loaded_demo, client_as):
    """A live year for the staff space: the years from 2021 are like 2020, nothing is dated after
    today but the appointments planned, and the people are 16 to 99 years old when met."""
    today = timezone.localdate()
    figures = indicators.for_year(2021)
    assert (figures["idees"], figures["personnes_accueillies"], figures["comites_orientation"]) == (50, 116, 2)
    assert figures["temps_collectifs"] == 11 and figures["formations"] == 5
    assert figures["projets_presentes"] >= 5 and figures["projets_accompagnes"] >= 10
    assert Reception.objects.filter(date__year=today.year).exists() or today.timetuple().tm_yday < 8
    past = [(Reception, "date"), (Committee, "date"), (StageChange, "date"), (CollectiveTime, "date"),
            (TrainingSession, "date"), (CreatedStructure, "created_on"), (CreatedJob, "date")]  # fmt: skip
    for model, field in past:
        assert not model.objects.filter(**{f"{field}__gt": today}).exists(), model
    people = Person.objects.filter(incubateur_receptions__isnull=False, birth_date__isnull=False)
    ages = people.annotate(met=Min("incubateur_receptions__date")).values_list("birth_date", "met")
    assert all(16 <= age_on(birth, met) <= 99 for birth, met in ages)
    # The projects accompanied today have their next appointment planned, some in the coming week...
    coming = Appointment.objects.coming(days=7)
    assert coming.exists() and not Appointment.objects.filter(date__gt=today + datetime.timedelta(days=15)).exists()
    assert (
        "rendez-vous individuels des 7 prochains jours"
        in client_as("incubateur").get(reverse("cbe_portal:dashboard")).text
    )
    # ...with members of the collective on that day; each history goes forward in time.
    assert all(
        appointment.member.is_member_on(appointment.date)
        for appointment in Appointment.objects.select_related("member")
    )
    for project in Project.objects.prefetch_related("stage_changes"):
        history = list(project.stage_changes.all())
        assert [change.previous_stage for change in history] == ["", *(change.stage for change in history[:-1])]
        assert project.stage == history[-1].stage
    assert Project.objects.in_progress().filter(stage=Stage.INCUBATION).exists()
