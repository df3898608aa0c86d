"""Publishing a year: a draft only coordination sees, a publication that freezes the figures, the
texts and the PDF, a reopening with a reason, a new version whose changes are listed, an archive."""

import datetime
import json

import pytest
from django.urls import reverse

from cbe_portal import publication
from cbe_portal.models import EditorialText, PublishedReport
from tests.factories import UserFactory
from tests.ptce.factories import DeclarationFactory


def employees(client, year, **params):
    response = client.get(reverse("cbe_portal:open_data_json", args=[year]), params)
    assert response.status_code == 200
    return json.loads(response.content)["ptce"]["emplois"]


@pytest.fixture
def coordinator():
    return UserFactory(roles=["coordination"])


def test_an_unpublished_year_does_not_exist_publicly_but_coordination_previews_it(client, client_as):
    DeclarationFactory(year=2021, emplois=77)
    for url in [
        reverse("cbe_portal:report", args=[2021]),
        reverse("cbe_portal:report_pdf", args=[2021]),
        reverse("cbe_portal:open_data_json", args=[2021]),
        reverse("cbe_portal:open_data_csv", args=[2021]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.get(url, {"brouillon": "1"}).status_code == 404, url  # the public cannot ask for a draft
    coordination = client_as("coordination")
    draft = coordination.get(reverse("cbe_portal:report", args=[2021]), {"brouillon": "1"}).content.decode()
    assert "Brouillon" in draft and "77" in draft
    page = coordination.get(reverse("ptce:public"), {"annee": 2021, "brouillon": "1"}).content.decode()
    assert "Brouillon" in page
    assert employees(coordination, 2021, brouillon="1") == 77


def test_a_published_year_keeps_its_figures_when_records_change(client, coordinator):
    declaration = DeclarationFactory(year=2020, emplois=100)
    EditorialText.objects.create(year=2020, section="president", body="Une année de coopération.")
    publication.publish(2020, coordinator)
    # A raw update, past the year lock (as a database console would): the public side still reads the snapshot.
    declaration.__class__.objects.filter(pk=declaration.pk).update(emplois=999)
    EditorialText.objects.filter(year=2020).update(body="Texte changé après publication.")
    assert employees(client, 2020) == 100
    page = client.get(reverse("cbe_portal:report", args=[2020])).content.decode()
    assert "Une année de coopération." in page and "Texte changé" not in page
    assert "100" in client.get(reverse("ptce:public"), {"annee": 2020}).content.decode()


def test_the_stored_pdf_is_served_without_being_rebuilt(client, coordinator, monkeypatch):
    DeclarationFactory(year=2020, emplois=100)
    report = publication.publish(2020, coordinator)
    assert bytes(report.pdf).startswith(b"%PDF")

    def rebuild(*args, **kwargs):
        raise AssertionError("the PDF was rebuilt for a visitor")

    monkeypatch.setattr("cbe_portal.views.report.render_pdf", rebuild)
    response = client.get(reverse("cbe_portal:report_pdf", args=[2020]))
    assert response.status_code == 200 and response.content == bytes(report.pdf)


def test_reopen_correct_republish_lists_the_changes_and_keeps_the_first_version(client, client_as, coordinator):
    DeclarationFactory(year=2020, emplois=100)
    first = publication.publish(2020, coordinator)
    assert 2020 in publication.locked_years()
    coordination = client_as("coordination")
    refused = coordination.post(reverse("cbe_portal:publication_reopen", args=[2020]), {"reason": ""})
    assert refused.status_code == 200 and 2020 in publication.locked_years()
    coordination.post(reverse("cbe_portal:publication_reopen", args=[2020]), {"reason": "Déclaration corrigée"})
    assert 2020 not in publication.locked_years()
    DeclarationFactory(year=2020, emplois=20)
    coordination.post(reverse("cbe_portal:publication_publish", args=[2020]))
    second = publication.current(2020)
    assert second.version == 2
    assert {"programme": "ptce", "key": "emplois", "before": 100, "after": 120} in second.changes
    page = client.get(reverse("cbe_portal:report", args=[2020])).content.decode()
    assert "version 2" in page and "emplois" in page
    assert employees(client, 2020) == 120
    assert employees(client, 2020, version=1) == 100
    old_pdf = client.get(reverse("cbe_portal:report_pdf", args=[2020]), {"version": 1})
    assert old_pdf.content == bytes(first.pdf)
    archive = client.get(reverse("cbe_portal:report_archive")).content.decode()
    assert "?version=1" in archive and "?version=2" in archive


def test_public_pages_compare_with_the_previous_published_year(client, coordinator):
    DeclarationFactory(year=2018, emplois=10)
    DeclarationFactory(year=2020, emplois=30)
    publication.publish(2018, coordinator, build_pdf=False)
    publication.publish(2020, coordinator, build_pdf=False)
    page = client.get(reverse("ptce:public"), {"annee": 2020}).content.decode()
    assert "2018 : 10" in page.replace("\u00a0", " ")
    selector = page.split('name="annee"')[1].split("</select>")[0]
    assert "2018" in selector and "2020" in selector and "2019" not in selector
    home = client.get(reverse("cbe_portal:home")).content.decode()
    assert "Les programmes en 2020" in home


def test_only_coordination_publishes(client_as):
    assert client_as("plie").post(reverse("cbe_portal:publication_publish", args=[2020])).status_code == 403
    assert not PublishedReport.objects.exists()


def test_publishing_twice_without_reopening_is_refused(client_as, coordinator):
    publication.publish(2019, coordinator, build_pdf=False)
    response = client_as("coordination").post(reverse("cbe_portal:publication_publish", args=[2019]), follow=True)
    assert "déjà publié" in response.content.decode()
    assert PublishedReport.objects.filter(year=2019).count() == 1


def test_the_year_lock_refuses_a_change_and_leaves_the_figures(coordinator):
    from django.core.exceptions import ValidationError

    from tests.plie.factories import ParcoursFactory

    pathway = ParcoursFactory(entry_date=datetime.date(2020, 3, 2))
    publication.publish(2020, coordinator, build_pdf=False)
    pathway.entry_date = datetime.date(2020, 4, 2)
    with pytest.raises(ValidationError, match="L'année 2020 est publiée"):
        pathway.save()
    with pytest.raises(ValidationError, match="L'année 2020 est publiée"):
        ParcoursFactory(entry_date=datetime.date(2020, 6, 1))
    ParcoursFactory(entry_date=datetime.date(2021, 6, 1))  # a later year stays open


def test_a_small_health_count_is_masked_in_the_published_figures(client, coordinator):
    from plie.models import ExitType
    from tests.plie.factories import ParcoursFactory

    health, _ = ExitType.objects.get_or_create(name="Raisons de santé", defaults={"category": "autre"})
    ParcoursFactory(entry_date=datetime.date(2019, 3, 2), exit_date=datetime.date(2020, 5, 4), exit_type=health)
    publication.publish(2020, coordinator, build_pdf=False)
    page = client.get(reverse("plie:public"), {"annee": 2020}).content.decode()
    chart = page[page.index("Raisons de santé") :][:400]
    assert "moins de 5" in chart
    document = json.loads(client.get(reverse("cbe_portal:open_data_json", args=[2020])).content)
    assert all("santé" not in row["label"] for row in document["plie"]["sorties_par_type"])
