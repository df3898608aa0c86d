"""The incubator's imports: receptions and projects, one line per person as their lists export them,
matched not duplicated, saved through the staff forms (stage changes, ages, the published-year
lock), every bad cell reported, all or nothing; the project list's export imports back."""

import datetime

import pytest
from django.urls import reverse

from cbe_portal import imports
from cbe_portal.models import Person
from cbe_portal.publication import LOCKED_MESSAGE, publish
from incubateur.models import Project, Reception, Stage, StageChange
from tests.factories import PersonFactory, UserFactory

WHOLE_LINE = "(ligne entière)"
PROJECT_HEADERS = "Projet;Thématique;Étape actuelle;Depuis le;Nom du porteur ou de la porteuse;Prénom;Description"
PROJECTS = [
    "Recyclerie du Seignanx;Réemploi et économie circulaire;Pré-incubation;01/03/2021;Benali;Aïcha;Une recyclerie",
    "Recyclerie du Seignanx;reemploi;;;Etxeberri;Jon;",  # a second holder of the same project
    "Tiers-lieu d'Ondres;Tiers-lieux;;15/06/2021;durand;LÉA;",  # an idea, held by a person of the directory
]
RECEPTION_HEADERS = "Date;Nom;Prénom;Idée discutée;Connaissance de l'incubateur par;Suite donnée;Projet"
RECEPTIONS = [
    "10/02/2021;Benali;Aïcha;Une recyclerie;Bouche-à-oreille;Entrée en pré-incubation;Recyclerie du Seignanx",
    "10/02/2021;Etxeberri;Jon;une RECYCLERIE;bouche_a_oreille;pre_incubation;Recyclerie du Seignanx",
    "03/05/2021;Martin;Paul;Un café associatif;Presse;Sans suite;",
]


def run(name: str, lines: list[str], headers: str, user=None) -> imports.Result:
    content = "\n".join([headers, *lines]) + "\n"
    fmt = imports.formats()[name]
    return imports.run(fmt, content.encode(), f"{name}.csv", user or UserFactory(roles=["incubateur"]), False)


def problems(result) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in result.problems]


def snapshot() -> list:
    return [
        list(Person.objects.order_by("pk").values()),
        list(Project.objects.order_by("pk").values()),
        sorted(Project.holders.through.objects.values_list("project_id", "person_id")),
        list(StageChange.objects.order_by("pk").values("project_id", "stage", "date", "previous_stage")),
        list(Reception.objects.order_by("pk").values()),
        sorted(Reception.persons.through.objects.values_list("reception_id", "person_id")),
    ]


@pytest.fixture
def lea():
    return PersonFactory(first_name="Léa", last_name="Durand", birth_date=datetime.date(1985, 3, 12))


def test_projects_and_receptions_are_created_one_line_per_person(lea):
    result = run("projets-incubateur", PROJECTS, PROJECT_HEADERS)
    assert result.ok, result.problems
    assert result.counts == {"created": 2, "updated": 1, "unchanged": 0}
    recyclerie = Project.objects.get(name="Recyclerie du Seignanx")
    assert sorted(str(holder) for holder in recyclerie.holders.all()) == ["Aïcha Benali", "Jon Etxeberri"]
    assert (recyclerie.stage, recyclerie.theme, recyclerie.description) == (
        "pre_incubation",
        "reemploi",
        "Une recyclerie",
    )
    change = recyclerie.stage_changes.get()
    assert (change.date, change.reason) == (datetime.date(2021, 3, 1), "Entrée dans le Tube à ESS'ai.")
    tiers_lieu = Project.objects.get(name="Tiers-lieu d'Ondres")
    assert (tiers_lieu.stage, list(tiers_lieu.holders.all())) == (Stage.IDEE, [lea])
    assert Person.objects.count() == 3

    result = run("accueils-incubateur", RECEPTIONS, RECEPTION_HEADERS)
    assert result.counts == {"created": 2, "updated": 1, "unchanged": 0}, result.problems
    reception = Reception.objects.get(date=datetime.date(2021, 2, 10))
    assert (reception.project, reception.persons.count()) == (recyclerie, 2)
    assert Person.objects.count() == 4  # Paul Martin added to the directory


def test_importing_the_same_files_again_leaves_everything_alone(lea):
    assert run("projets-incubateur", PROJECTS, PROJECT_HEADERS).ok
    assert run("accueils-incubateur", RECEPTIONS, RECEPTION_HEADERS).ok
    before = snapshot()
    assert run("projets-incubateur", PROJECTS, PROJECT_HEADERS).counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert run("accueils-incubateur", RECEPTIONS, RECEPTION_HEADERS).counts == {
        "created": 0, "updated": 0, "unchanged": 3,
    }  # fmt: skip
    assert snapshot() == before


