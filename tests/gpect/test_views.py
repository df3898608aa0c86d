import datetime

import pytest
from django.urls import reverse

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from gpect.models import EmployerAction, InsertionHours, Match
from tests.factories import OrganisationFactory, PersonFactory
from tests.gpect.factories import (
    EmployerFactory,
    InsertionHoursFactory,
    JobOfferFactory,
    MarketFactory,
    MatchFactory,
    sector,
)


def hours_data(person, company, **changes):
    return {
        "person": person.pk,
        "company": company.pk,
        "hours": 120,
        "period_start": "2020-03-01",
        "period_end": "2020-04-30",
        "contract_type": "professionnalisation",
        "is_professionalisation": "on",
        **changes,
    }


def post_hours(client, market, data):
    return client.post(reverse("gpect:hours_create", args=[market.pk]), data)


def test_hours_are_saved_with_the_market_of_the_page(client_as):
    client, market = client_as("gpect"), MarketFactory()
    person, company = PersonFactory(), OrganisationFactory()
    response = post_hours(client, market, hours_data(person, company))
    assert response.status_code == 302
    entry = InsertionHours.objects.get()
    assert (entry.market, entry.person, entry.hours, entry.is_professionalisation) == (market, person, 120, True)


@pytest.mark.parametrize("hours", [0, -5])
def test_hours_must_be_positive(client_as, hours):
    client, market = client_as("gpect"), MarketFactory()
    response = post_hours(client, market, hours_data(PersonFactory(), OrganisationFactory(), hours=hours))
    assert response.status_code == 200
    assert "Le nombre d&#x27;heures doit être supérieur à zéro." in response.text
    assert not InsertionHours.objects.exists()


def test_more_than_1820_hours_in_one_entry_is_refused(client_as):
    client, market = client_as("gpect"), MarketFactory()
    response = post_hours(client, market, hours_data(PersonFactory(), OrganisationFactory(), hours=1821))
    assert "Plus de 1820 heures pour une seule personne sur une année" in response.text
    assert not InsertionHours.objects.exists()


def test_more_than_1820_hours_a_year_for_one_person_across_entries_is_refused(client_as):
    client, market = client_as("gpect"), MarketFactory()
    person = PersonFactory(first_name="Maïté", last_name="Etcheverry")
    InsertionHoursFactory(person=person, hours=1500)  # another market of 2020
    InsertionHoursFactory(person=person, market__year=2019, hours=1500)  # another year: not counted
    response = post_hours(client, market, hours_data(person, OrganisationFactory(), hours=400))
    assert "Maïté Etcheverry a déjà 1500 heures d&#x27;insertion en 2020" in response.text
    assert InsertionHours.objects.count() == 2
    response = post_hours(client, market, hours_data(person, OrganisationFactory(), hours=320))
    assert response.status_code == 302  # exactly 1 820: allowed


def test_editing_hours_does_not_count_them_twice(client_as):
    client = client_as("gpect")
    year = {"period_start": datetime.date(2020, 1, 1), "period_end": datetime.date(2020, 12, 31)}
    entry = InsertionHoursFactory(hours=1800, **year)
    url = reverse("gpect:hours_edit", args=[entry.pk])
    form = client.get(url).context["form"]
    data = hours_data(entry.person, entry.company, hours=1810, loaded_version=form.initial["loaded_version"], **year)
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.hours == 1810


@pytest.mark.parametrize(("start", "end"), [("2019-12-15", "2020-01-31"), ("2020-11-01", "2021-01-15")])
def test_a_period_outside_the_market_year_is_refused(client_as, start, end):
    client, market = client_as("gpect"), MarketFactory(year=2020)
    data = hours_data(PersonFactory(), OrganisationFactory(), period_start=start, period_end=end)
    response = post_hours(client, market, data)
    assert "La période doit se situer dans l&#x27;année du marché (2020)." in response.text
    assert not InsertionHours.objects.exists()


def test_the_same_person_company_market_and_period_cannot_be_entered_twice(client_as):
    client = client_as("gpect")
    entry = InsertionHoursFactory()
    same = hours_data(entry.person, entry.company, hours=50, period_start="2020-03-01", period_end="2020-05-31")
    response = post_hours(client, entry.market, same)
    assert "Ces heures sont déjà saisies : même personne, même entreprise, même marché et même période." in (
        response.text
    )
    assert InsertionHours.objects.count() == 1


def test_an_edit_made_meanwhile_is_not_overwritten(client_as):
    client = client_as("gpect")
    entry = InsertionHoursFactory(hours=100)
    url = reverse("gpect:hours_edit", args=[entry.pk])
    loaded = client.get(url).context["form"].initial["loaded_version"]
    InsertionHours.objects.filter(pk=entry.pk).update(hours=90, updated_at=datetime.datetime.now(datetime.UTC))
    response = client.post(url, hours_data(entry.person, entry.company, hours=200, loaded_version=loaded))
    assert CONCURRENT_EDIT_MESSAGE.replace("'", "&#x27;") in response.text
    entry.refresh_from_db()
    assert entry.hours == 90


