"""Every rule of the issue, through the pages: a French message shown and nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from cbe_portal.models import Person
from cbe_portal.publication import publish
from plie.forms import ALREADY_CLOSED, JOB_SEEKER_AFTER_ENTRY, PERSON_TWICE
from plie.indicators import for_year
from plie.models import REOPEN_REFUSED, Frein, Interview, MealAid, Parcours, Session, Step
from tests.factories import PersonFactory, UserFactory

from .factories import (
    CollectiveActionFactory,
    InterviewFactory,
    ParcoursFactory,
    SessionFactory,
    StepFactory,
    exit_type,
)

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
    assert (
        "La personne aurait 15 ans à cette date : l&#x27;âge doit être entre 16 et 99 ans" in response.content.decode()
    )
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
    response = staff.get(reverse("plie:exit_create", args=[parcours.pk]))
    version = response.context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:exit_create", args=[parcours.pk]),
        {"exit_date": "2020-02-28", "exit_type": exit_type("positive").pk, "loaded_version": version},
    )
    assert "La date de sortie ne peut pas précéder la date d&#x27;entrée" in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_record_the_exit(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    version = staff.get(reverse("plie:exit_create", args=[parcours.pk])).context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:exit_create", args=[parcours.pk]),
        {"exit_date": "2020-12-31", "exit_type": exit_type("positive").pk, "loaded_version": version},
    )
    assert response.status_code == 302
    parcours.refresh_from_db()
    assert parcours.exit_date == D(2020, 12, 31)


def test_an_exit_before_a_step_ends_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    StepFactory(parcours=parcours, start_date=D(2020, 4, 1), end_date=D(2020, 9, 30))
    version = staff.get(reverse("plie:exit_create", args=[parcours.pk])).context["form"].initial["loaded_version"]
    response = staff.post(
        reverse("plie:exit_create", args=[parcours.pk]),
        {"exit_date": "2020-06-30", "exit_type": exit_type("autre").pk, "loaded_version": version},
    )
    assert response.context["form"].errors["exit_date"] == [
        "Une étape se poursuit jusqu'au 30/09/2020 : corrigez-la d'abord ou choisissez une sortie plus tardive."
    ]
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_an_exit_before_an_interview_or_an_attended_session_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    InterviewFactory(parcours=parcours, date=D(2020, 7, 2))
    SessionFactory(date=D(2020, 10, 6), attendees=[parcours])
    data = {"exit_date": "2020-06-30", "exit_type": exit_type("autre").pk}
    response = post_form(staff, reverse("plie:exit_create", args=[parcours.pk]), data, parcours)
    assert response.context["form"].errors["exit_date"] == [
        "Un entretien a lieu le 02/07/2020 : corrigez-le d'abord ou choisissez une sortie plus tardive.",
        "Une séance suivie a lieu le 06/10/2020 : corrigez-la d'abord ou choisissez une sortie plus tardive.",
    ]
    parcours.refresh_from_db()
    assert parcours.is_open


def test_entry_date_cannot_move_after_an_interview(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    InterviewFactory(parcours=parcours, date=D(2020, 3, 1))
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    response = post_form(staff, url, {"entry_date": "2020-03-02"}, parcours)
    assert response.context["form"].errors["entry_date"] == [
        "Un entretien a lieu le 01/03/2020, avant cette date d'entrée."
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2020-02-28", ""), ("2020-03-10", "2020-07-01"), ("2020-07-01", "")],
    ids=["before-entry", "ends-after-exit", "starts-after-exit"],
)
def test_a_step_outside_the_pathway_is_refused(staff, start, end):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1), exit_date=D(2020, 6, 30), exit_type=exit_type("autre"))
    response = staff.post(
        reverse("plie:step_create", args=[parcours.pk]),
        {"kind": "atelier", "title": "TRE", "start_date": start, "end_date": end},
    )
    assert "Cette date est en dehors du parcours (du 01/03/2020 au 30/06/2020)" in response.content.decode()
    assert not Step.objects.exists()


def test_a_job_step_without_contract_type_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    response = staff.post(
        reverse("plie:step_create", args=[parcours.pk]),
        {"kind": "emploi", "title": "Aide à domicile", "start_date": "2020-04-01"},
    )
    assert "Indiquez le type de contrat de cet emploi." in response.content.decode()
    assert not Step.objects.exists()


def test_a_training_says_whether_it_qualifies(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    url = reverse("plie:step_create", args=[parcours.pk])
    response = staff.post(url, {"kind": "formation", "start_date": "2020-04-01", "qualifying": "unknown"})
    assert "Précisez si la formation est qualifiante." in response.content.decode()
    response = staff.post(url, {"kind": "formation", "start_date": "2020-04-01", "qualifying": "true"})
    assert response.status_code == 302
    assert Step.objects.get().qualifying is True


def test_add_a_job_step(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    response = staff.post(
        reverse("plie:step_create", args=[parcours.pk]),
        {"kind": "emploi", "start_date": "2020-04-01", "contract_type": "cdd", "contract_months": "6"},
    )
    assert response.status_code == 302
    assert Step.objects.get().contract_months == 6


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
    StepFactory(parcours=parcours, start_date=D(2020, 3, 5))
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    version = staff.get(url).context["form"].initial["loaded_version"]
    response = staff.post(url, {"entry_date": "2020-04-01", "loaded_version": version})
    assert "Une étape commence le 05/03/2020, avant cette date d&#x27;entrée." in response.content.decode()
    parcours.refresh_from_db()
    assert parcours.entry_date == D(2020, 3, 1)


def test_concurrent_exit_records_are_refused_and_the_first_kept(client_as):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1))
    url = reverse("plie:exit_create", args=[parcours.pk])
    first, second = client_as("plie"), client_as("plie")
    version = first.get(url).context["form"].initial["loaded_version"]
    positive, other = exit_type("positive"), exit_type("autre")
    first.post(url, {"exit_date": "2020-10-01", "exit_type": positive.pk, "loaded_version": version})
    response = second.post(url, {"exit_date": "2020-11-01", "exit_type": other.pk, "loaded_version": version})
    assert CONCURRENT_EDIT_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    parcours.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type) == (D(2020, 10, 1), positive)


def test_a_new_person_described_with_an_existing_one_is_refused(staff):
    person = PersonFactory(last_name="Lafitte", birth_date=D(1980, 1, 1))
    response = staff.post(
        reverse("plie:parcours_create"),
        {"person": person.pk, "first_name": "Maïté", "last_name": "Etcheverry", "entry_date": "2020-06-01"},
    )
    assert response.context["form"].errors["person"] == [PERSON_TWICE]
    assert not Parcours.objects.exists()
    assert not Person.objects.filter(last_name="Etcheverry").exists()


def test_a_new_person_with_a_namesake_in_the_directory_needs_a_confirmation(staff):
    """As the directory's own form: the same names (case and accents aside) and birth date are shown,
    nothing is written, and the pathway opens once the adviser confirms it is somebody else."""
    existing = PersonFactory(first_name="Lucie", last_name="Correctionne", birth_date=D(1985, 10, 6))
    described = {"first_name": "lucie", "last_name": "CORRÈCTIONNE", "gender": "F", "birth_date": "1985-10-06",
                 "entry_date": "2020-11-03"}  # fmt: skip
    refused = staff.post(reverse("plie:parcours_create"), described)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Une personne de mêmes nom, prénom et date de naissance est déjà enregistrée" in page
    assert existing.get_absolute_url() in page
    assert (Person.objects.count(), Parcours.objects.count()) == (1, 0)
    confirmed = staff.post(reverse("plie:parcours_create"), {**described, "confirm_duplicate": "on"})
    assert confirmed.status_code == 302
    assert (Person.objects.count(), Parcours.objects.count()) == (2, 1)


def test_a_mistyped_year_is_told_as_such_not_as_a_published_year(staff):
    publish(2016, UserFactory(roles=["coordination"]), build_pdf=False)
    response = staff.post(
        reverse("plie:parcours_create"),
        {"first_name": "Anne", "last_name": "Deuxmilvingt", "gender": "F", "entry_date": "0202-03-15"},
    )
    assert response.context["form"].errors == {"entry_date": ["Cette date est antérieure à 2000 : vérifiez l'année."]}
    assert not Person.objects.exists()


def test_dates_out_of_order_are_told_on_their_field(staff):
    response = staff.post(
        reverse("plie:parcours_create"),
        {"first_name": "Anne", "last_name": "Lasserre", "gender": "F", "birth_date": "2025-06-01",
         "entry_date": "2020-03-15", "job_seeker_since": "2025-01-01"},
    )  # fmt: skip
    assert response.context["form"].errors == {
        "birth_date": ["La personne ne serait pas encore née à cette date : vérifiez la date de naissance."],
        "job_seeker_since": [JOB_SEEKER_AFTER_ENTRY.format(entry=D(2020, 3, 15))],
    }
    assert not Person.objects.exists()


def test_the_new_person_form_preselects_no_gender_and_comes_first(staff):
    form = staff.get(reverse("plie:parcours_create")).context["form"]
    assert list(form.fields)[:6] == ["person", "first_name", "last_name", "gender", "birth_date", "commune"]
    assert form["gender"].value() is None
    assert form.fields["gender"].choices[0][0] == ""


# Exits ------------------------------------------------------------------------------------


def test_an_exit_posted_on_a_closed_pathway_is_refused(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1), exit_date=D(2020, 9, 30), exit_type=exit_type("positive"))
    url = reverse("plie:exit_create", args=[parcours.pk])
    page = staff.get(url)
    assert "Ce parcours est déjà clôturé (sortie le 30/09/2020)" in page.content.decode()
    version = page.context["form"].initial["loaded_version"]
    response = staff.post(
        url, {"exit_date": "2020-12-01", "exit_type": exit_type("autre").pk, "loaded_version": version}
    )
    assert response.context["form"].non_field_errors() == [ALREADY_CLOSED.format(exit_date=D(2020, 9, 30))]
    parcours.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type.category) == (D(2020, 9, 30), "positive")


def test_cancelling_an_exit_reopens_the_pathway_and_the_year_loses_it(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 3, 1), exit_date=D(2020, 9, 30), exit_type=exit_type("positive"))
    assert for_year(2020)["sorties"] == 1
    response = staff.post(reverse("plie:exit_cancel", args=[parcours.pk]))
    assert response["Location"] == parcours.get_absolute_url()
    parcours.refresh_from_db()
    assert parcours.is_open and parcours.exit_type is None
    assert for_year(2020)["sorties"] == 0
    # An open pathway has no exit to correct or cancel.
    assert staff.get(reverse("plie:exit_edit", args=[parcours.pk])).status_code == 404
    assert staff.get(reverse("plie:exit_cancel", args=[parcours.pk])).status_code == 404


def test_an_exit_is_not_cancelled_while_another_pathway_is_open(staff):
    closed = ParcoursFactory(entry_date=D(2018, 3, 1), exit_date=D(2019, 1, 31), exit_type=exit_type("autre"))
    ParcoursFactory(person=closed.person, entry_date=D(2020, 2, 1))
    url = reverse("plie:exit_cancel", args=[closed.pk])
    message = REOPEN_REFUSED.format(person=closed.person).replace("'", "&#x27;")
    assert message in staff.get(url).content.decode()
    assert message in staff.post(url).content.decode()
    closed.refresh_from_db()
    assert closed.exit_date == D(2019, 1, 31)


# Plausible values: each refusal on its field, nothing saved ---------------------------------

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
FUTURE = "Cette date est dans le futur : saisissez une date passée ou celle d'aujourd'hui."


def post_form(client, url, data, record=None):
    if record is not None:
        data = {**data, "loaded_version": record.updated_at.isoformat()}
    return client.post(url, data)


def test_an_entry_in_the_future_is_refused(staff):
    response = post_form(
        staff,
        reverse("plie:parcours_create"),
        {"first_name": "Léa", "last_name": "Dufau", "entry_date": date(TOMORROW)},
    )
    assert response.context["form"].errors["entry_date"] == [FUTURE]
    assert not Parcours.objects.exists()
    parcours = ParcoursFactory()
    response = post_form(
        staff, reverse("plie:parcours_edit", args=[parcours.pk]), {"entry_date": date(TOMORROW)}, parcours
    )
    assert response.context["form"].errors["entry_date"] == [FUTURE]
    parcours.refresh_from_db()
    assert parcours.entry_date == D(2020, 1, 15)


def test_an_exit_in_the_future_is_refused(staff):
    parcours = ParcoursFactory()
    data = {"exit_date": date(TOMORROW), "exit_type": exit_type("positive").pk}
    response = post_form(staff, reverse("plie:exit_create", args=[parcours.pk]), data, parcours)
    assert response.context["form"].errors["exit_date"] == [FUTURE]
    parcours.refresh_from_db()
    assert parcours.is_open


def test_a_person_older_than_99_at_entry_is_refused(staff):
    person = PersonFactory(birth_date=D(1920, 5, 1))
    response = staff.post(reverse("plie:parcours_create"), {"person": person.pk, "entry_date": "2020-06-01"})
    assert response.context["form"].errors["person"] == [
        "La personne aurait 100 ans à cette date : l'âge doit être entre 16 et 99 ans. Vérifiez la date de naissance."
    ]
    assert not Parcours.objects.exists()


def test_moving_the_entry_makes_the_person_too_young(staff):
    parcours = ParcoursFactory(person=PersonFactory(birth_date=D(2004, 6, 2)), entry_date=D(2021, 1, 4))
    response = post_form(
        staff, reverse("plie:parcours_edit", args=[parcours.pk]), {"entry_date": "2020-06-01"}, parcours
    )
    assert "La personne aurait 15 ans" in response.context["form"].errors["entry_date"][0]
    parcours.refresh_from_db()
    assert parcours.entry_date == D(2021, 1, 4)


@pytest.mark.parametrize(
    ("url_name", "data", "field", "message"),
    [
        ("plie:interview_create", {"date": date(TOMORROW), "mode": "presentiel"}, "date", FUTURE),
        ("plie:frein_create", {"theme": "sante", "identified_on": date(TOMORROW)}, "identified_on", FUTURE),
        ("plie:step_create", {"kind": "atelier", "start_date": date(TOMORROW)}, "start_date", FUTURE),
        (
            "plie:step_create",
            {"kind": "atelier", "start_date": date(TODAY), "end_date": date(TODAY + datetime.timedelta(days=400))},
            "end_date",
            "Cette date est à plus d'un an : vérifiez l'année.",
        ),
        (
            "plie:step_create",
            {"kind": "atelier", "start_date": "2021-03-01", "end_date": "2021-02-28"},
            "end_date",
            "La fin d'une étape ne peut pas précéder son début.",
        ),
        (
            "plie:step_create",
            {"kind": "emploi", "contract_type": "cdd", "contract_months": "48", "start_date": "2021-03-01"},
            "contract_months",
            "Une durée de contrat ne dépasse pas 36 mois.",
        ),
    ],
    ids=[
        "interview-future",
        "barrier-future",
        "step-future",
        "step-end-too-far",
        "step-ends-before-start",
        "contract-too-long",
    ],
)
def test_implausible_pathway_records_are_refused_on_their_field(staff, url_name, data, field, message):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    response = staff.post(reverse(url_name, args=[parcours.pk]), data)
    assert response.context["form"].errors[field] == [message]
    assert not (Step.objects.exists() or Interview.objects.exists() or Frein.objects.exists())


def test_a_step_corrected_to_end_before_it_starts_is_refused(staff):
    step = StepFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15)), start_date=D(2020, 3, 1))
    data = {"kind": "atelier", "start_date": "2020-03-01", "end_date": "2020-02-01"}
    response = post_form(staff, reverse("plie:step_edit", args=[step.pk]), data, step)
    assert response.context["form"].errors["end_date"] == ["La fin d'une étape ne peut pas précéder son début."]
    step.refresh_from_db()
    assert step.end_date is None


def test_a_session_in_the_future_is_refused(staff):
    action = CollectiveActionFactory()
    response = staff.post(reverse("plie:session_create", args=[action.pk]), {"date": date(TOMORROW)})
    assert response.context["form"].errors["date"] == [FUTURE]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": date(TOMORROW), "meals": "5"}, "date", FUTURE),
        ({"date": "2020-03-02", "meals": "61"}, "meals", "Une aide ne dépasse pas 60 repas : vérifiez le nombre."),
        ({"date": "2020-03-02", "amount": "300.01"}, "amount", "Une aide ne dépasse pas 300 € : vérifiez le montant."),
        ({"date": "2020-03-02", "amount": "0"}, "amount", "Le montant doit être positif."),
        ({"date": "2020-03-02"}, "meals", "Indiquez un nombre de repas ou un montant."),
    ],
    ids=["future", "too-many-meals", "too-much", "zero", "neither"],
)
def test_implausible_meal_aids_are_refused_on_their_field(staff, data, field, message):
    person = ParcoursFactory().person
    response = staff.post(reverse("plie:meal_aid_create"), {"beneficiary": person.pk, **data})
    assert response.context["form"].errors[field] == [message]
    assert not MealAid.objects.exists()
