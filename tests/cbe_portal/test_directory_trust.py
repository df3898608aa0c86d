"""The directory as its users meet it: lists that page with their search and sort, look-alikes
caught before they become duplicates, and duplicates merged without losing anything."""

import datetime
import re

from django.urls import reverse

from cbe_portal.models import MergeRecord, Organisation, Person
from tests.factories import CommuneFactory, ContactFactory, OrganisationFactory, PersonFactory


def next_page_href(html: str) -> str:
    [href] = re.findall(r'<a class="page-link" href="([^"]+)" rel="next"', html)
    return href.replace("&amp;", "&")


def test_page_two_keeps_the_search_and_the_sort(client_as):
    for n in range(30):
        PersonFactory(last_name=f"Martin{n:02d}", first_name="Léa")
    PersonFactory.create_batch(5, last_name="Durand")
    client = client_as("coordination")
    url = reverse("cbe_portal:person_list")
    first = client.get(url, {"q": "martin", "tri": "-nom"})
    html = first.content.decode()
    assert "30 résultats" in html
    assert 'aria-sort="descending"' in html
    second = client.get(url + next_page_href(html))
    names = [person.last_name for person in second.context["page"]]
    assert names == [f"Martin{n:02d}" for n in range(4, -1, -1)]  # the last 5 in descending order


def test_a_namesake_needs_a_confirmation_then_is_created(client_as):
    existing = PersonFactory(first_name="Aïcha", last_name="Benali", birth_date=datetime.date(1990, 5, 4))
    client = client_as("coordination")
    data = {"first_name": "aicha", "last_name": "BENALI", "gender": "F", "birth_date": "1990-05-04"}
    refused = client.post(reverse("cbe_portal:person_create"), data)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Une personne de mêmes nom, prénom et date de naissance" in html
    assert existing.get_absolute_url() in html
    assert Person.objects.count() == 1
    created = client.post(reverse("cbe_portal:person_create"), {**data, "confirm_duplicate": "on"})
    assert created.status_code == 302
    assert Person.objects.count() == 2


def test_a_namesake_another_programme_follows_is_counted_not_named(client_as):
    from tests.gpect.factories import MatchFactory

    MatchFactory(person=PersonFactory(first_name="Jean", last_name="Lafitte", birth_date=datetime.date(1980, 1, 1)))
    data = {"first_name": "Jean", "last_name": "Lafitte", "gender": "M", "birth_date": "1980-01-01"}
    html = client_as("plie").post(reverse("cbe_portal:person_create"), data).content.decode()
    assert "1 fiche de même nom suivie par un autre programme" in html
    assert Person.objects.count() == 1


def test_an_existing_siret_is_refused_with_a_link(client_as):
    existing = OrganisationFactory(name="Scop du Port", siret="73282932000074")
    data = {"name": "Autre nom", "kind": "scop", "siret": "73282932000074", "commune": existing.commune_id}
    html = client_as("gpect").post(reverse("cbe_portal:organisation_create"), data).content.decode()
    assert f'<a href="{existing.get_absolute_url()}">Scop du Port</a>' in html
    assert Organisation.objects.count() == 1


def test_la_poste_establishments_siret_is_accepted(client_as):
    # La Poste's establishments share the SIREN 356 000 000; their SIRET's digits add up to a multiple of 5.
    data = {"name": "Bureau de poste de Tarnos", "kind": "etablissement_public", "siret": "35600000000048"}
    assert client_as("gpect").post(reverse("cbe_portal:organisation_create"), data).status_code == 302
    data = {"name": "Bureau de poste d'Ondres", "kind": "etablissement_public", "siret": "35600000000100"}
    assert client_as("gpect").post(reverse("cbe_portal:organisation_create"), data).status_code == 302


