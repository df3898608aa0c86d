"""The staff pages: lists a person can page, filter and sort; every record edited and deleted by
an editor only, never when a published figure counts it; years that are never a 500."""

import datetime
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cbe_portal.models import StoredFile
from cbe_portal.years import latest_complete_year
from ptce.models import Declaration, LockedYear, Membership, Project, Publication, Theme
from tests.ptce.factories import (
    DeclarationFactory,
    MembershipFactory,
    ProjectFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.ptce.test_forms import FIGURES, PDF


def link(page, text: str) -> str:
    """The href of the link whose text is `text`, as a browser would follow it."""
    match = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{re.escape(text)}</a>', page.content.decode())
    assert match, f"no link « {text} »"
    return html.unescape(match.group(1))


def names(page) -> list[str]:
    return [row.organisation.name if hasattr(row, "organisation") else row.name for row in page.context["page"]]


def test_page_two_keeps_the_filter_and_the_search(client_as):
    for i in range(30):
        MembershipFactory(organisation__name=f"Scop {i:02}")
    for i in range(5):
        MembershipFactory(organisation__name=f"Scop sortie {i}", left_on=datetime.date(2020, 1, 1))
    MembershipFactory(organisation__name="Association du Port")
    client = client_as("ptce-lecture")
    url = reverse("ptce:membership_list")
    first = client.get(url, {"statut": "actif", "q": "scop"})
    assert "30 résultats, page 1 sur 2" in first.content.decode()
    second = client.get(url + link(first, "Page suivante"))
    assert second.context["page"].number == 2
    assert set(names(second)).isdisjoint(names(first))
    assert sorted(names(first) + names(second)) == [f"Scop {i:02}" for i in range(30)]


def test_sorting_by_a_column(client_as):
    MembershipFactory(organisation__name="Ancienne", joined_on=datetime.date(2014, 3, 20))
    MembershipFactory(organisation__name="Récente", joined_on=datetime.date(2020, 6, 15))
    MembershipFactory(organisation__name="Moyenne", joined_on=datetime.date(2017, 4, 3))
    client = client_as("ptce")
    url = reverse("ptce:membership_list")
    page = client.get(url)
    assert names(page) == ["Ancienne", "Moyenne", "Récente"]
    ascending = client.get(url + link(page, "Adhésion"))
    assert names(ascending) == ["Ancienne", "Moyenne", "Récente"]
    assert 'aria-sort="ascending"><a href="?tri=-adhesion"' in ascending.content.decode()
    descending = client.get(url + link(ascending, 'Adhésion <span aria-hidden="true">▲</span>'))
    assert names(descending) == ["Récente", "Moyenne", "Ancienne"]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_the_status_and_theme_links_filter_the_lists(client_as):
    MembershipFactory(organisation__name="Active")
    MembershipFactory(organisation__name="Observatrice", is_observer=True)
    MembershipFactory(organisation__name="Partie", left_on=datetime.date(2019, 12, 31))
    mobility = ThemeFactory(name="Mobilité")
    ProjectFactory(name="Vélo-école", theme=mobility)
    ProjectFactory(name="Recyclerie")
    client = client_as("ptce")
    url = reverse("ptce:membership_list")
    page = client.get(url, {"q": "a"})
    for label, expected in [("sorti du ptce", ["Partie"]), ("membre observateur", ["Observatrice"])]:
        href = link(page, label)
        assert href.startswith("?") and not href.startswith("??")
        assert names(client.get(url + href)) == expected
    everyone = client.get(url + link(client.get(url, {"statut": "sorti"}), "tous"))
    assert names(everyone) == ["Active", "Observatrice", "Partie"]
    url = reverse("ptce:project_list")
    href = link(client.get(url), "Mobilité")
    assert href.startswith("?") and not href.startswith("??")
    assert names(client.get(url + href)) == ["Vélo-école"]


def test_the_declaration_list_sorts_who_has_not_declared_first(client_as):
    declared, silent = MembershipFactory(organisation__name="A déclaré"), MembershipFactory(organisation__name="Muet")
    DeclarationFactory(membership=declared)
    client = client_as("ptce")
    url = reverse("ptce:declaration_list")
    page = client.get(url, {"annee": 2020})
    assert names(page) == ["A déclaré", "Muet"]
    page = client.get(url + link(page, "Déclaration"))
    assert names(page) == ["Muet", "A déclaré"] and silent.pk
    assert 'aria-sort="ascending"' in page.content.decode()
    assert '<option value="2020" selected>2020</option>' in page.content.decode()


def test_a_wrong_year_is_never_an_error(client_as):
    client = client_as("coordination")
    assert client.get(reverse("ptce:home")).context["year"] == latest_complete_year()
    for wrong in ("99999", "abc", "1999", ""):
        response = client.get(reverse("ptce:declaration_list"), {"annee": wrong})
        assert response.status_code == 200 and response.context["year"] == latest_complete_year()
    assert client.post("/espace/ptce/declarations/99999/verrouiller/").status_code == 404
    assert client.post(f"/espace/ptce/declarations/{datetime.date.today().year + 1}/verrouiller/").status_code == 404
    assert not LockedYear.objects.exists()


# Correct and delete: every record type, by an editor only -----------------------------------


def theme():
    record = ThemeFactory()
    return record, {"name": "Nouveau nom", "position": 1}, lambda r: r.name == "Nouveau nom"


def membership():
    record = MembershipFactory()
    return record, {"joined_on": "2015-01-01", "status": "observateur"}, lambda r: r.is_observer


def project():
    record = ProjectFactory()
    data = {"name": "Renommé", "theme": record.theme_id, "status": "en_cours"}
    return record, data, lambda r: r.name == "Renommé"


def publication():
    record = PublicationFactory()
    data = {"title": "Renommée", "kind": "brochure", "year": 2020, "link": "https://example.org/x"}
    return record, data, lambda r: r.title == "Renommée"


def declaration():
    record = DeclarationFactory()
    return record, {**FIGURES, "emplois": 20}, lambda r: r.emplois == 20


RECORDS = {"theme": theme, "membership": membership, "project": project, "publication": publication,
           "declaration": declaration}  # fmt: skip


@pytest.mark.parametrize("noun", RECORDS)
def test_an_editor_corrects_a_record_read_only_staff_and_others_cannot(client_as, noun):
    record, data, changed = RECORDS[noun]()
    url = reverse(f"ptce:{noun}_edit", args=[record.pk])
    for role, status in [("ptce-lecture", 403), ("plie", 404), ("partenaire", 404)]:
        assert client_as(role).post(url, {**data, "loaded_version": "x"}).status_code == status, role
        record.refresh_from_db()
        assert not changed(record)
    client = client_as("ptce")
    version = client.get(url).context["form"].initial["loaded_version"]
    assert client.post(url, {**data, "loaded_version": version}).status_code == 302
    record.refresh_from_db()
    assert changed(record)


@pytest.mark.parametrize("noun", RECORDS)
def test_an_editor_deletes_a_record_read_only_staff_and_others_cannot(client_as, noun):
    record, _, _ = RECORDS[noun]()
    url = reverse(f"ptce:{noun}_delete", args=[record.pk])
    for role, status in [("ptce-lecture", 403), ("plie", 404), ("membre", 404)]:
        assert client_as(role).post(url).status_code == status, role
        assert type(record).objects.filter(pk=record.pk).exists()
    client = client_as("ptce")
    page = client.get(url)
    assert "Cette suppression est définitive." in page.content.decode()
    assert client.post(url).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_the_lists_offer_to_correct_and_delete_to_editors_only(client_as):
    record = ThemeFactory()
    edit, delete = reverse("ptce:theme_edit", args=[record.pk]), reverse("ptce:theme_delete", args=[record.pk])
    page = client_as("ptce").get(reverse("ptce:theme_list")).content.decode()
    assert edit in page and delete in page
    page = client_as("ptce-lecture").get(reverse("ptce:theme_list")).content.decode()
    assert edit not in page and delete not in page


def test_what_a_figure_counts_cannot_be_deleted(client_as):
    declared = DeclarationFactory(membership__organisation__name="Scop du Port").membership
    used = ProjectFactory(name="Grândola").theme
    client = client_as("coordination")
    for record, url, blocker in [
        (
            declared,
            reverse("ptce:membership_delete", args=[declared.pk]),
            "déclaration annuelle « Scop du Port — 2020 »",
        ),
        (used, reverse("ptce:theme_delete", args=[used.pk]), "projet « Grândola »"),
    ]:
        page = client.get(url).content.decode()
        assert "Cette fiche ne peut pas être supprimée" in page and blocker in page
        assert client.post(url).status_code == 200
        assert type(record).objects.filter(pk=record.pk).exists()
    assert Declaration.objects.count() == 1 and Project.objects.count() == 1


def test_a_membership_without_declaration_goes_with_its_themes_only(client_as):
    record = MembershipFactory()
    record.themes.add(ThemeFactory())
    client_as("ptce").post(reverse("ptce:membership_delete", args=[record.pk]))
    assert not Membership.objects.exists() and Theme.objects.count() == 1


def test_a_locked_years_declarations_are_deleted_by_coordination_only(client_as):
    record = DeclarationFactory()
    LockedYear.objects.create(year=2020)
    url = reverse("ptce:declaration_delete", args=[record.pk])
    assert client_as("ptce").post(url).status_code == 403
    assert Declaration.objects.exists()
    assert client_as("coordination").post(url).status_code == 302
    assert not Declaration.objects.exists()


def test_a_deleted_publication_takes_its_file_along(client_as):
    client = client_as("ptce")
    upload = SimpleUploadedFile("livret.pdf", PDF, "application/pdf")
    client.post(
        reverse("ptce:publication_create"), {"title": "Livret", "kind": "brochure", "year": 2020, "file": upload}
    )
    record = Publication.objects.get()
    assert StoredFile.objects.filter(name=record.file.name).exists()
    client.post(reverse("ptce:publication_delete", args=[record.pk]))
    assert not Publication.objects.exists() and not StoredFile.objects.exists()
