"""Every record a PLIE editor creates, the editor corrects and deletes from the page where it shows;
read-only staff never (403), another programme's staff do not even see it (404); a deletion that
would change a past year's figures is refused with the page's explanation."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from plie.indicators import for_year
from plie.models import Attendance, CollectiveAction, Frein, Interview, MealAid, Parcours, Session, Step

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


def closed_pathway():
    return ParcoursFactory(entry_date=D(2020, 1, 15), exit_date=D(2020, 11, 30), exit_type=exit_type("autre"))


@dataclass
class Kind:
    """How to make one record, the page where it shows, a correction and how to see it was made."""

    make: Callable
    edit: str
    delete: str
    data: Callable[[object], dict]
    corrected: Callable[[object], bool]
    page: Callable[[object], str]

    def gone(self, record) -> bool:
        return not type(record).objects.filter(pk=record.pk).exists()


class ExitKind(Kind):
    """An exit lives on its pathway: deleting it is cancelling it (the pathway reopens)."""

    def gone(self, record) -> bool:
        record.refresh_from_db()
        return record.exit_date is None and record.exit_type is None


KINDS = {
    "parcours": Kind(
        make=lambda: ParcoursFactory(entry_date=D(2020, 1, 15)),
        edit="plie:parcours_edit",
        delete="plie:parcours_delete",
        data=lambda r: {"entry_date": "2020-01-15", "rsa": "on"},
        corrected=lambda r: r.rsa,
        page=lambda r: r.get_absolute_url(),
    ),
    "sortie": ExitKind(
        make=closed_pathway,
        edit="plie:exit_edit",
        delete="plie:exit_cancel",
        data=lambda r: {"exit_date": "2020-12-01", "exit_type": exit_type("positive").pk},
        corrected=lambda r: r.exit_date == D(2020, 12, 1) and r.exit_type.category == "positive",
        page=lambda r: r.get_absolute_url(),
    ),
    "frein": Kind(
        make=lambda: FreinFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15))),
        edit="plie:frein_edit",
        delete="plie:frein_delete",
        data=lambda r: {"theme": "sante", "identified_on": "2020-02-01", "comment": "Vu avec le médecin"},
        corrected=lambda r: (r.theme, r.identified_on) == ("sante", D(2020, 2, 1)),
        page=lambda r: r.parcours.get_absolute_url(),
    ),
    "etape": Kind(
        make=lambda: StepFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15))),
        edit="plie:step_edit",
        delete="plie:step_delete",
        data=lambda r: {"kind": "atelier", "title": "Atelier CV", "start_date": "2020-02-03"},
        corrected=lambda r: r.title == "Atelier CV",
        page=lambda r: r.parcours.get_absolute_url(),
    ),
    "entretien": Kind(
        make=lambda: InterviewFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15))),
        edit="plie:interview_edit",
        delete="plie:interview_delete",
        data=lambda r: {"date": "2020-02-03", "mode": "telephone", "subject": "Suivi"},
        corrected=lambda r: r.mode == "telephone",
        page=lambda r: r.parcours.get_absolute_url(),
    ),
    "action": Kind(
        make=CollectiveActionFactory,
        edit="plie:collective_action_edit",
        delete="plie:collective_action_delete",
        data=lambda r: {"name": "Théâtre et coaching"},
        corrected=lambda r: r.name == "Théâtre et coaching",
        page=lambda r: r.get_absolute_url(),
    ),
    "seance": Kind(
        make=SessionFactory,
        edit="plie:session_edit",
        delete="plie:session_delete",
        data=lambda r: {"date": "2020-10-06", "theme": "Improvisation"},
        corrected=lambda r: r.theme == "Improvisation",
        page=lambda r: r.action.get_absolute_url(),
    ),
    "aide": Kind(
        make=MealAidFactory,
        edit="plie:meal_aid_edit",
        delete="plie:meal_aid_delete",
        data=lambda r: {"beneficiary": r.beneficiary.pk, "date": "2020-03-02", "meals": "12"},
        corrected=lambda r: r.meals == 12,
        page=lambda r: reverse("plie:meal_aid_list") + "?annee=2020",
    ),
}


def post_edit(client, kind, record):
    data = {**kind.data(record), "loaded_version": record.updated_at.isoformat()}
    return client.post(reverse(kind.edit, args=[record.pk]), data)


@pytest.mark.parametrize("name", KINDS)
def test_an_editor_corrects_then_deletes_from_the_page_where_it_shows(client_as, name):
    kind, staff = KINDS[name], client_as("plie")
    record = kind.make()
    page = staff.get(kind.page(record)).content.decode()
    assert reverse(kind.edit, args=[record.pk]) in page
    assert reverse(kind.delete, args=[record.pk]) in page
    response = post_edit(staff, kind, record)
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert kind.corrected(record)
    assert staff.get(reverse(kind.delete, args=[record.pk])).status_code == 200  # the confirmation first
    assert not kind.gone(record)
    response = staff.post(reverse(kind.delete, args=[record.pk]))
    assert response.status_code == 302
    assert kind.gone(record)


@pytest.mark.parametrize("name", KINDS)
def test_read_only_staff_can_neither_correct_nor_delete(client_as, name):
    kind, reader = KINDS[name], client_as("plie-lecture")
    record = kind.make()
    page = reader.get(kind.page(record)).content.decode()
    assert reverse(kind.edit, args=[record.pk]) not in page
    assert reverse(kind.delete, args=[record.pk]) not in page
    assert post_edit(reader, kind, record).status_code == 403
    assert reader.post(reverse(kind.delete, args=[record.pk])).status_code == 403
    record.refresh_from_db()
    assert not kind.corrected(record)
    assert not kind.gone(record)


@pytest.mark.parametrize("name", KINDS)
def test_another_programme_does_not_see_the_record(client_as, name):
    kind, other = KINDS[name], client_as("gpect")
    record = kind.make()
    assert post_edit(other, kind, record).status_code == 404
    assert other.post(reverse(kind.delete, args=[record.pk])).status_code == 404
    record.refresh_from_db()
    assert not kind.corrected(record)
    assert not kind.gone(record)


# Deletions the figures forbid ----------------------------------------------------------------


def test_a_pathway_with_barriers_or_attendances_cannot_be_deleted(client_as):
    staff = client_as("plie")
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    FreinFactory(parcours=parcours, theme="mobilite")
    SessionFactory(action=CollectiveActionFactory(name="En forme pour l'emploi"), attendees=[parcours])
    url = reverse("plie:parcours_delete", args=[parcours.pk])
    content = staff.get(url).content.decode()
    assert "Cette fiche ne peut pas être supprimée" in content
    assert "frein périphérique « Mobilité »" in content
    assert "présence à une séance « En forme pour l&#x27;emploi le 06/10/2020 »" in content
    response = staff.post(url)
    assert response.status_code == 200
    assert Parcours.objects.filter(pk=parcours.pk).exists()
    assert for_year(2020)["participants_actions_collectives"] == 1


def test_a_pathway_deleted_takes_its_steps_and_interviews_along(client_as):
    staff = client_as("plie")
    parcours = ParcoursFactory(entry_date=D(2020, 1, 15))
    StepFactory(parcours=parcours)
    InterviewFactory.create_batch(2, parcours=parcours)
    url = reverse("plie:parcours_delete", args=[parcours.pk])
    content = staff.get(url).content.decode()
    assert "1 étape de parcours" in content
    assert "2 entretiens" in content
    assert staff.post(url)["Location"] == reverse("plie:parcours_list")
    assert not (Parcours.objects.exists() or Step.objects.exists() or Interview.objects.exists())


def test_an_action_with_sessions_cannot_be_deleted(client_as):
    staff = client_as("plie")
    session = SessionFactory(theme="Bouger au quotidien")
    url = reverse("plie:collective_action_delete", args=[session.action.pk])
    assert "séance « " in staff.get(url).content.decode()
    assert staff.post(url).status_code == 200
    assert CollectiveAction.objects.exists()
    assert for_year(2020)["seances_collectives"] == 1


def test_a_session_deleted_takes_its_attendances_not_the_pathways(client_as):
    staff = client_as("plie")
    pathways = ParcoursFactory.create_batch(2, entry_date=D(2020, 1, 15))
    session = SessionFactory(attendees=pathways)
    url = reverse("plie:session_delete", args=[session.pk])
    assert "2 présences à des séances" in staff.get(url).content.decode()
    staff.post(url)
    assert not Session.objects.exists()
    assert not Attendance.objects.exists()
    assert Parcours.objects.count() == 2


def test_a_barrier_and_a_meal_aid_delete_alone(client_as):
    staff = client_as("plie")
    frein, aid = FreinFactory(), MealAidFactory()
    staff.post(reverse("plie:frein_delete", args=[frein.pk]))
    staff.post(reverse("plie:meal_aid_delete", args=[aid.pk]))
    assert not Frein.objects.exists()
    assert not MealAid.objects.exists()
    assert Parcours.objects.filter(pk=frein.parcours.pk).exists()
    assert type(aid.beneficiary).objects.filter(pk=aid.beneficiary.pk).exists()
