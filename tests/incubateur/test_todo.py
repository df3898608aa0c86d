"""The staff home's « À faire »: the individual appointments of the coming seven days."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import AppointmentFactory, CollectiveMemberFactory, ProjectFactory

DASHBOARD = reverse("cbe_portal:dashboard")
HEADING = "Incubateur : rendez-vous individuels des 7 prochains jours"
TODAY = timezone.localdate()


def appointment(in_days, **kwargs):
    return AppointmentFactory(date=TODAY + datetime.timedelta(days=in_days), **kwargs)


def test_the_dashboard_links_the_appointments_of_the_coming_week(client_as):
    member = CollectiveMemberFactory(organisation__name="SCIC Interstices")
    project = ProjectFactory(name="Garage solidaire")
    appointment(2, project=project, member=member, duration_minutes=90)
    appointment(7, project__name="Café associatif")
    for in_days, name in [(-1, "Rendez-vous passé"), (8, "Rendez-vous lointain")]:
        appointment(in_days, project__name=name)
    page = client_as("incubateur-lecture").get(DASHBOARD).text
    assert HEADING in page
    assert (
        f'<a href="{project.get_absolute_url()}#rendez-vous">Garage solidaire</a> avec SCIC Interstices (90 min)'
        in page
    )
    assert "Café associatif" in page
    assert "Rendez-vous passé" not in page and "Rendez-vous lointain" not in page
    assert HEADING not in client_as("plie").get(DASHBOARD).text


def test_nothing_to_do_shows_nothing(client_as):
    appointment(10)
    assert HEADING not in client_as("incubateur").get(DASHBOARD).text


def test_ten_appointments_then_the_count_of_the_others_in_the_same_queries(client_as):
    client = client_as("incubateur")

    def dashboard():
        client.get(DASHBOARD)  # the figures of the year, cached for the request measured
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DASHBOARD).text
        return page, len(queries)

    member = CollectiveMemberFactory()
    for index in range(12):
        appointment(index % 7, project__name=f"Projet {index:02}", member=member)
    page, few = dashboard()
    assert sum(f">Projet {index:02}<" in page for index in range(12)) == 10
    assert "… et 2 autres." in page
    for index in range(30):
        appointment(3, project__name=f"Autre projet {index:02}")
    page, many = dashboard()
    assert "… et 32 autres." in page
    assert many == few
