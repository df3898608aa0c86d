"""The PLIE's staff pages: who sees participants, lists, the timeline, the other forms."""

import datetime

import pytest
from django.urls import reverse

from plie.models import ActionCollective, AideRepas, Entretien, Frein, Parcours, Seance
from tests.factories import PersonFactory, UserFactory

from .factories import (
    ActionCollectiveFactory,
    EntretienFactory,
    EtapeFactory,
    FreinFactory,
    ParcoursFactory,
    SeanceFactory,
    exit_type,
)

D = datetime.date


@pytest.fixture
def staff(client_as):
    return client_as("plie")


@pytest.mark.parametrize("role", ["gpect", "incubateur-lecture", "ptce", "circuits"])
def test_other_programmes_never_see_a_participant_in_the_directory(client_as, role):
    parcours = ParcoursFactory(person=PersonFactory(last_name="Darrigrand"))
    client = client_as(role)
    assert client.get(reverse("cbe_portal:person_detail", args=[parcours.person.pk])).status_code == 404
    assert "Darrigrand" not in client.get(reverse("cbe_portal:person_list")).content.decode()


@pytest.mark.parametrize("role", ["partenaire", "membre", "anonyme"])
def test_partners_members_and_public_never_see_a_participant(client_as, role):
    parcours = ParcoursFactory()
    response = client_as(role).get(reverse("plie:parcours_detail", args=[parcours.pk]))
    assert response.status_code in {302, 403, 404}


@pytest.mark.parametrize("role", ["plie-lecture", "coordination"])
def test_plie_readers_and_coordination_see_a_participant(client_as, role):
    parcours = ParcoursFactory(person=PersonFactory(last_name="Darrigrand"))
    assert "Darrigrand" in client_as(role).get(reverse("cbe_portal:person_list")).content.decode()
    assert client_as(role).get(parcours.get_absolute_url()).status_code == 200


def test_read_only_staff_cannot_write_and_see_no_edit_button(client_as):
    parcours = ParcoursFactory()
    client = client_as("plie-lecture")
    response = client.post(
        reverse("plie:frein_create", args=[parcours.pk]), {"theme": "sante", "identified_on": "2020-02-01"}
    )
    assert response.status_code == 403
    assert not Frein.objects.exists()
    assert (
        reverse("plie:frein_create", args=[parcours.pk])
        not in client.get(parcours.get_absolute_url()).content.decode()
    )


def test_the_participant_page_is_a_timeline(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 11, 30), exit_type=exit_type("positive"))
    FreinFactory(parcours=parcours, theme="mobilite", identified_on=D(2020, 1, 20), lifted_on=D(2020, 5, 2))
    EtapeFactory(parcours=parcours, kind="immersion", title="Maraîchage", start_date=D(2020, 3, 2))
    EntretienFactory(parcours=parcours, date=D(2020, 2, 10), subject="Point d'étape")
    SeanceFactory(
        action=ActionCollectiveFactory(name="Théâtre et coaching"), date=D(2020, 10, 6), attendees=[parcours]
    )
    content = staff.get(parcours.get_absolute_url()).content.decode()
    expected = ["Entrée dans le PLIE", "Frein repéré : Mobilité", "Entretien en présentiel : Point d", "Maraîchage",
                "Frein levé : Mobilité", "Théâtre et coaching", f"Sortie : {parcours.exit_type}"]  # fmt: skip
    positions = [content.index(text, content.index("Le parcours")) for text in expected]
    assert positions == sorted(positions)


def test_list_filters_and_accent_insensitive_search(staff):
    referent = UserFactory(roles=["plie"])
    open_one = ParcoursFactory(person=PersonFactory(last_name="Etchégaray"), referent=referent)
    FreinFactory(parcours=open_one, theme="logement")
    ParcoursFactory(person=PersonFactory(last_name="Lalanne"), entry_date=D(2018, 1, 1), exit_date=D(2019, 2, 1),
                    exit_type=exit_type("administrative"))  # fmt: skip
    url = reverse("plie:parcours_list")

    def names(**params):
        return [p.person.last_name for p in staff.get(url, params).context["page"]]

    assert names() == ["Etchégaray", "Lalanne"]
    assert names(q="etchegaray") == ["Etchégaray"]
    assert names(statut="en_parcours") == ["Etchégaray"]
    assert names(statut="sorti") == ["Lalanne"]
    assert names(referent=referent.pk) == ["Etchégaray"]
    assert names(annee=2019) == ["Lalanne"]
    assert names(frein="logement") == ["Etchégaray"]
    assert names(sortie="administrative") == ["Lalanne"]
    assert names(sortie="positive") == []


def test_the_list_is_paginated(staff):
    ParcoursFactory.create_batch(26)
    response = staff.get(reverse("plie:parcours_list"), {"page": 2})
    assert len(response.context["page"]) == 1


