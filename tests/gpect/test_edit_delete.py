"""Every record a GPECT editor creates, the editor corrects and deletes; read-only staff get 403,
other programmes 404; a deletion that would change published figures is refused."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from cbe_portal import deletion
from gpect.models import CompanyVisit, Employer, EmployerAction, InsertionHours, JobOffer, Market, Match, Project
from tests.gpect.factories import (
    CompanyVisitFactory,
    EmployerActionFactory,
    EmployerFactory,
    InsertionHoursFactory,
    JobOfferFactory,
    MarketFactory,
    MatchFactory,
    ProjectFactory,
    sector,
)


@dataclass
class Kind:
    noun: str
    factory: Callable
    data: Callable  # the record → a valid POST of its edit form, with one field changed
    changed: Callable  # the record, reloaded → the changed field's value
    expected: object
    after_delete: Callable  # the deleted record → where the editor lands


KINDS = [
    Kind("employer", EmployerFactory,
         lambda e: {"organisation": e.organisation.pk, "sector": sector("Numérique").pk, "notes": "Vu au forum"},
         lambda e: e.notes, "Vu au forum", lambda e: reverse("gpect:employer_list")),
    Kind("action", EmployerActionFactory,
         lambda a: {"employer": a.employer.pk, "date": "2020-05-04", "kind": "immersion", "staff": "", "notes": ""},
         lambda a: a.kind, EmployerAction.Kind.IMMERSION, lambda a: a.employer.get_absolute_url()),
    Kind("offer", JobOfferFactory,
         lambda o: {"employer": o.employer.pk, "title": "Maçon·ne", "contract_type": "cdd", "contract_months": "6",
                    "date": "2020-03-02", "closing_date": "2020-04-01"},
         lambda o: (o.title, o.contract_months), ("Maçon·ne", 6), lambda o: reverse("gpect:offer_list")),
    Kind("match", MatchFactory,
         lambda m: {"person": m.person.pk, "date": "2020-03-10", "outcome": "embauche"},
         lambda m: m.outcome, Match.Outcome.EMBAUCHE, lambda m: m.offer.get_absolute_url()),
    Kind("visit", CompanyVisitFactory,
         lambda v: {"kind": "atelier", "title": "Zone de Northon", "organisation": "", "date": "2020-03-02",
                    "participants": "12"},
         lambda v: (v.title, v.participants), ("Zone de Northon", 12), lambda v: reverse("gpect:visit_list")),
    Kind("market", MarketFactory,
         lambda m: {"buyer": m.buyer.pk, "title": "Voie verte", "year": "2020", "hours_required": "800"},
         lambda m: (m.title, m.hours_required), ("Voie verte", 800), lambda m: reverse("gpect:market_list")),
    Kind("hours", InsertionHoursFactory,
         lambda h: {"person": h.person.pk, "company": h.company.pk, "contract_type": "cddi",
                    "period_start": "2020-03-01", "period_end": "2020-05-31", "hours": "90"},
         lambda h: h.hours, 90, lambda h: h.market.get_absolute_url()),
    Kind("project", ProjectFactory,
         lambda p: {"name": "FILOHA", "status": "emergence", "summary": "Une filière locale."},
         lambda p: (p.name, p.status), ("FILOHA", Project.Status.EMERGENCE), lambda p: reverse("gpect:project_list")),
]  # fmt: skip
IDS = [kind.noun for kind in KINDS]


def edit_url(kind, record):
    return reverse(f"gpect:{kind.noun}_edit", args=[record.pk])


def delete_url(kind, record):
    return reverse(f"gpect:{kind.noun}_delete", args=[record.pk])


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_an_editor_corrects_a_record(client_as, kind):
    client, record = client_as("gpect"), kind.factory()
    url = edit_url(kind, record)
    loaded = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(url, {**kind.data(record), "loaded_version": loaded})
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert kind.changed(record) == kind.expected


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_an_editor_deletes_a_record_after_confirming(client_as, kind):
    client, record = client_as("gpect"), kind.factory()
    response = client.get(delete_url(kind, record))
    assert "Cette suppression est définitive." in response.text
    assert type(record).objects.filter(pk=record.pk).exists()  # nothing deleted on GET
    response = client.post(delete_url(kind, record))
    assert response.status_code == 302
    assert response["Location"] == kind.after_delete(record)
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_read_only_staff_neither_correct_nor_delete(client_as, kind):
    client, record = client_as("gpect-lecture"), kind.factory()
    assert client.post(edit_url(kind, record), kind.data(record)).status_code == 403
    assert client.post(delete_url(kind, record)).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()
    record.refresh_from_db()
    assert kind.changed(record) != kind.expected


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_another_programme_finds_nothing_to_correct_or_delete(client_as, kind):
    client, record = client_as("plie"), kind.factory()
    assert client.post(edit_url(kind, record), kind.data(record)).status_code == 404
    assert client.post(delete_url(kind, record)).status_code == 404
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("noun", "dependant", "named"),
    [
        ("employer", lambda e: EmployerActionFactory(employer=e), "action avec un employeur"),
        ("employer", lambda e: JobOfferFactory(employer=e, title="Cariste"), "offre d'emploi « Cariste"),
        ("offer", lambda o: MatchFactory(offer=o), "mise en relation"),
        ("market", lambda m: InsertionHoursFactory(market=m), "heures d'insertion"),
    ],
)
def test_a_deletion_that_would_change_published_figures_is_refused(client_as, noun, dependant, named):
    kind = next(kind for kind in KINDS if kind.noun == noun)
    client, record = client_as("gpect"), kind.factory()
    dependant(record)
    response = client.get(delete_url(kind, record))
    assert "ne peut pas être supprimée" in response.text
    assert named.replace("'", "&#x27;") in response.text
    assert client.post(delete_url(kind, record)).status_code == 200
    assert type(record).objects.filter(pk=record.pk).exists()


def test_an_organisation_whose_employer_has_actions_cannot_be_deleted():
    action = EmployerActionFactory()
    goes_with, blocked_by = deletion.consequences(action.employer.organisation)
    assert blocked_by and not goes_with
    assert Employer.objects.exists() and EmployerAction.objects.exists()


def test_deleting_a_project_deletes_only_its_links_to_partners(client_as):
    project = ProjectFactory()
    project.partners.set([EmployerFactory().organisation])
    assert client_as("gpect").post(reverse("gpect:project_delete", args=[project.pk])).status_code == 302
    assert not Project.objects.exists()
    assert Employer.objects.count() == 1


def test_every_kind_of_record_is_covered():
    models = {CompanyVisit, Employer, EmployerAction, InsertionHours, JobOffer, Market, Match, Project}
    assert {kind.factory._meta.model for kind in KINDS} == models
