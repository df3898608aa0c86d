"""The staff home's « À faire »: an adviser's participants without an interview or a step for three
months and their barriers open for more than six months (coordination: everyone's)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plie.models import months_before
from tests.factories import PersonFactory, UserFactory

from .factories import FreinFactory, InterviewFactory, ParcoursFactory, StepFactory, exit_type

DASHBOARD = reverse("cbe_portal:dashboard")
SILENT = "PLIE : participant·es sans entretien ni étape depuis trois mois"
BARRIERS = "PLIE : freins repérés depuis plus de six mois"
TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def followed(referent, last_name, entered_days_ago=300, **kwargs):
    person = PersonFactory(first_name="Ane", last_name=last_name)
    return ParcoursFactory(person=person, referent=referent, entry_date=days_ago(entered_days_ago), **kwargs)


def test_an_adviser_sees_their_participants_without_news_and_their_lasting_barriers(client):
    adviser, colleague = UserFactory(roles=["plie"]), UserFactory(roles=["plie"])
    silent = followed(adviser, "Etcheverry")
    InterviewFactory(parcours=silent, date=days_ago(120))
    seen_lately = followed(adviser, "Lafitte")
    InterviewFactory(parcours=seen_lately, date=days_ago(30))
    in_training = followed(adviser, "Dufau")
    StepFactory(parcours=in_training, kind="immersion", start_date=days_ago(200), end_date=days_ago(20))
    newcomer = followed(adviser, "Labat", entered_days_ago=40)
    gone = followed(adviser, "Castaing", exit_date=days_ago(150), exit_type=exit_type("autre"))
    colleagues = followed(colleague, "Larrieu")
    lasting = FreinFactory(parcours=seen_lately, theme="mobilite", identified_on=days_ago(250))
    recent = FreinFactory(parcours=seen_lately, theme="sante", identified_on=days_ago(60))
    lifted = FreinFactory(parcours=seen_lately, theme="logement", identified_on=days_ago(250), lifted_on=days_ago(5))
    on_closed = FreinFactory(parcours=gone, theme="numerique", identified_on=days_ago(280))
    others = FreinFactory(parcours=colleagues, theme="precarite", identified_on=days_ago(280))
    client.force_login(adviser)
    page = client.get(DASHBOARD).text
    assert SILENT in page and BARRIERS in page
    since = f"{days_ago(120):%d/%m/%Y}"
    assert f'<a href="{silent.get_absolute_url()}">Ane Etcheverry</a> : sans nouvelles depuis le {since}' in page
    link = f'<a href="{seen_lately.get_absolute_url()}#frein-{lasting.pk}">Ane Lafitte : mobilité</a>'
    assert f"{link}, repéré le {days_ago(250):%d/%m/%Y}" in page
    for other in [seen_lately, in_training, newcomer, gone, colleagues]:
        assert f'<a href="{other.get_absolute_url()}">' not in page
    for other in [recent, lifted, on_closed, others]:
        assert f"#frein-{other.pk}" not in page
    assert "suivi·e par" not in page


def test_coordination_sees_every_adviser_s_and_a_reader_only_their_own(client_as):
    adviser = UserFactory(first_name="Sophie", last_name="Laborde", roles=["plie"])
    silent = followed(adviser, "Etcheverry")
    FreinFactory(parcours=silent, identified_on=silent.entry_date)
    page = client_as("coordination").get(DASHBOARD).text
    assert f'<a href="{silent.get_absolute_url()}">Ane Etcheverry</a>' in page
    assert page.count("(suivi·e par Sophie Laborde)") == 2
    assert SILENT not in client_as("plie-lecture").get(DASHBOARD).text
    assert SILENT not in client_as("gpect").get(DASHBOARD).text


def test_nothing_to_do_shows_nothing(client):
    adviser = UserFactory(roles=["plie"])
    InterviewFactory(parcours=followed(adviser, "Lafitte"), date=days_ago(10))
    client.force_login(adviser)
    page = client.get(DASHBOARD).text
    assert SILENT not in page and BARRIERS not in page


def test_three_months_are_calendar_months():
    assert months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 2, 15), 3) == datetime.date(2025, 11, 15)


def test_ten_of_each_then_the_count_of_the_others_in_the_same_queries(client_as):
    client = client_as("coordination")

    def dashboard():
        client.get(DASHBOARD)  # the figures of the year, cached for the request measured
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DASHBOARD).text
        return page, len(queries)

    def silent_with_a_barrier(index, days):
        parcours = followed(None, f"Nom {index:02}", entered_days_ago=days)
        FreinFactory(parcours=parcours, identified_on=parcours.entry_date)

    for index in range(12):
        silent_with_a_barrier(index, 400 - index)
    page, few = dashboard()
    assert [f">Ane Nom {index:02}</a>" in page for index in range(12)] == [True] * 10 + [False] * 2
    assert page.count("… et 2 autres.") == 2
    assert "(sans référent·e)" in page
    for index in range(12, 42):
        silent_with_a_barrier(index, 300)
    page, many = dashboard()
    assert page.count("… et 32 autres.") == 2
    assert many == few