def test_the_project_list_export_imports_back_the_same_projects(lea, client_as):
    """Round trip: the list's export (one row per holder) imported again leaves every project, holder
    and stage as it is, nothing duplicated."""
    assert run("projets-incubateur", PROJECTS, PROJECT_HEADERS).ok
    before = snapshot()
    exported = client_as("incubateur").get(reverse("incubateur:project_list"), {"export": "csv"}).content
    assert exported.decode("utf-8-sig").count("\n") == 4  # a header and one row per holder
    fmt = imports.formats()["projets-incubateur"]
    result = imports.run(fmt, exported, "projets.csv", UserFactory(roles=["incubateur"]), dry_run=False)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert snapshot() == before


def test_the_reception_list_export_imports_back_unchanged(lea, client_as):
    assert run("projets-incubateur", PROJECTS, PROJECT_HEADERS).ok
    assert run("accueils-incubateur", RECEPTIONS, RECEPTION_HEADERS).ok
    before = snapshot()
    exported = client_as("incubateur").get(reverse("incubateur:reception_list"), {"export": "csv"}).content
    fmt = imports.formats()["accueils-incubateur"]
    result = imports.run(fmt, exported, "accueils.csv", UserFactory(roles=["incubateur"]), dry_run=False)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert snapshot() == before


def test_a_line_at_another_stage_moves_the_project_through_the_stage_change_rules(lea):
    assert run("projets-incubateur", PROJECTS, PROJECT_HEADERS).ok
    result = run("projets-incubateur", ["Recyclerie du Seignanx;reemploi;Incubation;01/09/2021;;;"], PROJECT_HEADERS)
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    recyclerie = Project.objects.get(name="Recyclerie du Seignanx")
    assert [change.stage for change in recyclerie.stage_changes.all()] == ["pre_incubation", "incubation"]
    result = run("projets-incubateur", [
        "Recyclerie du Seignanx;reemploi;Idée;01/10/2021;;;",  # backwards: a reason is needed
        "Recyclerie du Seignanx;reemploi;Lancement;01/01/2021;;;",  # before the latest change
        "Recyclerie du Seignanx;reemploi;Lancement;;;;",
    ], PROJECT_HEADERS)  # fmt: skip
    assert [(line, column) for line, column, _, _ in problems(result)] == [
        (2, "Étape actuelle"), (3, "Depuis le"), (4, "Depuis le"),
    ]  # fmt: skip
    assert "retour en arrière" in problems(result)[0][3] and "ne peut pas être antérieur" in problems(result)[1][3]
    assert recyclerie.stage_changes.count() == 2


def test_every_bad_line_is_reported_and_a_bad_last_line_writes_nothing(lea):
    before = snapshot()
    result = run("projets-incubateur", [
        *PROJECTS,  # good, but the file is refused as a whole
        "Cantine solidaire;Astrologie;;01/03/2021;Petit;Zoé;",
        "Cantine solidaire;Alimentation et circuits courts;;;Petit;Zoé;",
        "Cantine solidaire;alimentation;;01/03/2021;;;",
        "Cantine solidaire;alimentation;;01/03/2021;Petit;;",
    ], PROJECT_HEADERS)  # fmt: skip
    assert problems(result) == [
        (5, "Thématique", "Astrologie", "valeur inconnue ; valeurs possibles : Alimentation et circuits courts, "
         "Réemploi et économie circulaire, Mobilité, Culture et lien social, Tiers-lieux, Habitat et "
         "éco-construction, Services aux habitants, Autre"),
        (6, "Depuis le", "", "Ce champ est obligatoire."),
        (7, "Nom du porteur ou de la porteuse", "", "Ce champ est obligatoire."),
        (8, "Prénom", "", "valeur obligatoire"),
    ]  # fmt: skip
    assert snapshot() == before


def test_a_published_year_is_refused_with_the_locks_message(lea):
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)
    result = run("accueils-incubateur", ["10/02/2020;Durand;Léa;Une recyclerie;Presse;Sans suite;"], RECEPTION_HEADERS)
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED_MESSAGE.format(year=2020))]
    result = run("projets-incubateur", ["Recyclerie;reemploi;Idée;01/03/2020;Durand;Léa;"], PROJECT_HEADERS)
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED_MESSAGE.format(year=2020))]
    assert not Reception.objects.exists() and not Project.objects.exists()


@pytest.mark.parametrize("name", ["accueils-incubateur", "projets-incubateur"])
@pytest.mark.parametrize(("role", "status"), [("incubateur", 200), ("coordination", 200), ("incubateur-lecture", 403),
                                              ("plie", 403)])  # fmt: skip
def test_only_incubator_editors_and_coordination_may_import(name, role, status, client_as):
    assert client_as(role).get(reverse("cbe_portal:import_upload", args=[name])).status_code == status