def test_a_phone_number_must_be_one(client_as):
    data = {"first_name": "Paul", "last_name": "Etcheverry", "gender": "M", "phone": "pas de téléphone"}
    response = client_as("plie").post(reverse("cbe_portal:person_create"), data)
    assert "Saisissez un numéro de téléphone" in response.content.decode()
    assert not Person.objects.exists()


def test_no_gender_is_preselected(client_as):
    html = client_as("plie").get(reverse("cbe_portal:person_create")).content.decode()
    gender_select = re.search(r'<select name="gender".*?</select>', html, re.S).group()
    assert "selected" not in gender_select.replace('value="" selected', "")


def test_merging_two_people_moves_every_record_and_is_recorded(client_as):
    from tests.gpect.factories import MatchFactory
    from tests.plie.factories import ParcoursFactory

    kept = PersonFactory(first_name="Marie", last_name="Duval", phone="")
    twin = PersonFactory(first_name="Marie", last_name="Duval", phone="05 59 64 44 54")
    ParcoursFactory(person=twin)
    MatchFactory(person=twin)
    ContactFactory(person=twin)
    client = client_as("coordination")
    url = reverse("cbe_portal:person_merge", args=[kept.pk])
    preview = client.post(url, {"other": twin.pk})
    assert "Confirmer la fusion" in preview.content.decode()
    assert Person.objects.filter(pk=twin.pk).exists()
    response = client.post(url, {"other": twin.pk, "confirmed": "True"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=twin.pk).exists()
    kept.refresh_from_db()
    assert kept.phone == "05 59 64 44 54"
    assert kept.plie_parcours.count() == 1 and kept.gpect_matches.count() == 1 and kept.contacts.count() == 1
    record = MergeRecord.objects.get()
    assert (record.kept_id, record.removed_id, record.kind) == (kept.pk, twin.pk, "person")
    assert sum(record.moved.values()) == 3


def test_a_merge_that_would_break_a_rule_changes_nothing(client_as):
    from tests.plie.factories import ParcoursFactory

    kept, twin = PersonFactory(), PersonFactory()
    ParcoursFactory(person=kept)
    ParcoursFactory(person=twin)  # two open pathways cannot belong to one person
    client = client_as("coordination")
    response = client.post(reverse("cbe_portal:person_merge", args=[kept.pk]), {"other": twin.pk, "confirmed": "True"})
    assert "Fusion impossible" in response.content.decode()
    assert twin.plie_parcours.count() == 1 and Person.objects.count() == 2
    assert not MergeRecord.objects.exists()


def test_merging_organisations_keeps_their_people(client_as):
    commune = CommuneFactory()
    kept, twin = OrganisationFactory(commune=commune), OrganisationFactory(commune=commune, siret="73282932000074")
    ContactFactory(organisation=twin)
    client = client_as("coordination")
    client.post(reverse("cbe_portal:organisation_merge", args=[kept.pk]), {"other": twin.pk, "confirmed": "True"})
    kept.refresh_from_db()
    assert kept.siret == "73282932000074" and kept.contacts.count() == 1
    assert not Organisation.objects.filter(pk=twin.pk).exists()


def test_the_people_export_is_what_the_list_shows_neutralised_and_recorded(client_as):
    import csv
    import io

    from cbe_portal.models import AccessLog

    PersonFactory(last_name="Martin", first_name="Léa", phone="05 59 64 44 54")
    formula = PersonFactory(last_name="Martinez", first_name="Ana")
    Person.objects.filter(pk=formula.pk).update(email='=HYPERLINK("http://ev.il","x")')  # an old record
    PersonFactory(last_name="Durand")
    client = client_as("coordination")
    response = client.get(reverse("cbe_portal:person_list"), {"q": "mart", "tri": "-nom", "export": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert [row["Nom"] for row in rows] == ["Martinez", "Martin"]
    assert rows[0]["Courriel"] == '\'=HYPERLINK("http://ev.il","x")'
    assert AccessLog.objects.filter(action="export").count() == 2
