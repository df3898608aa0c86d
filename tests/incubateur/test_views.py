import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils.html import escape

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from cbe_portal.permissions import persons_for_user
from incubateur.models import (
    ComiteOrientation,
    EmploiCree,
    FormationSession,
    Presentation,
    Projet,
    RendezVous,
    Stage,
    StageChange,
)
from tests.factories import PersonFactory

from .factories import (
    CollectiveMemberFactory,
    ComiteFactory,
    EmploiCreeFactory,
    FormationFactory,
    PremierAccueilFactory,
    PresentationFactory,
    ProjetFactory,
    TempsCollectifFactory,
)

D = datetime.date


def text(response):
    return response.content.decode()


@pytest.fixture
def staff(client_as):
    return client_as("incubateur")


# Stage changes ----------------------------------------------------------------------------------


def test_new_project_starts_its_history(staff):
    holder = PersonFactory()
    response = staff.post(
        reverse("incubateur:projet_create"),
        {
            "name": "Recyclerie",
            "theme": "reemploi",
            "holders": [holder.pk],
            "stage": "idee",
            "stage_date": "2020-03-05",
        },
    )
    projet = Projet.objects.get()
    assert response.status_code == 302 and response["Location"] == projet.get_absolute_url()
    assert list(projet.stage_changes.values_list("stage", "date")) == [("idee", D(2020, 3, 5))]
    assert list(projet.holders.all()) == [holder]


def test_backward_stage_change_without_a_reason_is_refused(staff):
    projet = ProjetFactory(history=[(Stage.PRE_INCUBATION, D(2020, 1, 1)), (Stage.INCUBATION, D(2020, 2, 13))])
    url = reverse("incubateur:projet_stage", args=[projet.pk])
    response = staff.post(url, {"stage": "pre_incubation", "date": "2020-06-01", "reason": "  "})
    assert response.status_code == 200
    assert "est un retour en arrière : indiquez-en le motif" in text(response)
    assert projet.stage_changes.count() == 2
    projet.refresh_from_db()
    assert projet.stage == Stage.INCUBATION

    response = staff.post(
        url, {"stage": "pre_incubation", "date": "2020-06-01", "reason": "Modèle économique à revoir"}
    )
    assert response.status_code == 302
    projet.refresh_from_db()
    assert projet.stage == Stage.PRE_INCUBATION
    assert projet.latest_change().reason == "Modèle économique à revoir"


def test_forward_stage_change_needs_no_reason_but_cannot_predate_the_history(staff):
    projet = ProjetFactory(history=[(Stage.INCUBATION, D(2020, 2, 13))])
    url = reverse("incubateur:projet_stage", args=[projet.pk])
    response = staff.post(url, {"stage": "lancement", "date": "2020-01-01"})
    assert "ne peut pas être antérieur" in text(response)
    assert projet.stage_changes.count() == 1
    assert staff.post(url, {"stage": "lancement", "date": "2020-09-01"}).status_code == 302
    assert Projet.objects.get().stage == Stage.LANCEMENT


# Committees -------------------------------------------------------------------------------------


def test_decision_for_a_project_not_presented_is_refused(staff):
    comite = ComiteFactory()
    PresentationFactory(comite=comite)
    other = ProjetFactory(history=[(Stage.PRE_INCUBATION, D(2020, 1, 1))])
    response = staff.post(
        reverse("incubateur:comite_decision", args=[comite.pk]), {"projet": other.pk, "decision": "admis"}, follow=True
    )
    assert escape(f"Le projet « {other} » n'a pas été présenté à ce comité") in text(response)
    assert not Presentation.objects.exclude(decision="").exists()
    other.refresh_from_db()
    assert other.stage == Stage.PRE_INCUBATION and other.stage_changes.count() == 1


def test_admission_moves_the_project_to_incubation_on_the_committee_date(staff):
    presentation = PresentationFactory(comite__date=D(2020, 10, 8))
    response = staff.post(
        reverse("incubateur:comite_decision", args=[presentation.comite_id]),
        {"projet": presentation.projet_id, "decision": "admis"},
    )
    assert response.status_code == 302
    presentation.refresh_from_db()
    assert presentation.decision == ComiteOrientation.Decision.ADMIS
    projet = presentation.projet
    projet.refresh_from_db()
    assert projet.stage == Stage.INCUBATION
    assert projet.latest_change().date == D(2020, 10, 8)


