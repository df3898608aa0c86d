"""The pickers of the PLIE's forms: people and organisations by their directory label, among the
records the user may see; referents by their names, never their logins."""

import datetime

from django.urls import reverse

from plie.models import MealAid, Parcours
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import MatchFactory

from .factories import CollectiveActionFactory, MealAidFactory, ParcoursFactory, StepFactory

NOT_A_CHOICE = "Sélectionnez un choix valide"


def test_a_person_only_another_programme_follows_cannot_be_chosen(client_as):
    gpect_only = MatchFactory(person__first_name="Aïcha", person__last_name="Bernard").person
    staff = client_as("plie")
    response = staff.post(reverse("plie:parcours_create"), {"person": gpect_only.pk, "entry_date": "2021-02-01"})
    assert NOT_A_CHOICE in response.context["form"].errors["person"][0]
    aid = {"beneficiary": gpect_only.pk, "date": "2021-03-02", "meals": "10"}
    response = staff.post(reverse("plie:meal_aid_create"), aid)
    assert NOT_A_CHOICE in response.context["form"].errors["beneficiary"][0]
    assert not Parcours.objects.exists() and not MealAid.objects.exists()
    newcomer = PersonFactory()  # followed by nobody yet: any programme may take them in
    assert (
        staff.post(reverse("plie:parcours_create"), {"person": newcomer.pk, "entry_date": "2021-02-01"}).status_code
        == 302
    )


def test_forms_show_only_the_chosen_records_by_their_directory_label(client_as):
    tarnos = CommuneFactory()
    person = PersonFactory(
        first_name="Marie", last_name="Dupont", birth_date=datetime.date(1985, 3, 2), commune=tarnos
    )
    PersonFactory(first_name="Paul", last_name="Autre")
    OrganisationFactory(name="Autre structure")
    staff = client_as("plie")
    aid = MealAidFactory(beneficiary=person, restaurant=OrganisationFactory(name="SCIC Eole", commune=tarnos))
    step = StepFactory(organisation=OrganisationFactory(name="Ferme solidaire Lacoste", commune=tarnos))
    pages = {
        reverse("plie:meal_aid_edit", args=[aid.pk]): ["DUPONT Marie — Tarnos — née en 1985", "SCIC Eole — Tarnos"],
        reverse("plie:step_edit", args=[step.pk]): ["Ferme solidaire Lacoste — Tarnos"],
    }
    for url, labels in pages.items():
        page = staff.get(url).text
        assert all(label in page for label in labels), url
        assert "AUTRE Paul" not in page and "Autre structure" not in page
        assert f'data-combobox-url="{reverse("cbe_portal:organisation_lookup")}"' in page
    page = staff.get(reverse("plie:parcours_create")).text
    assert f'data-combobox-url="{reverse("cbe_portal:person_lookup")}"' in page
    assert "AUTRE Paul" not in page


def test_prescribers_and_partners_are_chosen_by_picker(client_as):
    prescriber = OrganisationFactory(name="Pôle emploi")
    parcours = ParcoursFactory(prescriber=prescriber)
    action = CollectiveActionFactory(partner=OrganisationFactory(name="PERF"))
    staff = client_as("plie")
    assert "Pôle emploi — Tarnos" in staff.get(reverse("plie:parcours_edit", args=[parcours.pk])).text
    assert "PERF — Tarnos" in staff.get(reverse("plie:collective_action_edit", args=[action.pk])).text
    data = {"entry_date": "2020-01-15", "prescriber": OrganisationFactory(name="CAP Emploi").pk}
    data["loaded_version"] = parcours.updated_at.isoformat()
    assert staff.post(reverse("plie:parcours_edit", args=[parcours.pk]), data).status_code == 302
    parcours.refresh_from_db()
    assert parcours.prescriber.name == "CAP Emploi"


def test_a_referent_without_a_name_is_not_shown_by_login(client_as):
    nameless = UserFactory(username="agent.42", first_name="", last_name="", roles=["plie"])
    ParcoursFactory(referent=nameless)
    staff = client_as("plie")
    for url in (reverse("plie:parcours_list"), reverse("plie:parcours_create")):
        page = staff.get(url).text
        assert f"Compte sans nom n° {nameless.pk}" in page
        assert "agent.42" not in page
