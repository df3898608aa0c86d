"""Each rule of plausibility: its French message on the field, and nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gpect.models import CompanyVisit, EmployerAction, JobOffer, Market, Match
from tests.factories import OrganisationFactory, PersonFactory
from tests.gpect.factories import EmployerFactory, JobOfferFactory, MarketFactory

TODAY = timezone.localdate()
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()
FUTURE = "Cette date est dans le futur : saisissez une date passée ou celle d'aujourd'hui."
MONTHS = "La durée du contrat doit être comprise entre 1 et 60 mois : vérifiez qu'il s'agit bien de mois."
PARTICIPANTS = "Le nombre de participant·es doit être compris entre 1 et 200."
MARKET_HOURS = "Les heures exigées par un marché doivent être comprises entre 1 et 100 000 : vérifiez la saisie."


def refused(client, url, data, field, message):
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message.replace("'", "&#x27;") in response.text


def action(**changes):
    return {"employer": EmployerFactory().pk, "date": "2020-05-04", "kind": "contact", **changes}


def offer(**changes):
    data = {"employer": EmployerFactory().pk, "title": "Cariste", "contract_type": "cdd", "contract_months": "6",
            "date": "2020-03-02", "closing_date": ""}  # fmt: skip
    return {**data, **changes}


def visit(**changes):
    return {"kind": "visite", "title": "Entrepôt de Labenne", "date": "2020-02-13", "participants": "14", **changes}


def market(**changes):
    return {
        "buyer": OrganisationFactory().pk,
        "title": "Voie verte",
        "year": "2020",
        "hours_required": "800",
        **changes,
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (lambda: action(date=TOMORROW), "date", FUTURE),
        (lambda: action(date="1999-12-31"), "date", "Cette date est antérieure à 2000 : vérifiez l'année."),
    ],
)
def test_an_action_happened(client_as, data, field, message):
    refused(client_as("gpect"), reverse("gpect:action_create"), data(), field, message)
    assert not EmployerAction.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (lambda: offer(date=TOMORROW), "date", FUTURE),
        (lambda: offer(closing_date=(TODAY + datetime.timedelta(days=400)).isoformat()), "closing_date",
         "Cette date est à plus d'un an : vérifiez l'année."),
        (lambda: offer(closing_date="2020-03-01"), "closing_date",
         "La date limite de candidature ne peut pas précéder la diffusion de l'offre."),
        (lambda: offer(contract_months="0"), "contract_months", MONTHS),
        (lambda: offer(contract_months="61"), "contract_months", MONTHS),
        (lambda: offer(contract_months="-3"), "contract_months", MONTHS),
        (lambda: offer(contract_type="cdi"), "contract_months",
         "Un CDI n'a pas de durée : laissez la durée du contrat vide."),
    ],
)  # fmt: skip
def test_an_offer_is_diffused_closes_within_a_year_and_lasts_1_to_60_months(client_as, data, field, message):
    refused(client_as("gpect"), reverse("gpect:offer_create"), data(), field, message)
    assert not JobOffer.objects.exists()


def test_an_offer_may_close_in_the_coming_year_and_a_cdi_has_no_duration(client_as):
    client = client_as("gpect")
    closing = (TODAY + datetime.timedelta(days=300)).isoformat()
    assert (
        client.post(reverse("gpect:offer_create"), offer(date=TODAY.isoformat(), closing_date=closing)).status_code
        == 302
    )
    assert (
        client.post(reverse("gpect:offer_create"), offer(contract_type="cdi", contract_months="")).status_code == 302
    )
    assert JobOffer.objects.count() == 2


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (TOMORROW, FUTURE),
        ("2020-03-01", "L'offre a été diffusée le 02/03/2020 : la mise en relation ne peut pas la précéder."),
    ],
)
def test_a_match_happened_after_its_offer(client_as, date, message):
    offer = JobOfferFactory(date=datetime.date(2020, 3, 2))
    data = {"person": PersonFactory().pk, "date": date, "outcome": "en_cours"}
    refused(client_as("gpect"), reverse("gpect:match_create", args=[offer.pk]), data, "date", message)
    assert not Match.objects.exists()


def test_a_match_on_the_day_of_its_offer_is_fine(client_as):
    offer = JobOfferFactory(date=datetime.date(2020, 3, 2))
    data = {"person": PersonFactory().pk, "date": "2020-03-02", "outcome": "en_cours"}
    assert client_as("gpect").post(reverse("gpect:match_create", args=[offer.pk]), data).status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (lambda: visit(date=TOMORROW), "date", FUTURE),
        (lambda: visit(participants="0"), "participants", PARTICIPANTS),
        (lambda: visit(participants="201"), "participants", PARTICIPANTS),
    ],
)
def test_a_visit_happened_with_1_to_200_participants(client_as, data, field, message):
    refused(client_as("gpect"), reverse("gpect:visit_create"), data(), field, message)
    assert not CompanyVisit.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (lambda: market(hours_required="0"), "hours_required", MARKET_HOURS),
        (lambda: market(hours_required="100001"), "hours_required", MARKET_HOURS),
        (lambda: market(year="2015"), "year", f"L'année du marché doit être comprise entre 2016 et {TODAY.year + 1}."),
        (lambda: market(year=str(TODAY.year + 2)), "year",
         f"L'année du marché doit être comprise entre 2016 et {TODAY.year + 1}."),
    ],
)  # fmt: skip
def test_a_market_asks_1_to_100_000_hours_in_a_year_with_records(client_as, data, field, message):
    refused(client_as("gpect"), reverse("gpect:market_create"), data(), field, message)
    assert not Market.objects.exists()


def test_hours_are_realised_hours_not_planned_ones(client_as):
    market = MarketFactory(year=TODAY.year + 1)  # next year's market: its hours are all to come
    next_year = TODAY.year + 1
    data = {"person": PersonFactory().pk, "company": OrganisationFactory().pk, "contract_type": "cddi",
            "period_start": f"{next_year}-01-05", "period_end": f"{next_year}-01-20", "hours": "70"}  # fmt: skip
    url = reverse("gpect:hours_create", args=[market.pk])
    refused(client_as("gpect"), url, data, "period_start", FUTURE)
    assert not market.insertion_hours.exists()
