import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils.html import escape

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from cbe_portal.models import Person
from incubateur.models import (
    Appointment,
    Committee,
    CreatedJob,
    Presentation,
    Project,
    Stage,
    StageChange,
    TrainingSession,
)
from tests.factories import PersonFactory

from .factories import (
    CollectiveMemberFactory,
    CollectiveTimeFactory,
    CommitteeFactory,
    CreatedJobFactory,
    PresentationFactory,
    ProjectFactory,
    ReceptionFactory,
    TrainingFactory,
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
        reverse("incubateur:project_create"),
        {
            "name": "Recyclerie",
            "theme": "reemploi",
            "holders": [holder.pk],
            "stage": "idee",
            "stage_date": "2020-03-05",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.stage_changes.values_list("stage", "date")) == [("idee", D(2020, 3, 5))]
    assert list(project.holders.all()) == [holder]


def test_backward_stage_change_without_a_reason_is_refused(staff):
    project = ProjectFactory(history=[(Stage.PRE_INCUBATION, D(2020, 1, 1)), (Stage.INCUBATION, D(2020, 2, 13))])
    url = reverse("incubateur:project_stage", args=[project.pk])
    response = staff.post(url, {"stage": "pre_incubation", "date": "2020-06-01", "reason": "  "})
    assert response.status_code == 200
    assert "est un retour en arrière : indiquez-en le motif" in text(response)
    assert project.stage_changes.count() == 2
    project.refresh_from_db()
    assert project.stage == Stage.INCUBATION

    response = staff.post(
        url, {"stage": "pre_incubation", "date": "2020-06-01", "reason": "Modèle économique à revoir"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.PRE_INCUBATION
    assert project.latest_change().reason == "Modèle économique à revoir"


def test_forward_stage_change_needs_no_reason_but_cannot_predate_the_history(staff):
    project = ProjectFactory(history=[(Stage.INCUBATION, D(2020, 2, 13))])
    url = reverse("incubateur:project_stage", args=[project.pk])
    response = staff.post(url, {"stage": "lancement", "date": "2020-01-01"})
    assert "ne peut pas être antérieur" in text(response)
    assert project.stage_changes.count() == 1
    assert staff.post(url, {"stage": "lancement", "date": "2020-09-01"}).status_code == 302
    assert Project.objects.get().stage == Stage.LANCEMENT


# Committees -------------------------------------------------------------------------------------


def test_a_decision_moves_only_the_project_it_is_about(staff):
    committee = CommitteeFactory()
    decided = PresentationFactory(committee=committee)
    other = PresentationFactory(committee=committee).project
    response = staff.post(
        reverse("incubateur:presentation_edit", args=[decided.pk]), {"decision": "admis", "comment": ""}
    )
    assert response.status_code == 302 and response["Location"] == committee.get_absolute_url()
    assert list(Presentation.objects.exclude(decision="")) == [decided]
    other.refresh_from_db()
    assert other.stage == Stage.PRE_INCUBATION and other.stage_changes.count() == 1


def test_admission_moves_the_project_to_incubation_on_the_committee_date(staff):
    presentation = PresentationFactory(committee__date=D(2020, 10, 8))
    response = staff.post(
        reverse("incubateur:presentation_edit", args=[presentation.pk]), {"decision": "admis", "comment": ""}
    )
    assert response.status_code == 302
    presentation.refresh_from_db()
    assert presentation.decision == Committee.Decision.ADMIS
    project = presentation.project
    project.refresh_from_db()
    assert project.stage == Stage.INCUBATION
    assert project.latest_change().date == D(2020, 10, 8)


def test_adjournment_leaves_the_stage(staff):
    presentation = PresentationFactory()
    staff.post(reverse("incubateur:presentation_edit", args=[presentation.pk]), {"decision": "ajourne"})
    assert Project.objects.get().stage == Stage.PRE_INCUBATION
    assert Presentation.objects.get().decision == "ajourne"


def test_committee_form_records_presented_projects_and_members(staff):
    projects, member = ProjectFactory.create_batch(2), CollectiveMemberFactory()
    response = staff.post(
        reverse("incubateur:committee_create"),
        {"date": "2020-02-13", "projects": [p.pk for p in projects], "members_present": [member.pk]},
    )
    committee = Committee.objects.get()
    assert response.status_code == 302
    assert set(committee.projects.all()) == set(projects)
    assert list(committee.members_present.all()) == [member]


# Appointments, trainings, jobs ------------------------------------------------------------------


def test_appointment_before_the_first_reception_is_refused(staff):
    project = ProjectFactory()
    ReceptionFactory(project=project, date=D(2020, 3, 5))
    ReceptionFactory(project=project, date=D(2020, 4, 1))
    member = CollectiveMemberFactory()
    url = reverse("incubateur:appointment_create", args=[project.pk])
    data = {"date": "2020-03-04", "member": member.pk, "duration_minutes": 90}
    response = staff.post(url, data)
    assert "accueilli pour la première fois le 05/03/2020" in text(response)
    assert not Appointment.objects.exists()
    assert staff.post(url, {**data, "date": "2020-03-05"}).status_code == 302
    assert Appointment.objects.get().project == project


def test_attendance_above_a_session_capacity_is_refused(staff):
    training, people = TrainingFactory(), PersonFactory.create_batch(3)
    url = reverse("incubateur:training_session_create", args=[training.pk])
    data = {"date": "2020-12-10", "capacity": 2, "participants": [p.pk for p in people]}
    response = staff.post(url, data)
    assert escape("Cette session compte 2 places : 3 participant·es, c'est trop.") in text(response)
    assert not TrainingSession.objects.exists()
    assert staff.post(url, {**data, "capacity": ""}).status_code == 302  # no capacity set: no limit
    assert TrainingSession.objects.get().participants.count() == 3


def test_negative_jobs_are_refused(staff):
    project = ProjectFactory()
    url = reverse("incubateur:job_create", args=[project.pk])
    response = staff.post(url, {"number": -2, "date": "2020-09-01"})
    assert escape("Le nombre d'emplois créés ne peut pas être négatif.") in text(response)
    assert not CreatedJob.objects.exists()
    assert staff.post(url, {"number": 2, "date": "2020-09-01"}).status_code == 302


def test_the_database_refuses_negative_jobs_too():
    with pytest.raises(IntegrityError):
        CreatedJobFactory(number=-1)


# Concurrent edits, permissions, personal data ---------------------------------------------------


def test_concurrent_edit_of_a_project_is_refused(staff):
    project = ProjectFactory(name="Avant")
    stale = project.updated_at.isoformat()
    Project.objects.filter(pk=project.pk).update(name="Changé par une collègue")
    Project.objects.get(pk=project.pk).save()  # bumps updated_at
    response = staff.post(
        reverse("incubateur:project_edit", args=[project.pk]),
        {"name": "Le mien", "theme": "autre", "holders": [PersonFactory().pk], "loaded_version": stale},
    )
    assert escape(CONCURRENT_EDIT_MESSAGE) in text(response)
    assert Project.objects.get().name == "Changé par une collègue"


def test_read_only_staff_see_no_edit_buttons(client_as):
    project = ProjectFactory()
    response = client_as("incubateur-lecture").get(reverse("incubateur:project_detail", args=[project.pk]))
    assert response.status_code == 200
    assert reverse("incubateur:project_edit", args=[project.pk]) not in text(response)
    response = client_as("incubateur").get(reverse("incubateur:project_detail", args=[project.pk]))
    assert reverse("incubateur:project_edit", args=[project.pk]) in text(response)


@pytest.mark.parametrize("relation", ["holder", "met", "attendee"])
def test_people_followed_by_the_incubator_are_hidden_from_other_programmes(user_with_role, client_as, relation):
    person = PersonFactory()
    if relation == "holder":
        ProjectFactory(holders=[person])
    elif relation == "met":
        ReceptionFactory(persons=[person])
    else:
        attend_a_training(person)
    for role, visible in [("incubateur", True), ("incubateur-lecture", True), ("coordination", True),
                          ("plie", False), ("ptce-lecture", False), ("partenaire", False)]:  # fmt: skip
        assert Person.objects.visible_to(user_with_role(role)).filter(pk=person.pk).exists() is visible, role
    assert client_as("plie").get(reverse("cbe_portal:person_detail", args=[person.pk])).status_code == 404
    assert client_as("incubateur").get(reverse("cbe_portal:person_detail", args=[person.pk])).status_code == 200


def attend_a_training(person):
    from .factories import TrainingSessionFactory

    TrainingSessionFactory().participants.add(person)


def test_holders_of_a_project_are_not_listed_to_other_programmes_even_in_incubator_pages(client_as):
    holder = PersonFactory(last_name="Etcheverry")
    ProjectFactory(holders=[holder], name="Épicerie solidaire")
    assert "Etcheverry" in text(client_as("incubateur").get(reverse("incubateur:project_list")))
    assert client_as("plie").get(reverse("incubateur:project_list")).status_code == 404


def test_stage_history_shown_on_the_project_page(staff):
    project = ProjectFactory(history=[(Stage.PRE_INCUBATION, D(2019, 9, 1)), (Stage.IDEE, D(2020, 2, 1))])
    CreatedJobFactory(project=project, number=2, description="Valoriste")
    content = text(staff.get(reverse("incubateur:project_detail", args=[project.pk])))
    assert "01/09/2019" in content and "01/02/2020" in content and "Valoriste" in content
    assert StageChange.objects.count() == 2


def test_reception_list_filters_by_year_and_searches_people_and_ideas(staff):
    ReceptionFactory(date=D(2020, 5, 1), idea="Une épicerie solidaire", persons=[PersonFactory(last_name="Garat")])
    ReceptionFactory(date=D(2019, 5, 1), idea="Un garage associatif", persons=[PersonFactory(last_name="Labat")])
    url = reverse("incubateur:reception_list")
    assert "épicerie" in text(staff.get(url, {"annee": 2020})) and "garage" not in text(
        staff.get(url, {"annee": 2020})
    )
    content = text(staff.get(url, {"q": "garat"}))
    assert "épicerie" in content and "garage" not in content
    content = text(staff.get(url, {"q": "epicerie"}))
    assert "épicerie" in content and "garage" not in content


def test_a_project_with_a_decision_stays_on_its_committee(staff):
    decided = PresentationFactory(decision="ajourne")
    committee = decided.committee
    response = staff.post(
        reverse("incubateur:committee_edit", args=[committee.pk]),
        {"date": "2020-02-13", "projects": [ProjectFactory().pk], "loaded_version": committee.updated_at.isoformat()},
    )
    assert "ont déjà reçu une décision" in text(response)
    assert list(committee.projects.all()) == [decided.project]


def test_committees_and_collective_sessions_filtered_by_year(staff):
    CommitteeFactory(date=D(2020, 2, 13))
    CommitteeFactory(date=D(2019, 3, 21))
    content = text(staff.get(reverse("incubateur:committee_list"), {"annee": 2020}))
    assert "13 février 2020" in content and "2019" not in content.split("</form>")[-1]
    assert "2 résultats" in text(staff.get(reverse("incubateur:committee_list")))
    CollectiveTimeFactory(date=D(2020, 5, 12))
    assert "0 résultat" in text(staff.get(reverse("incubateur:collective_time_list"), {"annee": 2019}))
