"""Every record an incubator editor creates can be corrected and deleted by an editor, never by
read-only staff (403) nor by another programme (404); a deletion that would rewrite published
figures is refused with the page's explanation."""

import datetime

import pytest
from django.urls import reverse

from incubateur.models import Appointment, Stage, StageChange
from tests.factories import OrganisationFactory, PersonFactory

from .factories import (
    AppointmentFactory,
    CollectiveMemberFactory,
    CollectiveTimeFactory,
    CommitteeFactory,
    CreatedJobFactory,
    CreatedStructureFactory,
    PresentationFactory,
    ProjectFactory,
    ReceptionFactory,
    TrainingFactory,
    TrainingSessionFactory,
)

D = datetime.date


def version(record) -> dict:
    return {"loaded_version": record.updated_at.isoformat()}


# (kind, factory, the fields an editor posts to correct it, the corrected value to read back)
KINDS = {
    "reception": (
        ReceptionFactory,
        lambda r: {"date": "2020-03-02", "persons": [PersonFactory().pk], "idea": "Une friperie",
                   "heard_from": "presse", "follow_up": "sans_suite", **version(r)},
        lambda r: r.idea == "Une friperie",
    ),
    "project": (
        ProjectFactory,
        lambda p: {"name": "Recyclerie", "theme": "reemploi", "holders": [PersonFactory().pk], **version(p)},
        lambda p: p.name == "Recyclerie",
    ),
    "appointment": (
        AppointmentFactory,
        lambda a: {"date": "2020-04-02", "member": a.member_id, "duration_minutes": 45, **version(a)},
        lambda a: a.duration_minutes == 45,
    ),
    "structure": (
        CreatedStructureFactory,
        lambda s: {"organisation": s.organisation_id, "legal_form": "scic", "created_on": "2020-06-02", **version(s)},
        lambda s: s.legal_form == "scic",
    ),
    "job": (
        CreatedJobFactory,
        lambda j: {"date": "2020-06-01", "number": 3, "description": "Valoriste", **version(j)},
        lambda j: j.number == 3,
    ),
    "committee": (
        CommitteeFactory,
        lambda c: {"date": "2020-02-14", "projects": [ProjectFactory().pk], **version(c)},
        lambda c: c.date == D(2020, 2, 14),
    ),
    "presentation": (
        PresentationFactory,
        lambda p: {"decision": "ajourne", "comment": "Modèle économique à revoir"},
        lambda p: p.decision == "ajourne" and p.comment == "Modèle économique à revoir",
    ),
    "collective_time": (
        CollectiveTimeFactory,
        lambda t: {"date": "2020-05-13", "theme": "Pitcher son projet", **version(t)},
        lambda t: t.theme == "Pitcher son projet",
    ),
    "training": (
        TrainingFactory,
        lambda t: {"title": "Gouvernance partagée", "description": "", "finalised_on": "2020-12-03", **version(t)},
        lambda t: t.title == "Gouvernance partagée",
    ),
    "training_session": (
        TrainingSessionFactory,
        lambda s: {"date": "2020-12-11", "place": "Tarnos", "capacity": 12, **version(s)},
        lambda s: s.place == "Tarnos",
    ),
    "member": (
        CollectiveMemberFactory,
        lambda m: {"organisation": m.organisation_id, "joined_on": "2017-03-01", "left_on": "2020-12-31",
                   **version(m)},
        lambda m: m.left_on == D(2020, 12, 31),
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_an_editor_corrects_a_record(client_as, kind):
    factory, data, corrected = KINDS[kind]
    record = factory()
    client = client_as("incubateur")
    url = reverse(f"incubateur:{kind}_edit", args=[record.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, data(record))
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert corrected(record)


@pytest.mark.parametrize("kind", KINDS)
def test_an_editor_deletes_a_record_after_confirming(client_as, kind):
    factory = KINDS[kind][0]
    record = factory()
    client = client_as("incubateur")
    url = reverse(f"incubateur:{kind}_delete", args=[record.pk])
    response = client.get(url)
    assert response.status_code == 200 and "Cette suppression est définitive" in response.content.decode()
    assert type(record).objects.filter(pk=record.pk).exists()  # a GET deletes nothing
    assert client.post(url).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("role", "status"), [("incubateur-lecture", 403), ("plie", 404)])
def test_read_only_staff_and_other_programmes_neither_correct_nor_delete(client_as, kind, role, status):
    factory, data, corrected = KINDS[kind]
    record = factory()
    client = client_as(role)
    assert client.post(reverse(f"incubateur:{kind}_edit", args=[record.pk]), data(record)).status_code == status
    assert client.post(reverse(f"incubateur:{kind}_delete", args=[record.pk])).status_code == status
    record.refresh_from_db()
    assert not corrected(record)


def blocked_project():
    return CreatedJobFactory(project__history=[(Stage.LANCEMENT, D(2019, 5, 1))]).project


def blocked_committee():
    return PresentationFactory().committee


def blocked_training():
    return TrainingSessionFactory().training


def blocked_member():
    return AppointmentFactory().member


def blocked_presentation():
    presentation = PresentationFactory()
    presentation.record_decision("admis", "", user=None)  # moved the project to incubation
    return presentation


@pytest.mark.parametrize(
    ("kind", "make", "blocker"),
    [
        ("project", blocked_project, "création d'emplois"),
        ("committee", blocked_committee, "présentation en comité"),
        ("training", blocked_training, "session de formation"),
        ("member", blocked_member, "rendez-vous individuel"),
        ("presentation", blocked_presentation, "changement d'étape"),
    ],
)
def test_a_deletion_that_would_rewrite_figures_is_refused(client_as, kind, make, blocker):
    record = make()
    client = client_as("incubateur")
    url = reverse(f"incubateur:{kind}_delete", args=[record.pk])
    content = client.get(url).content.decode()
    assert "ne peut pas être supprimée" in content and blocker in content.replace("&#x27;", "'")
    assert client.post(url).status_code == 200
    assert type(record).objects.filter(pk=record.pk).exists()


def test_a_project_entered_by_mistake_goes_with_its_history_and_appointments(client_as):
    project = ProjectFactory(history=[(Stage.IDEE, D(2020, 3, 1)), (Stage.PRE_INCUBATION, D(2020, 5, 1))])
    AppointmentFactory.create_batch(2, project=project)
    client = client_as("incubateur")
    content = client.get(reverse("incubateur:project_delete", args=[project.pk])).content.decode()
    assert "2 changements d&#x27;étape" in content and "2 rendez-vous individuels" in content
    client.post(reverse("incubateur:project_delete", args=[project.pk]))
    assert not type(project).objects.filter(pk=project.pk).exists()
    assert not StageChange.objects.exists() and not Appointment.objects.exists()


def test_a_structure_keeps_its_organisation(client_as):
    structure = CreatedStructureFactory(organisation=OrganisationFactory(name="Recyclerie du Seignanx"))
    client_as("incubateur").post(reverse("incubateur:structure_delete", args=[structure.pk]))
    assert structure.organisation.__class__.objects.filter(name="Recyclerie du Seignanx").exists()