def test_a_match_for_an_offer_without_employer_is_refused(client_as):
    client, offer = client_as("gpect"), JobOfferFactory(employer=None)
    data = {"person": PersonFactory().pk, "date": "2020-04-01", "outcome": "en_cours"}
    response = client.post(reverse("gpect:match_create", args=[offer.pk]), data)
    assert "Cette offre n&#x27;a pas d&#x27;employeur" in response.text
    assert not Match.objects.exists()


def test_a_match_is_saved_for_the_offer_and_a_person_cannot_be_matched_twice(client_as):
    client, offer, person = client_as("gpect"), JobOfferFactory(), PersonFactory()
    data = {"person": person.pk, "date": "2020-04-01", "outcome": "embauche"}
    url = reverse("gpect:match_create", args=[offer.pk])
    assert client.post(url, data).status_code == 302
    assert Match.objects.get().offer == offer
    response = client.post(url, data)
    assert "Cette personne a déjà été mise en relation avec cette offre." in response.text
    assert Match.objects.count() == 1


def test_an_action_is_recorded_with_its_employer_and_staff_member(client_as, user_with_role):
    client, employer = client_as("gpect"), EmployerFactory()
    data = {"employer": employer.pk, "kind": "immersion", "date": "2020-05-04"}
    response = client.post(reverse("gpect:action_create"), data)
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()
    action = EmployerAction.objects.get()
    assert action.kind == EmployerAction.Kind.IMMERSION


def test_an_organisation_can_be_an_employer_only_once(client_as):
    client, employer = client_as("gpect"), EmployerFactory()
    data = {"organisation": employer.organisation.pk, "sector": sector("Commerce").pk}
    response = client.post(reverse("gpect:employer_create"), data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


def test_employer_list_filters_by_sector_commune_and_mobilisation(client_as):
    from tests.gpect.factories import EmployerActionFactory

    today = datetime.date.today()
    busy = EmployerActionFactory(date=today, employer__sector=sector("Numérique")).employer
    EmployerFactory(sector=sector("Numérique"))
    EmployerFactory(sector=sector("Commerce"))
    client = client_as("gpect-lecture")
    url = reverse("gpect:employer_list")
    assert client.get(url, {"sector": sector("Numérique").pk}).context["page"].paginator.count == 2
    page = client.get(url, {"sector": sector("Numérique").pk, "annee": today.year}).context["page"]
    assert list(page) == [busy]
    assert client.get(url, {"q": busy.organisation.name}).context["page"].paginator.count == 1


def test_read_only_staff_see_no_edit_buttons(client_as):
    market = MarketFactory()
    response = client_as("gpect-lecture").get(market.get_absolute_url())
    assert reverse("gpect:hours_create", args=[market.pk]) not in response.text
    response = client_as("gpect").get(market.get_absolute_url())
    assert reverse("gpect:hours_create", args=[market.pk]) in response.text


@pytest.mark.parametrize(("role", "status"), [("gpect", 200), ("gpect-lecture", 200), ("coordination", 200),
                                              ("plie", 404), ("incubateur", 404)])  # fmt: skip
def test_people_placed_or_matched_are_personal_data_of_the_gpect(client_as, role, status):
    placed, matched = InsertionHoursFactory().person, MatchFactory().person
    client = client_as(role)
    for person in (placed, matched):
        assert client.get(reverse("cbe_portal:person_detail", args=[person.pk])).status_code == status


def test_a_professionalisation_contract_type_marks_the_hours_as_professionalisation(client_as):
    client, market = client_as("gpect"), MarketFactory()
    data = hours_data(PersonFactory(), OrganisationFactory())
    del data["is_professionalisation"]
    assert post_hours(client, market, data).status_code == 302
    assert InsertionHours.objects.get().is_professionalisation


def test_an_employer_changes_sector_and_keeps_its_organisation(client_as):
    client, employer = client_as("gpect"), EmployerFactory()
    url = reverse("gpect:employer_edit", args=[employer.pk])
    loaded = client.get(url).context["form"].initial["loaded_version"]
    data = {"organisation": employer.organisation.pk, "sector": sector("Numérique").pk, "loaded_version": loaded}
    assert client.post(url, data).status_code == 302
    employer.refresh_from_db()
    assert employer.sector.name == "Numérique"


def test_more_than_ten_hours_a_day_over_the_period_is_refused(client_as):
    client, market = client_as("gpect"), MarketFactory()
    data = hours_data(
        PersonFactory(), OrganisationFactory(), hours=71, period_start="2020-03-02", period_end="2020-03-08"
    )
    response = post_hours(client, market, data)
    assert "71 heures en 7 jours : cela fait plus de 10 heures par jour" in response.text
    assert not InsertionHours.objects.exists()
    data["hours"] = 70
    assert post_hours(client, market, data).status_code == 302


def test_an_offer_without_employer_offers_no_match_button_but_says_why(client_as):
    offer = JobOfferFactory(employer=None)
    response = client_as("gpect").get(offer.get_absolute_url())
    assert reverse("gpect:match_create", args=[offer.pk]) not in response.text
    assert "Indiquez l'employeur de cette offre" in response.text
