"""FSE+ participant data: the consent rule, the yearly bulk-upload export, the common indicators and
the reminder of the situation six months after the exit."""

import csv
import datetime
import io

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cbe_portal.models import AccessLog, Person
from plie.forms import FseRecordForm
from plie.models import SENSITIVE_WITHOUT_CONSENT, FseRecord, Parcours
from tests.factories import PersonFactory, UserFactory

from .factories import ParcoursFactory, exit_type

D = datetime.date
PAGE = reverse("plie:fse_indicators")
DASHBOARD = reverse("cbe_portal:dashboard")
REMINDER = "PLIE : situation à six mois à relever (FSE+)"
TODAY = timezone.localdate()


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def pathway(first_name, last_name, gender, birth_date, **kwargs):
    person = PersonFactory(first_name=first_name, last_name=last_name, gender=gender, birth_date=birth_date)
    return ParcoursFactory(person=person, **kwargs)


# The consent rule -----------------------------------------------------------------------------


def form_data(**values):
    data = {"labour_situation": "chomeur", "sensitive_consent_on": ""}
    for name in (*FseRecord.SENSITIVE_FIELDS, *FseRecord.EXIT_FIELDS):
        data[name] = "unknown"
    return data | values


def test_without_consent_the_sensitive_items_stay_empty():
    parcours = ParcoursFactory()
    form = FseRecordForm(form_data(homeless="true"), instance=FseRecord(parcours=parcours))
    assert not form.is_valid()
    assert form.errors["homeless"] == [SENSITIVE_WITHOUT_CONSENT]
    form = FseRecordForm(form_data(sensitive_consent="on", homeless="true"), instance=FseRecord(parcours=parcours))
    assert not form.is_valid()
    assert form.errors["sensitive_consent_on"] == ["Indiquez la date du consentement."]
    values = {"sensitive_consent": "on", "sensitive_consent_on": "2020-01-15", "homeless": "true"}
    form = FseRecordForm(form_data(**values), instance=FseRecord(parcours=parcours))
    assert form.is_valid(), form.errors
    record = form.save()
    assert (record.sensitive_consent, record.homeless, record.minority) == (True, True, None)


def test_the_database_refuses_sensitive_items_without_consent():
    with pytest.raises(IntegrityError):
        FseRecord.objects.create(parcours=ParcoursFactory(), homeless=False)


def test_the_results_at_exit_wait_for_the_exit(client_as):
    parcours = ParcoursFactory()
    response = client_as("plie").post(reverse("plie:fse_edit", args=[parcours.pk]), form_data(exit_employed="true"))
    assert response.status_code == 200
    assert "enregistrez la sortie avant la situation à la sortie" in response.text
    assert not FseRecord.objects.exists()


def test_an_adviser_records_the_fse_data_on_the_pathway_page(client_as):
    parcours = ParcoursFactory(exit_date=D(2020, 12, 31), exit_type=exit_type("positive"))
    url = reverse("plie:fse_edit", args=[parcours.pk])
    client = client_as("plie")
    assert "Données FSE+" in client.get(url).text
    values = form_data(exit_employed="true", six_month_situation="emploi", six_month_recorded_on="2021-07-02")
    assert client.post(url, values).status_code == 302
    record = FseRecord.objects.get(parcours=parcours)
    assert (record.exit_employed, record.six_month_situation) == (True, "emploi")
    values["loaded_version"] = record.updated_at.isoformat()
    values["six_month_situation"] = "formation"
    assert client.post(url, values).status_code == 302
    assert FseRecord.objects.get().six_month_situation == "formation"


# The yearly export ----------------------------------------------------------------------------

HEADER = [
    "ID_PARCOURS", "NOM", "PRENOM", "SEXE", "DATE_NAISSANCE", "AGE_ENTREE", "DATE_ENTREE", "SITUATION_ENTREE",
    "NIVEAU_CITE", "HANDICAP", "CONSENTEMENT", "DATE_CONSENTEMENT", "ORIGINE_ETRANGERE", "PAYS_TIERS", "MINORITE",
    "SANS_DOMICILE", "DATE_SORTIE", "SORTIE_FORMATION", "SORTIE_QUALIFICATION", "SORTIE_EMPLOI",
    "SORTIE_RECHERCHE_EMPLOI", "SITUATION_6_MOIS", "DATE_SITUATION_6_MOIS",
]  # fmt: skip