def test_add_and_lift_a_barrier(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 5, 31), exit_type=exit_type("autre"))
    staff.post(reverse("plie:frein_create", args=[parcours.pk]), {"theme": "sante", "identified_on": "2020-01-20"})
    frein = Frein.objects.get()
    response = staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-06-10"})
    assert "Cette date est en dehors du parcours" in response.content.decode()
    staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-05-02"})
    frein.refresh_from_db()
    assert frein.lifted_on == D(2020, 5, 2)


def test_a_barrier_cannot_be_lifted_before_it_was_identified(staff):
    frein = FreinFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15)), identified_on=D(2020, 3, 1))
    response = staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-02-01"})
    assert "Un frein ne peut pas être levé avant d&#x27;avoir été repéré." in response.content.decode()


def test_add_an_appointment_inside_the_pathway_only(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    url = reverse("plie:entretien_create", args=[parcours.pk])
    response = staff.post(url, {"date": "2020-01-14", "mode": "presentiel"})
    assert "Cette date est en dehors du parcours" in response.content.decode()
    assert staff.post(url, {"date": "2020-02-14", "mode": "telephone", "subject": "Suivi"}).status_code == 302
    assert Entretien.objects.get().mode == "telephone"


def test_collective_action_and_a_session_with_attendees(staff):
    staff.post(reverse("plie:action_create"), {"name": "En forme pour l'emploi"})
    action = ActionCollective.objects.get()
    present = ParcoursFactory(entry_date=D(2020, 1, 15))
    later = ParcoursFactory(entry_date=D(2020, 11, 2))
    url = reverse("plie:seance_create", args=[action.pk])
    response = staff.post(url, {"date": "2020-10-06", "attendees": [present.pk, later.pk]})
    assert f"Pas en parcours à cette date : {later.person}." in response.content.decode()
    assert not Seance.objects.exists()
    staff.post(url, {"date": "2020-10-06", "theme": "Bouger au quotidien", "attendees": [present.pk]})
    assert list(Seance.objects.get().attendees.all()) == [present]
    assert str(present.person) in staff.get(action.get_absolute_url()).content.decode()


def test_meal_fund_aids_need_meals_or_an_amount_and_are_listed_per_year(staff):
    person = ParcoursFactory().person
    url = reverse("plie:aide_create")
    response = staff.post(url, {"date": "2020-03-02", "beneficiary": person.pk})
    assert "Indiquez un nombre de repas ou un montant." in response.content.decode()
    assert not AideRepas.objects.exists()
    assert staff.post(url, {"date": "2020-03-02", "beneficiary": person.pk, "amount": "25"}).status_code == 302
    assert len(staff.get(reverse("plie:aide_list"), {"annee": 2020}).context["page"]) == 1
    assert len(staff.get(reverse("plie:aide_list"), {"annee": 2019}).context["page"]) == 0


def test_home_shows_the_figures_of_the_chosen_year(staff):
    ParcoursFactory(entry_date=D(2020, 1, 15))
    response = staff.get(reverse("plie:home"), {"annee": 2020})
    assert response.context["figures"]["personnes_accompagnees"] == 1
    assert staff.get(reverse("plie:home"), {"annee": "n'importe"}).status_code == 200


def test_dashboard_shows_the_plie_card(staff):
    assert "Personnes accompagnées en" in staff.get(reverse("cbe_portal:dashboard")).content.decode()


def test_the_database_refuses_a_second_open_pathway():
    from django.db import IntegrityError

    parcours = ParcoursFactory()
    with pytest.raises(IntegrityError):
        Parcours.objects.create(person=parcours.person, entry_date=D(2020, 6, 1))


@pytest.mark.parametrize(("role", "status"), [("gpect", 404), ("partenaire", 404), ("plie-lecture", 403)])
def test_other_roles_cannot_open_a_pathway(client_as, role, status):
    person = PersonFactory()
    response = client_as(role).post(reverse("plie:parcours_create"), {"person": person.pk, "entry_date": "2020-06-01"})
    assert response.status_code == status
    assert not Parcours.objects.exists()


def test_a_pathway_opened_by_a_colleague_meanwhile_gives_a_message(client_as, monkeypatch):
    from plie.forms import ParcoursCreateForm

    person = PersonFactory()
    checked = ParcoursCreateForm.clean

    def colleague_saves_after_the_check(form):
        cleaned_data = checked(form)
        ParcoursFactory(person=person)  # the colleague's save, between our check and our save
        return cleaned_data

    monkeypatch.setattr(ParcoursCreateForm, "clean", colleague_saves_after_the_check)
    response = client_as("plie").post(
        reverse("plie:parcours_create"), {"person": person.pk, "entry_date": "2020-06-01"}
    )
    assert response.status_code == 200
    assert "Cette personne a déjà un parcours en cours" in response.content.decode()
    assert Parcours.objects.filter(person=person).count() == 1
