"""The rights of the people followed: access, erasure, retention; and who read their file."""

import datetime
import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cbe_portal import gdpr
from cbe_portal.models import AccessLog, Person
from tests.factories import ContactFactory, PersonFactory


def test_the_export_holds_every_record_of_the_person_and_nothing_of_anyone_else(client_as):
    from tests.gpect.factories import MatchFactory
    from tests.plie.factories import ParcoursFactory

    person = PersonFactory(first_name="Inès", last_name="Etchart")
    other = PersonFactory(first_name="Zoé", last_name="Lamarque")
    mine = [ParcoursFactory(person=person), MatchFactory(person=person), ContactFactory(person=person)]
    ParcoursFactory(person=other)
    response = client_as("coordination").get(
        reverse("cbe_portal:person_privacy", args=[person.pk]), {"export": "json"}
    )
    document = json.loads(response.content)
    assert document["personne"]["last_name"] == "Etchart"
    ids = {(label.split(".")[0], row["id"]) for label, rows in document["enregistrements"].items() for row in rows}
    assert ids == {(record._meta.app_label, record.pk) for record in mine}
    assert "Lamarque" not in response.content.decode()
    assert AccessLog.objects.filter(person=person, action="export").count() == 1


def test_anonymising_keeps_the_published_figures(client_as):
    from cbe_portal import publication
    from tests.factories import UserFactory
    from tests.plie.factories import ParcoursFactory

    person = PersonFactory(first_name="Jon", last_name="Arrieta", gender="M", birth_date=datetime.date(1969, 8, 30),
                           email="jon@example.org")  # fmt: skip
    ParcoursFactory(person=person, entry_date=datetime.date(2020, 2, 3))
    before = publication.draft_edition(2020).figures["plie"]
    client_as("coordination").post(reverse("cbe_portal:person_anonymise", args=[person.pk]))
    person.refresh_from_db()
    assert "Arrieta" not in str(person) and person.email == "" and person.birth_date == datetime.date(1969, 1, 1)
    assert publication.draft_edition(2020).figures["plie"] == before
    UserFactory()  # nothing else to check: the figures are the same


def test_retention_anonymises_people_last_seen_three_years_ago_only():
    from plie.models import ExitType
    from tests.plie.factories import ParcoursFactory

    moved = ExitType.objects.get_or_create(name="Déménagement", defaults={"category": "administrative"})[0]
    today = timezone.localdate()
    old = PersonFactory(last_name="Ancien")
    recent = PersonFactory(last_name="Recent")
    for person, years_ago in ((old, 3), (recent, 1)):
        entry, exit_date = today.replace(year=today.year - years_ago - 1), today.replace(year=today.year - years_ago)
        ParcoursFactory(person=person, entry_date=entry, exit_date=exit_date, exit_type=moved)
    Person.objects.filter(pk__in=[old.pk, recent.pk]).update(created_at=timezone.now() - datetime.timedelta(days=2000))
    AccessLog.objects.create(person=recent, action="view", what="x")
    AccessLog.objects.filter(person=recent).update(at=timezone.now() - datetime.timedelta(days=400))
    output = StringIO()
    call_command("retention", "--dry-run", stdout=output)
    assert "1 personne(s)" in output.getvalue()
    assert Person.objects.get(pk=old.pk).last_name == "Ancien"
    call_command("retention", stdout=StringIO())
    assert Person.objects.get(pk=old.pk).anonymised_on == today
    assert Person.objects.get(pk=recent.pk).last_name == "Recent"
    assert not AccessLog.objects.exists()


def test_reading_a_participant_page_is_recorded(client_as):
    from tests.plie.factories import ParcoursFactory

    pathway = ParcoursFactory()
    client = client_as("plie")
    client.get(pathway.get_absolute_url())
    client.get(pathway.person.get_absolute_url())
    log = AccessLog.objects.filter(person=pathway.person).values_list("action", flat=True)
    assert list(log) == ["view", "view"]
    page = client_as("coordination").get(reverse("cbe_portal:person_privacy", args=[pathway.person.pk]))
    assert page.content.decode().count("<td>Consultation</td>") == 2
    assert gdpr.ANONYMOUS_NAME not in page.content.decode()


def test_every_change_of_a_person_is_kept_with_who_and_when(client_as):
    from tests.factories import UserFactory

    editor = UserFactory(roles=["plie"], first_name="Nora", last_name="Iriarte")
    person = PersonFactory(first_name="Luc", last_name="Bidart", phone="")
    client_as("coordination")
    from django.test import Client

    client = Client()
    client.force_login(editor)
    data = {"first_name": "Luc", "last_name": "Bidart", "gender": "M", "phone": "05 59 64 44 54",
            "loaded_version": person.updated_at.isoformat()}  # fmt: skip
    assert client.post(reverse("cbe_portal:person_edit", args=[person.pk]), data).status_code == 302
    Person.objects.filter(pk=person.pk).update(address="1 rue du Port")  # even a raw update is kept
    page = client_as("coordination").get(reverse("cbe_portal:person_privacy", args=[person.pk])).content.decode()
    assert "Nora Iriarte" in page and "Modification" in page and "Création" in page
    assert "05 59 64 44 54" in page and "1 rue du Port" in page


def test_anonymising_also_erases_the_names_from_the_history(client_as):
    person = PersonFactory(first_name="Maialen", last_name="Harriet")
    ContactFactory(person=person, email="maialen@example.org")
    client_as("coordination").post(reverse("cbe_portal:person_anonymise", args=[person.pk]))
    page = client_as("coordination").get(reverse("cbe_portal:person_privacy", args=[person.pk])).content.decode()
    assert "Harriet" not in page and "maialen@example.org" not in page


def test_a_deleted_record_of_the_person_stays_in_the_history(client_as):
    from tests.plie.factories import ParcoursFactory

    pathway = ParcoursFactory()  # opened by mistake
    person = pathway.person
    client_as("plie").post(reverse("plie:parcours_delete", args=[pathway.pk]))
    assert not type(pathway).objects.filter(pk=pathway.pk).exists()
    page = client_as("coordination").get(reverse("cbe_portal:person_privacy", args=[person.pk])).content.decode()
    assert "Suppression" in page and "Création" in page
