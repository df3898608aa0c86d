"""The PLIE's staff pages: who sees participants, lists, the timeline, the other forms."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from plie.models import CollectiveAction, Frein, Interview, MealAid, Parcours, Session
from tests.factories import PersonFactory, UserFactory

from .factories import (
    CollectiveActionFactory,
    FreinFactory,
    InterviewFactory,
    MealAidFactory,
    ParcoursFactory,
    SessionFactory,
    StepFactory,
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
    StepFactory(parcours=parcours, kind="immersion", title="Maraîchage", start_date=D(2020, 3, 2))
    InterviewFactory(parcours=parcours, date=D(2020, 2, 10), subject="Point d'étape")
    SessionFactory(
        action=CollectiveActionFactory(name="Théâtre et coaching"), date=D(2020, 10, 6), attendees=[parcours]
    )
    content = staff.get(parcours.get_absolute_url()).content.decode()
    expected = ["Entrée dans le PLIE", "Frein repéré : Mobilité", "Entretien en présentiel : Point d", "Maraîchage",
                "Frein levé : Mobilité", "Théâtre et coaching", f"Sortie : {parcours.exit_type}"]  # fmt: skip
    positions = [content.index(text, content.index("Le parcours")) for text in expected]
    assert positions == sorted(positions)


def test_the_participant_page_leads_to_the_persons_record_to_correct_it(staff):
    """The pathway's forms hold the situation; names and birth date are the directory's, one click away."""
    parcours = ParcoursFactory()
    page = staff.get(parcours.get_absolute_url()).content.decode()
    assert f'<a href="{parcours.person.get_absolute_url()}">Sa fiche dans l' in page
    record = staff.get(parcours.person.get_absolute_url()).content.decode()
    assert reverse("cbe_portal:person_edit", args=[parcours.person.pk]) in record


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


def link(content: str, text: str) -> str:
    """The href of the link whose text is `text`, as a browser reads it."""
    match = re.search(rf'href="([^"]*)"[^>]*>{re.escape(text)}<', content)
    assert match, f"no link « {text} »"
    return html.unescape(match.group(1))


def test_page_two_keeps_the_search_and_the_filters(staff):
    for i in range(30):
        ParcoursFactory(
            person=PersonFactory(last_name=f"Etcheverry {i:02}"), entry_date=D(2020, 1, 1) + D.resolution * i
        )
    ParcoursFactory.create_batch(3, person=PersonFactory(last_name="Etcheverry sorti"), entry_date=D(2019, 1, 1),
                                 exit_date=D(2019, 6, 1), exit_type=exit_type("autre"))  # fmt: skip
    ParcoursFactory.create_batch(5, person__last_name="Lalanne")
    url = reverse("plie:parcours_list")
    first = staff.get(url, {"q": "etcheverry", "statut": "en_parcours", "tri": "-entree"})
    content = first.content.decode()
    assert "30 résultats, page 1 sur 2" in content
    second = staff.get(url + link(content, "Page suivante"))
    rows = list(first.context["page"]) + list(second.context["page"])
    assert len(second.context["page"]) == 5
    assert len({p.pk for p in rows}) == 30
    assert all(p.is_open and p.person.last_name.startswith("Etcheverry ") for p in rows)
    assert [p.entry_date for p in rows] == sorted((p.entry_date for p in rows), reverse=True)
    assert second.context["filters"]["statut"].value() == "en_parcours"
    assert 'value="etcheverry"' in second.content.decode()  # the search box still holds the search


def test_a_column_header_sorts_the_list_and_says_so(staff):
    ParcoursFactory(person=PersonFactory(last_name="Arrieta"), entry_date=D(2020, 5, 1))
    ParcoursFactory(person=PersonFactory(last_name="Zubiri"), entry_date=D(2019, 5, 1))
    url = reverse("plie:parcours_list")
    content = staff.get(url, {"statut": "en_parcours"}).content.decode()
    assert '<th scope="col" aria-sort="ascending"><a href="?statut=en_parcours&amp;tri=-nom"' in content
    by_entry = staff.get(url + link(content, "Entrée"))
    assert [p.person.last_name for p in by_entry.context["page"]] == ["Zubiri", "Arrieta"]
    content = by_entry.content.decode()
    assert '<th scope="col" aria-sort="ascending"><a href="?statut=en_parcours&amp;tri=-entree"' in content
    latest_first = staff.get(url + link(content, 'Entrée <span aria-hidden="true">▲</span>'))
    assert [p.person.last_name for p in latest_first.context["page"]] == ["Arrieta", "Zubiri"]
    assert 'aria-sort="descending"' in latest_first.content.decode()
    assert latest_first.context["filters"]["statut"].value() == "en_parcours"


def test_referents_are_shown_by_their_full_names(staff):
    referent = UserFactory(username="s.laborde", first_name="Sophie", last_name="Laborde", roles=["plie"])
    ParcoursFactory(referent=referent)
    content = staff.get(reverse("plie:parcours_list")).content.decode()
    assert f'<option value="{referent.pk}">Sophie Laborde</option>' in content
    assert "s.laborde" not in content
    form = staff.get(reverse("plie:parcours_create")).context["form"]
    assert (referent.pk, "Sophie Laborde") in [
        (choice.value, label) for choice, label in form.fields["referent"].choices if choice
    ]


def test_meal_aids_sort_by_amount_within_the_year(staff):
    for amount in ("40", "20", "60"):
        MealAidFactory(date=D(2020, 3, 2), meals=None, amount=amount)
    MealAidFactory(date=D(2019, 3, 2), meals=None, amount="100")
    response = staff.get(reverse("plie:meal_aid_list"), {"annee": 2020, "tri": "-montant"})
    assert [int(aid.amount) for aid in response.context["page"]] == [60, 40, 20]
    assert 'aria-sort="descending"' in response.content.decode()
    assert staff.get(reverse("plie:meal_aid_list"), {"annee": "deux-mille"}).status_code == 200


def test_add_and_lift_a_barrier(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 5, 31), exit_type=exit_type("autre"))
    staff.post(reverse("plie:frein_create", args=[parcours.pk]), {"theme": "sante", "identified_on": "2020-01-20"})
    frein = Frein.objects.get()
    version = {"loaded_version": frein.updated_at.isoformat()}
    response = staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-06-10", **version})
    assert "Cette date est en dehors du parcours" in response.content.decode()
    staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-05-02", **version})
    frein.refresh_from_db()
    assert frein.lifted_on == D(2020, 5, 2)


def test_a_barrier_cannot_be_lifted_before_it_was_identified(staff):
    frein = FreinFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15)), identified_on=D(2020, 3, 1))
    version = {"loaded_version": frein.updated_at.isoformat()}
    response = staff.post(reverse("plie:frein_lift", args=[frein.pk]), {"lifted_on": "2020-02-01", **version})
    assert "Un frein ne peut pas être levé avant d&#x27;avoir été repéré." in response.content.decode()


def test_add_an_appointment_inside_the_pathway_only(staff):
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    url = reverse("plie:interview_create", args=[parcours.pk])
    response = staff.post(url, {"date": "2020-01-14", "mode": "presentiel"})
    assert response.context["form"].errors["date"] == ["Cette date précède l'entrée dans le parcours (le 15/01/2020)."]
    assert staff.post(url, {"date": "2020-02-14", "mode": "telephone", "subject": "Suivi"}).status_code == 302
    assert Interview.objects.get().mode == "telephone"


def test_collective_action_and_a_session_with_attendees(staff):
    staff.post(reverse("plie:collective_action_create"), {"name": "En forme pour l'emploi"})
    action = CollectiveAction.objects.get()
    present = ParcoursFactory(entry_date=D(2020, 1, 15))
    later = ParcoursFactory(entry_date=D(2020, 11, 2))
    url = reverse("plie:session_create", args=[action.pk])
    response = staff.post(url, {"date": "2020-10-06", "attendees": [present.person.pk, later.person.pk]})
    assert f"Pas en parcours à cette date : {later.person}." in response.content.decode()
    assert not Session.objects.exists()
    staff.post(url, {"date": "2020-10-06", "theme": "Bouger au quotidien", "attendees": [present.person.pk]})
    assert list(Session.objects.get().attendees.all()) == [present]
    assert str(present.person) in staff.get(action.get_absolute_url()).content.decode()
    SessionFactory(action=action, date=D(2020, 10, 13), attendees=[present, later])
    listed = staff.get(reverse("plie:collective_action_list")).context["page"][0]
    assert (listed.session_count, listed.attendee_count) == (2, 2)


def test_a_past_session_keeps_the_attendees_who_have_left_since(staff):
    left = ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 11, 30), exit_type=exit_type("autre"))
    session = SessionFactory(date=D(2020, 10, 6), attendees=[left])
    url = reverse("plie:session_edit", args=[session.pk])
    page = staff.get(url)
    assert page.context["form"]["attendees"].value() == [left.person.pk]
    assert f'<option value="{left.person.pk}" selected>{left.person.last_name.upper()}' in page.text
    data = {"date": "2020-10-06", "theme": "Gérer son stress", "attendees": [left.person.pk]}
    response = staff.post(url, {**data, "loaded_version": session.updated_at.isoformat()})
    assert response.status_code == 302
    assert list(session.attendees.all()) == [left]


def test_an_attendee_is_present_through_the_pathway_of_the_session_s_date(staff):
    """People are chosen by picker; each attends through their pathway running that day, an earlier
    one if they have since come back; someone never followed by the PLIE is not a choice."""
    first = ParcoursFactory(entry_date=D(2019, 1, 14), exit_date=D(2019, 12, 20), exit_type=exit_type("autre"))
    ParcoursFactory(person=first.person, entry_date=D(2020, 3, 2))
    never_followed = PersonFactory()
    url = reverse("plie:session_create", args=[CollectiveActionFactory().pk])
    response = staff.post(url, {"date": "2019-10-08", "attendees": [first.person.pk, never_followed.pk]})
    assert "Sélectionnez un choix valide" in response.context["form"].errors["attendees"][0]
    assert staff.post(url, {"date": "2019-10-08", "attendees": [first.person.pk]}).status_code == 302
    assert list(Session.objects.get().attendees.all()) == [first]


def test_meal_fund_aids_need_meals_or_an_amount_and_are_listed_per_year(staff):
    person = ParcoursFactory().person
    url = reverse("plie:meal_aid_create")
    response = staff.post(url, {"date": "2020-03-02", "beneficiary": person.pk})
    assert "Indiquez un nombre de repas ou un montant." in response.content.decode()
    assert not MealAid.objects.exists()
    assert staff.post(url, {"date": "2020-03-02", "beneficiary": person.pk, "amount": "25"}).status_code == 302
    assert len(staff.get(reverse("plie:meal_aid_list"), {"annee": 2020}).context["page"]) == 1
    assert len(staff.get(reverse("plie:meal_aid_list"), {"annee": 2019}).context["page"]) == 0


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
