"""A published year is locked: its records are neither created, corrected nor deleted through the
GPECT's forms, and its figures stay those published; a later, unpublished year stays open."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.publication import LOCKED_MESSAGE, publish
from gpect import indicators
from gpect.models import EmployerAction, Match
from tests.factories import PersonFactory, UserFactory
from tests.gpect.factories import EmployerActionFactory, JobOfferFactory, sector
from tests.gpect.test_edit_delete import KINDS, delete_url, edit_url

LOCKED = LOCKED_MESSAGE.format(year=2020)
# Every kind of record the figures count (the factories date them in 2020); projects are not counted.
COUNTED = [kind for kind in KINDS if kind.noun not in ("employer", "project")]


def publish_2020():
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


def refused(response):
    assert response.status_code == 200
    assert LOCKED in response.context["form"].non_field_errors()
    assert LOCKED.replace("'", "&#x27;") in response.text


@pytest.mark.parametrize("kind", COUNTED, ids=[kind.noun for kind in COUNTED])
def test_a_record_of_a_published_year_is_not_corrected(client_as, kind):
    record = kind.factory()
    publish_2020()
    figures = indicators.for_year(2020)
    client, url = client_as("gpect"), edit_url(kind, record)
    loaded = client.get(url).context["form"].initial["loaded_version"]
    refused(client.post(url, {**kind.data(record), "loaded_version": loaded}))
    record.refresh_from_db()
    assert kind.changed(record) != kind.expected
    assert indicators.for_year(2020) == figures


@pytest.mark.parametrize("kind", COUNTED, ids=[kind.noun for kind in COUNTED])
def test_a_record_of_a_published_year_is_not_deleted(client_as, kind):
    record = kind.factory()
    publish_2020()
    client = client_as("gpect")
    page = client.get(delete_url(kind, record))
    assert "(l&#x27;année 2020 est publiée)" in page.text
    assert client.post(delete_url(kind, record)).status_code == 200
    assert type(record).objects.filter(pk=record.pk).exists()


def test_no_record_is_added_to_a_published_year(client_as):
    offer = JobOfferFactory(date=datetime.date(2020, 3, 2))
    publish_2020()
    figures = indicators.for_year(2020)
    client = client_as("gpect")
    action = {"employer": offer.employer.pk, "date": "2020-05-04", "kind": "contact", "staff": "", "notes": ""}
    refused(client.post(reverse("gpect:action_create"), action))
    match = {"person": PersonFactory().pk, "date": "2020-03-10", "outcome": "en_cours"}
    refused(client.post(reverse("gpect:match_create", args=[offer.pk]), match))
    assert not EmployerAction.objects.exists() and not Match.objects.exists()
    assert indicators.for_year(2020) == figures


def test_a_record_of_a_later_year_is_still_corrected_and_deleted(client_as):
    action = EmployerActionFactory(date=datetime.date(2021, 5, 4))
    publish_2020()
    client, url = client_as("gpect"), reverse("gpect:action_edit", args=[action.pk])
    loaded = client.get(url).context["form"].initial["loaded_version"]
    data = {"employer": action.employer.pk, "date": "2021-06-01", "kind": "immersion", "staff": "", "notes": ""}
    assert client.post(url, {**data, "loaded_version": loaded}).status_code == 302
    action.refresh_from_db()
    assert (action.date, action.kind) == (datetime.date(2021, 6, 1), EmployerAction.Kind.IMMERSION)
    # ...but not moved into the published year.
    loaded = client.get(url).context["form"].initial["loaded_version"]
    refused(client.post(url, {**data, "date": "2020-06-01", "loaded_version": loaded}))
    assert client.post(reverse("gpect:action_delete", args=[action.pk])).status_code == 302


def test_an_employer_keeps_the_sector_its_published_actions_counted(client_as):
    employer = EmployerActionFactory(date=datetime.date(2020, 3, 2)).employer
    publish_2020()
    figures = indicators.for_year(2020)
    client, url = client_as("gpect"), reverse("gpect:employer_edit", args=[employer.pk])

    def post(**changes):
        loaded = client.get(url).context["form"].initial["loaded_version"]
        data = {"organisation": employer.organisation.pk, "sector": employer.sector.pk, "notes": ""}
        return client.post(url, {**data, **changes, "loaded_version": loaded})

    refused(post(sector=sector("Numérique").pk))
    assert indicators.for_year(2020) == figures
    assert post(notes="Rencontré au forum").status_code == 302  # its notes count in no figure