def test_the_export_of_a_year_gives_one_row_per_participant_entered_or_exited(client_as):
    entered = pathway("Ane", "Lafitte", "F", D(1990, 3, 10), entry_date=D(2023, 2, 1), education_level="3")
    FseRecord.objects.create(
        parcours=entered, labour_situation="chomeur", sensitive_consent=True, sensitive_consent_on=D(2023, 2, 1),
        foreign_background=True, third_country_national=False, homeless=False,
    )  # fmt: skip
    exited = pathway(
        "Peio", "Etcheverry", "M", D(1965, 7, 1), entry_date=D(2021, 5, 10), education_level="infra3", rqth=True,
        exit_date=D(2023, 6, 30), exit_type=exit_type("positive"),
    )  # fmt: skip
    FseRecord.objects.create(
        parcours=exited, labour_situation="chomeur_longue_duree", exit_in_training=False, exit_qualified=False,
        exit_employed=True, exit_job_seeking=False, six_month_situation="emploi", six_month_recorded_on=D(2024, 1, 5),
    )  # fmt: skip
    unanswered = pathway("Xabi", "Dufau", "X", D(1980, 6, 15), entry_date=D(2023, 9, 1))
    pathway("Julie", "Labat", "F", D(1985, 1, 1), entry_date=D(2021, 3, 1))  # neither entered nor exited in 2023
    pathway("Serge", "Candau", "M", D(1970, 1, 1), entry_date=D(2024, 1, 8))
    response = client_as("plie-lecture").get(PAGE, {"annee": 2023, "export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="fse-plie-2023.csv"'
    header, *body = csv_rows(response)
    assert header == HEADER
    expected = [
        [str(exited.pk), "Etcheverry", "Peio", "M", "01/07/1965", "55", "10/05/2021", "chomeur_longue_duree",
         "CITE_0_2", "oui", "non", "", "", "", "", "", "30/06/2023", "non", "non", "oui", "non", "emploi",
         "05/01/2024"],
        [str(entered.pk), "Lafitte", "Ane", "F", "10/03/1990", "32", "01/02/2023", "chomeur", "CITE_3_4", "non",
         "oui", "01/02/2023", "oui", "non", "", "non", "", "", "", "", "", "", ""],
        [str(unanswered.pk), "Dufau", "Xabi", "X", "15/06/1980", "43", "01/09/2023", "", "", "non", "non", "", "",
         "", "", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    assert len(body) == len(expected)
    for row, wanted in zip(body, expected, strict=True):
        assert dict(zip(header, row, strict=True)) == dict(zip(HEADER, wanted, strict=True))
    logged = AccessLog.objects.filter(what="export fse-plie-2023")
    assert set(logged.values_list("person", flat=True)) == {entered.person_id, exited.person_id, unanswered.person_id}


# The common indicators ------------------------------------------------------------------------


def figures_of(client, year=2023):
    response = client.get(PAGE, {"annee": year})
    assert response.status_code == 200
    return {block: {row["label"]: row["value"] for row in rows} for block, rows in response.context["figures"].items()}


def test_the_indicators_count_in_the_database_and_follow_a_changed_record(client_as):
    young = pathway("Ane", "Lafitte", "F", D(2000, 3, 10), entry_date=D(2023, 2, 1), education_level="4", rqth=True)
    record = FseRecord.objects.create(parcours=young, labour_situation="inactif")
    pathway("Peio", "Etcheverry", "M", D(1965, 7, 1), entry_date=D(2023, 5, 10), education_level="6+")
    pathway(
        "Xabi", "Dufau", "M", D(1980, 6, 15), entry_date=D(2021, 5, 10),
        exit_date=D(2023, 6, 30), exit_type=exit_type("autre"),
    )  # fmt: skip
    client = client_as("plie-lecture")
    figures = figures_of(client)
    assert figures["genre"] == {"Participant·es": 2, "Femme": 1, "Homme": 1, "Autre ou non précisé": 0}
    assert figures["age"] == {
        "Participant·es": 2, "Moins de 30 ans": 1, "De 30 à 54 ans": 0, "55 ans et plus": 1, "Non renseigné": 0,
    }  # fmt: skip
    assert figures["situation"]["Inactif·ve (ni en emploi, ni en recherche d'emploi)"] == 1
    assert figures["situation"]["Non renseigné"] == 1
    assert figures["cite"] == {
        "Participant·es": 2, "CITE 0 à 2 (sans diplôme)": 0, "CITE 3 et 4 (CAP, BEP, baccalauréat)": 1,
        "CITE 5 à 8 (bac + 2 et au-delà)": 1, "Non renseigné": 0,
    }  # fmt: skip
    assert figures["handicap"] == {"Participant·es": 2, "En situation de handicap (RQTH)": 1}
    assert figures["six_mois"]["Participant·es"] == 1 and figures["six_mois"]["Non renseignée"] == 1
    record.labour_situation = "emploi"
    record.save()
    FseRecord.objects.create(
        parcours=Parcours.objects.get(person__last_name="Dufau"), exit_job_seeking=True,
        six_month_situation="formation", six_month_recorded_on=D(2024, 1, 2),
    )  # fmt: skip
    figures = figures_of(client)
    assert figures["situation"]["Inactif·ve (ni en emploi, ni en recherche d'emploi)"] == 0
    assert figures["situation"]["En emploi (indépendant·e compris)"] == 1
    assert figures["sortie"]["En recherche d'emploi"] == 1
    assert figures["six_mois"]["En études ou en formation"] == 1 and figures["six_mois"]["Non renseignée"] == 0


def test_the_indicators_page_runs_the_same_queries_whatever_the_data_size(client_as):
    client = client_as("plie")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(PAGE, {"annee": 2023})
        return len(captured)

    pathway("Ane", "Lafitte", "F", D(1990, 1, 1), entry_date=D(2023, 2, 1))
    few = queries()
    for index in range(8):
        parcours = pathway("Ane", f"Nom {index}", "F", D(1990, 1, 1), entry_date=D(2023, 3, 1),
                           exit_date=D(2023, 9, 1), exit_type=exit_type("positive"))  # fmt: skip
        FseRecord.objects.create(parcours=parcours, labour_situation="chomeur", exit_employed=True)
    # The session and the user, then one aggregate for each of the 7 blocks (fse_for_year).
    assert queries() == few


# The six-month reminder -----------------------------------------------------------------------


def test_the_dashboard_reminds_the_referent_of_the_six_month_situations(client):
    adviser = UserFactory(roles=["plie"])

    def exited(last_name, days_ago, **kwargs):
        person = PersonFactory(first_name="Ane", last_name=last_name)
        exit_date = TODAY - datetime.timedelta(days=days_ago)
        return ParcoursFactory(
            person=person, referent=adviser, entry_date=D(2020, 1, 15), exit_date=exit_date,
            exit_type=exit_type("positive"), **kwargs,
        )  # fmt: skip

    waiting = exited("Etcheverry", 200)
    recorded = exited("Lafitte", 220)
    FseRecord.objects.create(
        parcours=recorded, six_month_situation="emploi", six_month_recorded_on=TODAY - datetime.timedelta(days=10)
    )
    half_answered = exited("Dufau", 300)
    FseRecord.objects.create(parcours=half_answered, exit_employed=True)
    too_soon = exited("Labat", 90)
    client.force_login(adviser)
    page = client.get(DASHBOARD).text
    assert REMINDER in page
    for parcours in (waiting, half_answered):
        assert f'<a href="{reverse("plie:fse_edit", args=[parcours.pk])}">Ane {parcours.person.last_name}</a>' in page
    for parcours in (recorded, too_soon):
        assert reverse("plie:fse_edit", args=[parcours.pk]) not in page
    client.force_login(UserFactory(roles=["plie"]))  # another adviser follows none of them
    assert REMINDER not in client.get(DASHBOARD).text


# The demo -------------------------------------------------------------------------------------


def test_the_demo_pathways_carry_fse_data_within_the_rules(loaded_demo):
    assert FseRecord.objects.count() == Parcours.objects.count()
    records = FseRecord.objects.select_related("parcours")
    assert not records.filter(sensitive_consent=False, homeless__isnull=False).exists()
    assert records.filter(sensitive_consent=True).exists() and records.filter(homeless=True).exists()
    assert not records.filter(parcours__exit_date__isnull=True, exit_employed__isnull=False).exists()
    assert records.exclude(six_month_situation="").exists()
    assert Person.objects.filter(plie_parcours__fse__labour_situation="").count() == 0