def test_adjournment_leaves_the_stage(staff):
    presentation = PresentationFactory()
    staff.post(
        reverse("incubateur:comite_decision", args=[presentation.comite_id]),
        {"projet": presentation.projet_id, "decision": "ajourne"},
    )
    assert Projet.objects.get().stage == Stage.PRE_INCUBATION
    assert Presentation.objects.get().decision == "ajourne"


def test_committee_form_records_presented_projects_and_members(staff):
    projets, member = ProjetFactory.create_batch(2), CollectiveMemberFactory()
    response = staff.post(
        reverse("incubateur:comite_create"),
        {"date": "2020-02-13", "projets": [p.pk for p in projets], "members_present": [member.pk]},
    )
    comite = ComiteOrientation.objects.get()
    assert response.status_code == 302
    assert set(comite.projets.all()) == set(projets)
    assert list(comite.members_present.all()) == [member]


# Appointments, trainings, jobs ------------------------------------------------------------------


def test_appointment_before_the_first_reception_is_refused(staff):
    projet = ProjetFactory()
    PremierAccueilFactory(projet=projet, date=D(2020, 3, 5))
    PremierAccueilFactory(projet=projet, date=D(2020, 4, 1))
    member = CollectiveMemberFactory()
    url = reverse("incubateur:rendezvous_create", args=[projet.pk])
    data = {"date": "2020-03-04", "accompagnant": member.pk, "duration_minutes": 90}
    response = staff.post(url, data)
    assert "accueilli pour la première fois le 05/03/2020" in text(response)
    assert not RendezVous.objects.exists()
    assert staff.post(url, {**data, "date": "2020-03-05"}).status_code == 302
    assert RendezVous.objects.get().projet == projet


def test_attendance_above_a_session_capacity_is_refused(staff):
    formation, people = FormationFactory(), PersonFactory.create_batch(3)
    url = reverse("incubateur:session_create", args=[formation.pk])
    data = {"date": "2020-12-10", "capacity": 2, "participants": [p.pk for p in people]}
    response = staff.post(url, data)
    assert escape("Cette session compte 2 places : 3 participant·es, c'est trop.") in text(response)
    assert not FormationSession.objects.exists()
    assert staff.post(url, {**data, "capacity": ""}).status_code == 302  # no capacity set: no limit
    assert FormationSession.objects.get().participants.count() == 3


def test_negative_jobs_are_refused(staff):
    projet = ProjetFactory()
    url = reverse("incubateur:emploi_create", args=[projet.pk])
    response = staff.post(url, {"number": -2, "date": "2020-09-01"})
    assert escape("Le nombre d'emplois créés ne peut pas être négatif.") in text(response)
    assert not EmploiCree.objects.exists()
    assert staff.post(url, {"number": 2, "date": "2020-09-01"}).status_code == 302


def test_the_database_refuses_negative_jobs_too():
    with pytest.raises(IntegrityError):
        EmploiCreeFactory(number=-1)


# Concurrent edits, permissions, personal data ---------------------------------------------------


def test_concurrent_edit_of_a_project_is_refused(staff):
    projet = ProjetFactory(name="Avant")
    stale = projet.updated_at.isoformat()
    Projet.objects.filter(pk=projet.pk).update(name="Changé par une collègue")
    Projet.objects.get(pk=projet.pk).save()  # bumps updated_at
    response = staff.post(
        reverse("incubateur:projet_edit", args=[projet.pk]),
        {"name": "Le mien", "theme": "autre", "holders": [PersonFactory().pk], "loaded_version": stale},
    )
    assert escape(CONCURRENT_EDIT_MESSAGE) in text(response)
    assert Projet.objects.get().name == "Changé par une collègue"


