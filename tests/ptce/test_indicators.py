import datetime

import pytest

from ptce import indicators
from tests.ptce.factories import DeclarationFactory, MembershipFactory


def member(joined_on, left_on=None):
    return MembershipFactory(joined_on=datetime.date.fromisoformat(joined_on), left_on=left_on)


def test_members_on_31_december_and_new_members():
    member("2015-03-01")
    member("2020-01-01")  # new in 2020
    member("2020-12-31")  # new in 2020, member on 31 December
    member("2021-01-01")  # not yet
    member("2016-01-01", left_on=datetime.date(2020, 12, 31))  # left on 31 December: out
    member("2016-01-01", left_on=datetime.date(2021, 1, 1))  # still in on 31 December 2020
    member("2019-05-01", left_on=datetime.date(2019, 9, 1))  # came and went before
    figures = indicators.for_year(2020)
    assert figures["membres"] == 4
    assert figures["nouveaux_membres"] == 2
    assert indicators.for_year(2019)["membres"] == 3
    assert indicators.for_year(2019)["nouveaux_membres"] == 1


def test_sums_of_the_declarations_of_the_year_only():
    first, second = member("2015-01-01"), member("2018-01-01")
    DeclarationFactory(membership=first, year=2020, emplois=10, emplois_permanents=7, adherents=100,
                       chiffre_affaires=1_250_000, stagiaires_formes=40)  # fmt: skip
    DeclarationFactory(membership=second, year=2020, emplois=5, emplois_permanents=5, adherents=20,
                       chiffre_affaires=750_000, parcours_insertion=3)  # fmt: skip
    DeclarationFactory(membership=first, year=2019, emplois=99, emplois_permanents=1)
    figures = indicators.for_year(2020)
    assert figures == {
        "membres": 2,
        "nouveaux_membres": 0,
        "declarations": 2,
        "emplois": 15,
        "emplois_permanents": 12,
        "entreprises_partenaires": 0,
        "adherents": 120,
        "partenaires_exterieurs": 0,
        "stagiaires_formes": 40,
        "contrats_professionnalisation": 0,
        "parcours_insertion": 3,
        "porteurs_projet_accompagnes": 0,
        "chiffre_affaires": 2_000_000,
        "part_emplois_permanents": pytest.approx(0.8),
        "projets": [],
    }
    assert isinstance(figures["chiffre_affaires"], int)


def test_a_year_without_anything():
    figures = indicators.for_year(2020)
    assert set(indicators.OPEN_DATA_KEYS) <= set(figures)
    assert figures["membres"] == figures["emplois"] == figures["chiffre_affaires"] == 0
    assert figures["part_emplois_permanents"] is None


def test_by_year_runs_from_the_first_to_the_last_declared_year():
    assert indicators.by_year() == []
    DeclarationFactory(year=2017, emplois=3, membership__joined_on=datetime.date(2016, 1, 1))
    DeclarationFactory(year=2019, emplois=5, membership__joined_on=datetime.date(2018, 1, 1))
    years = indicators.by_year()
    assert [(y["annee"], y["emplois"], y["membres"]) for y in years] == [(2017, 3, 1), (2018, 0, 2), (2019, 5, 2)]


def test_for_year_takes_two_queries(django_assert_num_queries):
    DeclarationFactory.create_batch(3)
    with django_assert_num_queries(3):  # memberships aggregate, declarations aggregate, projects
        indicators.for_year(2020)


def test_projects_under_way_during_the_year_by_theme():
    from tests.ptce.factories import ProjectFactory, ThemeFactory

    jeunesse, habitat = ThemeFactory(name="Jeunesse", position=1), ThemeFactory(name="Éco-habitat", position=4)
    ProjectFactory(name="Metroloco", theme=jeunesse, started_on=datetime.date(2019, 6, 1), description="Saison 2")
    ProjectFactory(name="FILOHA", theme=habitat, status="termine", started_on=datetime.date(2018, 3, 1))
    ProjectFactory(name="Grândola", theme=habitat, status="emergence")  # undated: every year
    ProjectFactory(name="Plus tard", theme=jeunesse, started_on=datetime.date(2021, 1, 1))
    ProjectFactory(name="Fini avant", theme=jeunesse, ended_on=datetime.date(2019, 12, 31))
    assert indicators.for_year(2020)["projets"] == [
        {"label": "Metroloco", "theme": "Jeunesse", "status": "En cours", "description": "Saison 2"},
        {"label": "FILOHA", "theme": "Éco-habitat", "status": "Terminé", "description": ""},
        {"label": "Grândola", "theme": "Éco-habitat", "status": "En émergence", "description": ""},
    ]
    assert [project["label"] for project in indicators.for_year(2019)["projets"]] == [
        "Fini avant", "Metroloco", "FILOHA", "Grândola",
    ]  # fmt: skip
