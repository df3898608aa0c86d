"""The pickers of the GPECT's forms: people and organisations by their directory label, among the
records the user may see; employers through the GPECT's own lookup; staff by their names."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal.models import AccessLog
from cbe_portal.permissions import get_for_user
from gpect.forms import EmployerActionForm, InsertionHoursForm, MatchForm
from gpect.models import InsertionHours, Match
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import EmployerFactory, InsertionHoursFactory, JobOfferFactory, MarketFactory, MatchFactory
from tests.plie.factories import ParcoursFactory

EMPLOYERS = reverse("gpect:employer_lookup")
NOT_A_CHOICE = "Sélectionnez un choix valide"


def test_the_person_choices_leave_out_a_person_only_another_programme_follows(client_as):
    plie_only = ParcoursFactory(person__first_name="Aïcha", person__last_name="Berrada").person
    ours = MatchFactory(person__first_name="Aïcha", person__last_name="Bernard").person
    newcomer = PersonFactory(first_name="Aïcha", last_name="Bertin")  # followed by nobody yet
    client = client_as("gpect")
    found = client.get(reverse("cbe_portal:person_lookup"), {"q": "aicha"}).json()["results"]
    assert {result["id"] for result in found} == {ours.pk, newcomer.pk}

    user = UserFactory(roles=["gpect"])
    forms = [
        MatchForm(instance=Match(offer=JobOfferFactory()), user=user),
        InsertionHoursForm(instance=InsertionHours(market=MarketFactory()), user=user),
    ]
    for form in forms:
        assert set(form.fields["person"].queryset) == {ours, newcomer}

    offer, market = JobOfferFactory(), MarketFactory()
    match = {"person": plie_only.pk, "date": "2020-03-10", "outcome": "en_cours"}
    response = client.post(reverse("gpect:match_create", args=[offer.pk]), match)
    assert NOT_A_CHOICE in response.context["form"].errors["person"][0]
    hours = {"person": plie_only.pk, "company": OrganisationFactory().pk, "contract_type": "cddi",
             "period_start": "2020-03-01", "period_end": "2020-05-31", "hours": "90"}  # fmt: skip
    response = client.post(reverse("gpect:hours_create", args=[market.pk]), hours)
    assert NOT_A_CHOICE in response.context["form"].errors["person"][0]
    assert not offer.matches.exists() and not market.insertion_hours.exists()


def test_a_form_shows_only_the_chosen_records_by_their_directory_label(client_as):
    tarnos = CommuneFactory()
    person = PersonFactory(first_name="Marie", last_name="Dupont", birth_date=datetime.date(1985, 3, 2))
    PersonFactory(first_name="Paul", last_name="Autre")
    entry = InsertionHoursFactory(person=person, company=OrganisationFactory(name="Otsokop", commune=tarnos))
    page = client_as("gpect").get(reverse("gpect:hours_edit", args=[entry.pk])).text
    assert "DUPONT Marie — Tarnos — née en 1985" in page
    assert "Otsokop — Tarnos" in page
    assert "AUTRE Paul" not in page
    assert f'data-combobox-url="{reverse("cbe_portal:person_lookup")}"' in page
    assert f'data-combobox-url="{reverse("cbe_portal:organisation_lookup")}"' in page


def test_employers_are_picked_by_their_organisation_name(client_as, django_assert_num_queries):
    otsokop = EmployerFactory(organisation__name="Otsokop")
    EmployerFactory(organisation__name="Boulangerie Lafitte")
    OrganisationFactory(name="Otsokop formation")  # in the directory, not an employer
    client = client_as("gpect-lecture")
    with django_assert_num_queries(3 + 1):  # session, user, roles; the employers found
        response = client.get(EMPLOYERS, {"q": "OTSO"})
    assert response.json() == {"results": [{"id": otsokop.pk, "label": "Otsokop — Tarnos"}]}
    assert client.get(EMPLOYERS, {"q": "o"}).json() == {"results": []}

    page = client_as("gpect").get(reverse("gpect:action_create"), {"employeur": otsokop.pk}).text
    assert f'data-combobox-url="{EMPLOYERS}"' in page
    assert "Otsokop — Tarnos" in page and "Boulangerie Lafitte" not in page


@pytest.mark.parametrize("role", ["gpect", "coordination"])
def test_the_staff_of_an_action_are_named_never_by_their_login(role):
    UserFactory(roles=[role], username="metcheverry", first_name="Maïté", last_name="Etcheverry")
    UserFactory(roles=["plie"], first_name="Karim", last_name="Benali")
    form = EmployerActionForm(user=UserFactory(roles=["gpect"], first_name="Inès", last_name="Lalanne"))
    labels = [label for value, label in form.fields["staff"].choices if value]
    assert "Maïté Etcheverry" in labels and "Inès Lalanne" in labels
    assert "metcheverry" not in labels and "Karim Benali" not in labels


def test_reading_a_match_or_hours_is_recorded_for_the_person():
    user = UserFactory(roles=["gpect-lecture"])
    for record in [MatchFactory(), InsertionHoursFactory()]:
        get_for_user(user, type(record).objects.all(), pk=record.pk)
        log = AccessLog.objects.filter(person=record.person, user=user)
        assert list(log.values_list("action", flat=True)) == [AccessLog.Action.VIEW]
