"""A published year is locked: the PLIE's records of that year are neither created, corrected nor
deleted through its pages, and the year's figures stay those published; a later year stays open, and
a pathway still running can be handed to another referent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cbe_portal.publication import LOCKED_MESSAGE, publish
from plie.indicators import for_year
from plie.models import Frein, Interview, MealAid, Parcours, Session, Step
from tests.factories import PersonFactory, UserFactory

from .factories import (
    CollectiveActionFactory,
    FreinFactory,
    InterviewFactory,
    ParcoursFactory,
    SessionFactory,
    exit_type,
)
from .test_records import KINDS, post_edit

D = datetime.date
LOCKED = LOCKED_MESSAGE.format(year=2020)
# Every kind of record the page lets an editor correct, made in 2020; an action has no date of its own
# (see test_an_action_keeps_the_name_its_published_sessions_counted).
DATED = [name for name in KINDS if name != "action"]


def publish_2020():
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


def refused(response):
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [LOCKED]
    assert LOCKED.replace("'", "&#x27;") in response.text


def version(record) -> dict:
    record.refresh_from_db()
    return {"loaded_version": record.updated_at.isoformat()}


@pytest.mark.parametrize("name", DATED)
def test_a_record_of_a_published_year_is_not_corrected(client_as, name):
    kind = KINDS[name]
    record = kind.make()
    publish_2020()
    figures = for_year(2020)
    refused(post_edit(client_as("plie"), kind, record))
    record.refresh_from_db()
    assert not kind.corrected(record)
    assert for_year(2020) == figures


@pytest.mark.parametrize("name", DATED)
def test_a_record_of_a_published_year_is_not_deleted(client_as, name):
    kind, staff = KINDS[name], client_as("plie")
    record = kind.make()
    publish_2020()
    figures = for_year(2020)
    url = reverse(kind.delete, args=[record.pk])
    page = staff.get(url).text
    assert ("(l&#x27;année 2020 est publiée)" if name != "sortie" else LOCKED.replace("'", "&#x27;")) in page
    assert staff.post(url).status_code == 200
    assert not kind.gone(record)
    assert for_year(2020) == figures


def test_no_record_is_added_to_a_published_year(client_as):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    action = CollectiveActionFactory()
    publish_2020()
    figures = for_year(2020)
    staff = client_as("plie")
    posts = [
        ("plie:parcours_create", [], {"first_name": "Ane", "last_name": "Etxe", "entry_date": "2020-06-01"}),
        (
            "plie:exit_create",
            [parcours.pk],
            {"exit_date": "2020-12-01", "exit_type": exit_type("positive").pk, **version(parcours)},
        ),
        ("plie:frein_create", [parcours.pk], {"theme": "sante", "identified_on": "2020-02-01"}),
        ("plie:step_create", [parcours.pk], {"kind": "atelier", "start_date": "2020-02-03"}),
        ("plie:interview_create", [parcours.pk], {"date": "2020-02-03", "mode": "presentiel"}),
        ("plie:session_create", [action.pk], {"date": "2020-10-06", "attendees": [parcours.person.pk]}),
        ("plie:meal_aid_create", [], {"beneficiary": parcours.person.pk, "date": "2020-03-02", "meals": "10"}),
    ]
    for url_name, args, data in posts:
        refused(staff.post(reverse(url_name, args=args), data))
    parcours.refresh_from_db()
    assert parcours.is_open and Parcours.objects.count() == 1
    for model in (Frein, Step, Interview, Session, MealAid):
        assert not model.objects.exists(), model
    assert for_year(2020) == figures


def test_a_later_year_stays_open_but_no_record_moves_into_the_published_one(client_as):
    parcours = ParcoursFactory(entry_date=D(2021, 2, 1))
    interview = InterviewFactory(parcours=parcours, date=D(2021, 3, 1))
    publish_2020()
    staff = client_as("plie")
    edit = reverse("plie:parcours_edit", args=[parcours.pk])
    assert staff.post(edit, {"entry_date": "2021-02-01", "rsa": "on", **version(parcours)}).status_code == 302
    url = reverse("plie:interview_edit", args=[interview.pk])
    data = {"date": "2021-03-02", "mode": "telephone"}
    assert staff.post(url, {**data, **version(interview)}).status_code == 302
    refused(staff.post(edit, {"entry_date": "2020-12-01", "rsa": "on", **version(parcours)}))
    closing = {"exit_date": "2021-06-30", "exit_type": exit_type("positive").pk}
    response = staff.post(reverse("plie:exit_create", args=[parcours.pk]), {**closing, **version(parcours)})
    assert response.status_code == 302, response.context["form"].errors
    assert staff.post(reverse("plie:exit_cancel", args=[parcours.pk])).status_code == 302
    assert staff.post(reverse("plie:interview_delete", args=[interview.pk])).status_code == 302
    parcours.refresh_from_db()
    assert (parcours.rsa, parcours.entry_date, parcours.is_open) == (True, D(2021, 2, 1), True)


def test_a_running_pathway_changes_referent_but_not_what_the_published_year_counted(client_as):
    parcours = ParcoursFactory(entry_date=D(2019, 5, 6))
    closed = ParcoursFactory(entry_date=D(2019, 5, 6), exit_date=D(2020, 6, 30), exit_type=exit_type("autre"))
    adviser = UserFactory(roles=["plie"])
    publish_2020()
    figures = for_year(2020)
    staff = client_as("plie")
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    handed_over = {"entry_date": "2019-05-06", "referent": adviser.pk}
    assert staff.post(url, {**handed_over, **version(parcours)}).status_code == 302
    refused(staff.post(url, {**handed_over, "rsa": "on", **version(parcours)}))  # counted in 2020's RSA share
    url = reverse("plie:parcours_edit", args=[closed.pk])
    refused(staff.post(url, {**handed_over, **version(closed)}))  # over in 2020: it stays as published
    parcours.refresh_from_db()
    closed.refresh_from_db()
    assert (parcours.referent, parcours.rsa, closed.referent) == (adviser, False, None)
    assert for_year(2020) == figures


def test_moving_a_date_over_a_published_year_is_refused(client_as):
    """Moving an exit from 2021 back to 2019, or a lift from 2021 to 2019, changes 2020 in between."""
    parcours = ParcoursFactory(entry_date=D(2019, 3, 4), exit_date=D(2021, 3, 1), exit_type=exit_type("autre"))
    frein = FreinFactory(parcours=ParcoursFactory(entry_date=D(2019, 3, 4)), identified_on=D(2019, 4, 1),
                         lifted_on=D(2021, 2, 1))  # fmt: skip
    publish_2020()
    figures = for_year(2020)
    staff = client_as("plie")
    data = {"exit_date": "2019-12-20", "exit_type": exit_type("autre").pk, **version(parcours)}
    refused(staff.post(reverse("plie:exit_edit", args=[parcours.pk]), data))
    data = {"theme": frein.theme, "identified_on": "2019-04-01", "lifted_on": "2019-10-01", **version(frein)}
    refused(staff.post(reverse("plie:frein_edit", args=[frein.pk]), data))
    assert for_year(2020) == figures
    # A move within 2021 touches 2021 only.
    data = {"exit_date": "2021-03-15", "exit_type": exit_type("autre").pk, **version(parcours)}
    assert staff.post(reverse("plie:exit_edit", args=[parcours.pk]), data).status_code == 302


def test_the_attendees_of_a_published_session_stay_as_counted(client_as):
    present, absent = ParcoursFactory.create_batch(2, entry_date=D(2020, 1, 15))
    session = SessionFactory(date=D(2020, 10, 6), attendees=[present])
    publish_2020()
    people = [present.person.pk, absent.person.pk]
    data = {"date": "2020-10-06", "theme": "", "attendees": people, **version(session)}
    refused(client_as("plie").post(reverse("plie:session_edit", args=[session.pk]), data))
    assert list(session.attendees.all()) == [present]
    assert for_year(2020)["participants_actions_collectives"] == 1


def test_an_action_keeps_the_name_its_published_sessions_counted(client_as):
    action = SessionFactory(date=D(2020, 10, 6), action__name="Théâtre et coaching").action
    publish_2020()
    staff, url = client_as("plie"), reverse("plie:collective_action_edit", args=[action.pk])
    refused(staff.post(url, {"name": "Théâtre", **version(action)}))
    assert (
        staff.post(url, {"name": "Théâtre et coaching", "description": "Avec la Cie", **version(action)}).status_code
        == 302
    )
    assert [row["label"] for row in for_year(2020)["actions_collectives_detail"]] == ["Théâtre et coaching"]


def test_an_exit_type_keeps_the_category_its_published_exits_counted():
    ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 6, 30), exit_type=exit_type("positive"))
    publish_2020()
    counted = exit_type("positive")
    counted.category = "autre"
    with pytest.raises(ValidationError, match="L'année 2020 est publiée"):
        counted.full_clean()
    counted.refresh_from_db()
    counted.position += 1
    counted.save()  # its place in the lists counts in no figure
    assert for_year(2020)["sorties_positives"] == 1


def test_the_demo_like_factories_still_work_without_publication():
    assert PersonFactory() and ParcoursFactory(entry_date=D(2020, 1, 15)).pk


def test_a_record_that_counts_only_in_a_published_year_says_so_as_its_form_opens(client_as):
    """Before anything is typed: the interview counts only in 2020, published; the pathway, still
    running, counts in later years too and can still be edited (its referent, a later exit)."""
    interview = KINDS["entretien"].make()
    publish_2020()
    client = client_as("plie")
    notice = LOCKED.replace("'", "&#x27;")
    assert notice in client.get(reverse("plie:interview_edit", args=[interview.pk])).text
    assert notice not in client.get(reverse("plie:parcours_edit", args=[interview.parcours.pk])).text
