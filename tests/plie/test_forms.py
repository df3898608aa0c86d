"""Every rule of the issue, through the pages: a French message shown and nothing saved."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from cbe_portal.models import Person
from plie.models import Etape, Parcours
from tests.factories import PersonFactory

from .factories import EtapeFactory, ParcoursFactory, exit_type

D = datetime.date


@pytest.fixture
def staff(client_as):
    return client_as("plie")


def date(day):
    return day.isoformat()


def test_open_a_pathway_for_a_new_person(staff):
    response = staff.post(
        reverse("plie:parcours_create"),
        {"first_name": "Maïté", "last_name": "Etcheverry", "gender": "F", "birth_date": "1985-04-02",
         "entry_date": "2020-09-14", "rsa": "on", "job_seeker_since": "2019-01-10"},
    )  # fmt: skip
    parcours = Parcours.objects.get()
    assert response.status_code == 302
    assert response["Location"] == parcours.get_absolute_url()
    assert parcours.person.last_name == "Etcheverry"
    assert parcours.rsa and parcours.is_long_term_job_seeker


def test_open_a_second_pathway_after_an_exit(staff):
    closed = ParcoursFactory(entry_date=D(2018, 1, 1), exit_date=D(2019, 1, 1), exit_type=exit_type("autre"))
    response = staff.post(reverse("plie:parcours_create"), {"person": closed.person.pk, "entry_date": "2020-02-03"})
    assert response.status_code == 302
    assert closed.person.plie_parcours.count() == 2


def test_a_second_open_pathway_is_refused(staff):
    existing = ParcoursFactory()
    response = staff.post(reverse("plie:parcours_create"), {"person": existing.person.pk, "entry_date": "2020-06-01"})
    assert response.status_code == 200
    assert "Cette personne a déjà un parcours en cours" in response.content.decode()
    assert Parcours.objects.count() == 1


def test_a_person_younger_than_16_at_entry_is_refused(staff):
    response = staff.post(
        reverse("plie:parcours_create"),
        {
            "first_name": "Léo",
            "last_name": "Dufau",
            "gender": "M",
            "birth_date": "2005-01-01",
            "entry_date": "2020-06-01",
        },
    )
    assert response.status_code == 200
    assert "La personne aurait 15 ans à l&#x27;entrée" in response.content.decode()
    assert not Parcours.objects.exists()
    assert not Person.objects.filter(last_name="Dufau").exists()


def test_an_existing_person_younger_than_16_at_entry_is_refused(staff):
    person = PersonFactory(birth_date=D(2004, 6, 2))
    response = staff.post(reverse("plie:parcours_create"), {"person": person.pk, "entry_date": "2020-06-01"})
    assert "La personne aurait 15 ans" in response.content.decode()
    assert not Parcours.objects.exists()


def test_a_person_turning_16_on_the_entry_date_is_accepted(staff):
    person = PersonFactory(birth_date=D(2004, 6, 1))
    staff.post(reverse("plie:parcours_create"), {"person": person.pk, "entry_date": "2020-06-01"})
    assert Parcours.objects.filter(person=person).exists()


def test_an_exit_before_the_entry_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    response = staff.get(reverse("plie:parcours_exit", args=[parcours.pk]))
    version = response.context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:parcours_exit", args=[parcours.pk]),
        {"exit_date": "2020-02-28", "exit_type": exit_type("positive").pk, "loaded_version": version},
    )
    assert "La date de sortie ne peut pas précéder la date d&#x27;entrée" in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_record_the_exit(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    version = staff.get(reverse("plie:parcours_exit", args=[parcours.pk])).context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:parcours_exit", args=[parcours.pk]),
        {"exit_date": "2020-12-31", "exit_type": exit_type("positive").pk, "loaded_version": version},
    )
    assert response.status_code == 302
    parcours.refresh_from_db()
    assert parcours.exit_date == D(2020, 12, 31)


def test_an_exit_before_a_step_ends_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    EtapeFactory(parcours=parcours, start_date=D(2020, 4, 1), end_date=D(2020, 9, 30))
    version = staff.get(reverse("plie:parcours_exit", args=[parcours.pk])).context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:parcours_exit", args=[parcours.pk]),
        {"exit_date": "2020-06-30", "exit_type": exit_type("autre").pk, "loaded_version": version},
    )
    assert "Une étape du parcours se poursuit après cette date" in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.exit_date is None


@pytest.mark.parametrize(
    ("start", "end"),
    [("2020-02-28", ""), ("2020-03-10", "2020-07-01"), ("2020-07-01", "")],
    ids=["before-entry", "ends-after-exit", "starts-after-exit"],
)
def test_a_step_outside_the_pathway_is_refused(staff, start, end):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1), exit_date=D(2020, 6, 30), exit_type=exit_type("autre"))
    response = staff.post(
        reverse("plie:etape_create", args=[parcours.pk]),
        {"kind": "atelier", "title": "TRE", "start_date": start, "end_date": end},
    )
    assert "Cette date est en dehors du parcours (du 01/03/2020 au 30/06/2020)" in response.content.decode()
    assert not Etape.objects.exists()


def test_a_job_step_without_contract_type_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    response = staff.post(
        reverse("plie:etape_create", args=[parcours.pk]),
        {"kind": "emploi", "title": "Aide à domicile", "start_date": "2020-04-01"},
    )
    assert "Indiquez le type de contrat de cet emploi." in response.content.decode()
    assert not Etape.objects.exists()


def test_a_training_says_whether_it_qualifies(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    url = reverse("plie:etape_create", args=[parcours.pk])
    response = staff.post(url, {"kind": "formation", "start_date": "2020-04-01", "qualifying": "unknown"})
    assert "Précisez si la formation est qualifiante." in response.content.decode()
    response = staff.post(url, {"kind": "formation", "start_date": "2020-04-01", "qualifying": "true"})
    assert response.status_code == 302
    assert Etape.objects.get().qualifying is True


def test_add_a_job_step(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    response = staff.post(
        reverse("plie:etape_create", args=[parcours.pk]),
        {"kind": "emploi", "start_date": "2020-04-01", "contract_type": "cdd", "contract_months": "6"},
    )
    assert response.status_code == 302
    assert Etape.objects.get().contract_months == 6


def test_concurrent_edit_of_a_pathway_is_refused_and_the_first_edit_kept(client_as):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    first, second = client_as("plie"), client_as("coordination")
    # Both open the form (the same version) before either saves.
    version = first.get(url).context["form"].initial["loaded_version"]
    data = {"entry_date": "2020-03-01", "loaded_version": version}
    assert first.post(url, {**data, "rsa": "on"}).status_code == 302
    response = second.post(url, {**data, "qpv": "on"})
    assert response.status_code == 200
    assert CONCURRENT_EDIT_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.rsa and not parcours.qpv


def test_entry_date_cannot_move_after_a_step(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    EtapeFactory(parcours=parcours, start_date=D(2020, 3, 5))
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    version = staff.get(url).context["form"].initial["loaded_version"]
    response = staff.post(url, {"entry_date": "2020-04-01", "loaded_version": version})
    assert "Une étape commence le 05/03/2020, avant cette date d&#x27;entrée." in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.entry_date == D(2020, 3, 1)


def test_concurrent_exit_records_are_refused_and_the_first_kept(client_as):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    url = reverse("plie:parcours_exit", args=[parcours.pk])
    first, second = client_as("plie"), client_as("plie")
    version = first.get(url).context["form"].initial["loaded_version"]
    positive, other = exit_type("positive"), exit_type("autre")
    first.post(url, {"exit_date": "2020-10-01", "exit_type": positive.pk, "loaded_version": version})
    response = second.post(url, {"exit_date": "2020-11-01", "exit_type": other.pk, "loaded_version": version})
    assert CONCURRENT_EDIT_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    parcours.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type) == (D(2020, 10, 1), positive)