def test_read_only_staff_see_no_edit_buttons(client_as):
    projet = ProjetFactory()
    response = client_as("incubateur-lecture").get(reverse("incubateur:projet_detail", args=[projet.pk]))
    assert response.status_code == 200
    assert reverse("incubateur:projet_edit", args=[projet.pk]) not in text(response)
    response = client_as("incubateur").get(reverse("incubateur:projet_detail", args=[projet.pk]))
    assert reverse("incubateur:projet_edit", args=[projet.pk]) in text(response)


@pytest.mark.parametrize("relation", ["holder", "met", "attendee"])
def test_people_followed_by_the_incubator_are_hidden_from_other_programmes(user_with_role, client_as, relation):
    person = PersonFactory()
    if relation == "holder":
        ProjetFactory(holders=[person])
    elif relation == "met":
        PremierAccueilFactory(persons=[person])
    else:
        attend_a_training(person)
    for role, visible in [("incubateur", True), ("incubateur-lecture", True), ("coordination", True),
                          ("plie", False), ("ptce-lecture", False), ("partenaire", False)]:  # fmt: skip
        assert persons_for_user(user_with_role(role)).filter(pk=person.pk).exists() is visible, role
    assert client_as("plie").get(reverse("cbe_portal:person_detail", args=[person.pk])).status_code == 404
    assert client_as("incubateur").get(reverse("cbe_portal:person_detail", args=[person.pk])).status_code == 200


def attend_a_training(person):
    from .factories import FormationSessionFactory

    FormationSessionFactory().participants.add(person)


def test_holders_of_a_project_are_not_listed_to_other_programmes_even_in_incubator_pages(client_as):
    holder = PersonFactory(last_name="Etcheverry")
    ProjetFactory(holders=[holder], name="Épicerie solidaire")
    assert "Etcheverry" in text(client_as("incubateur").get(reverse("incubateur:projet_list")))
    assert client_as("plie").get(reverse("incubateur:projet_list")).status_code == 404


def test_stage_history_shown_on_the_project_page(staff):
    projet = ProjetFactory(history=[(Stage.PRE_INCUBATION, D(2019, 9, 1)), (Stage.IDEE, D(2020, 2, 1))])
    EmploiCreeFactory(projet=projet, number=2, description="Valoriste")
    content = text(staff.get(reverse("incubateur:projet_detail", args=[projet.pk])))
    assert "01/09/2019" in content and "01/02/2020" in content and "Valoriste" in content
    assert StageChange.objects.count() == 2


def test_reception_list_filters_by_year_and_searches_people_and_ideas(staff):
    PremierAccueilFactory(
        date=D(2020, 5, 1), idea="Une épicerie solidaire", persons=[PersonFactory(last_name="Garat")]
    )
    PremierAccueilFactory(date=D(2019, 5, 1), idea="Un garage associatif", persons=[PersonFactory(last_name="Labat")])
    url = reverse("incubateur:accueil_list")
    assert "épicerie" in text(staff.get(url, {"annee": 2020})) and "garage" not in text(
        staff.get(url, {"annee": 2020})
    )
    content = text(staff.get(url, {"q": "garat"}))
    assert "épicerie" in content and "garage" not in content
    content = text(staff.get(url, {"q": "epicerie"}))
    assert "épicerie" in content and "garage" not in content


def test_a_project_with_a_decision_stays_on_its_committee(staff):
    decided = PresentationFactory(decision="ajourne")
    comite = decided.comite
    response = staff.post(
        reverse("incubateur:comite_edit", args=[comite.pk]),
        {"date": "2020-02-13", "projets": [ProjetFactory().pk], "loaded_version": comite.updated_at.isoformat()},
    )
    assert "ont déjà reçu une décision" in text(response)
    assert list(comite.projets.all()) == [decided.projet]


def test_committees_and_collective_sessions_filtered_by_year(staff):
    ComiteFactory(date=D(2020, 2, 13))
    ComiteFactory(date=D(2019, 3, 21))
    content = text(staff.get(reverse("incubateur:comite_list"), {"annee": 2020}))
    assert "13 février 2020" in content and "2019" not in content.split("</form>")[-1]
    assert "2 comités" in text(staff.get(reverse("incubateur:comite_list")))
    TempsCollectifFactory(date=D(2020, 5, 12))
    assert "0 temps collectif" in text(staff.get(reverse("incubateur:temps_collectif_list"), {"annee": 2019}))
