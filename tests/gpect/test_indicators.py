import datetime

from gpect import indicators
from gpect.models import CompanyVisit, ContractType, EmployerAction
from tests.factories import OrganisationFactory, PersonFactory
from tests.gpect.factories import (
    CompanyVisitFactory,
    EmployerActionFactory,
    EmployerFactory,
    InsertionHoursFactory,
    JobOfferFactory,
    MarketFactory,
    MatchFactory,
    ProjectFactory,
    sector,
)


def test_every_open_data_key_is_there_and_empty_years_give_zero_or_none():
    figures = indicators.for_year(2020)
    assert set(indicators.OPEN_DATA_KEYS) <= set(figures)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == {
        "employeurs_mobilises": 0,
        "secteurs": 0,
        "offres_diffusees": 0,
        "mises_en_relation": 0,
        "visites_entreprises": 0,
        "participants_visites_ateliers": 0,
        "marches_clauses": 0,
        "personnes_clauses": 0,
        "heures_insertion": 0,
        "entreprises_clauses": 0,
        "part_contrats_professionnalisation": None,
    }
    assert len(figures["employeurs_par_secteur"]) == 13
    assert figures["heures_par_marche"] == []


def test_employers_mobilised_are_those_with_an_action_in_the_year_counted_once():
    btp, commerce = sector("BTP et éco-construction"), sector("Commerce")
    twice = EmployerFactory(sector=btp)
    EmployerActionFactory(employer=twice, date=datetime.date(2020, 1, 1))
    EmployerActionFactory(employer=twice, kind=EmployerAction.Kind.IMMERSION, date=datetime.date(2020, 12, 31))
    EmployerActionFactory(employer__sector=btp, date=datetime.date(2020, 6, 1))
    EmployerActionFactory(employer__sector=commerce, date=datetime.date(2020, 6, 1))
    EmployerActionFactory(employer__sector=commerce, date=datetime.date(2019, 12, 31))  # another year
    EmployerFactory(sector=commerce)  # never mobilised

    figures = indicators.for_year(2020)

    assert figures["employeurs_mobilises"] == 3
    assert figures["secteurs"] == 2
    by_sector = {row["label"]: row["value"] for row in figures["employeurs_par_secteur"]}
    assert by_sector["BTP et éco-construction"] == 2
    assert by_sector["Commerce"] == 1
    assert by_sector["Numérique"] == 0


def test_offers_matches_and_visits_of_the_year():
    offer = JobOfferFactory(date=datetime.date(2020, 11, 30))
    JobOfferFactory(date=datetime.date(2021, 1, 1))
    MatchFactory(offer=offer, date=datetime.date(2020, 12, 15))
    MatchFactory(offer=offer, date=datetime.date(2021, 1, 5))  # counted in the year of the match
    CompanyVisitFactory(date=datetime.date(2020, 2, 1), participants=14)
    CompanyVisitFactory(kind=CompanyVisit.Kind.ATELIER, date=datetime.date(2020, 7, 1), participants=21)
    CompanyVisitFactory(date=datetime.date(2019, 7, 1), participants=50)

    figures = indicators.for_year(2020)

    assert figures["offres_diffusees"] == 1
    assert figures["mises_en_relation"] == 1
    assert figures["visites_entreprises"] == 2
    assert figures["participants_visites_ateliers"] == 35


def test_clause_figures_count_people_companies_and_markets_once():
    anne, bruno, chloe = PersonFactory(), PersonFactory(), PersonFactory()
    school, roads = MarketFactory(hours_required=500), MarketFactory(hours_required=200)
    builder, painter = OrganisationFactory(), OrganisationFactory()
    InsertionHoursFactory(person=anne, company=builder, market=school, hours=300, is_professionalisation=True,
                          contract_type=ContractType.PROFESSIONNALISATION)  # fmt: skip
    InsertionHoursFactory(person=anne, company=painter, market=roads, hours=150)
    InsertionHoursFactory(person=bruno, company=builder, market=school, hours=250)
    InsertionHoursFactory(person=chloe, company=painter, market=roads, hours=64, is_professionalisation=True)
    MarketFactory(title="Marché sans heures encore", hours_required=100)
    InsertionHoursFactory(market__year=2019, hours=999, is_professionalisation=True)  # another year

    figures = indicators.for_year(2020)

    assert figures["marches_clauses"] == 2
    assert figures["personnes_clauses"] == 3
    assert figures["heures_insertion"] == 764
    assert figures["entreprises_clauses"] == 2
    assert figures["part_contrats_professionnalisation"] == 2 / 3
    assert {row["label"]: (row["value"], row["required"]) for row in figures["heures_par_marche"]} == {
        school.title: (550, 500),
        roads.title: (214, 200),
        "Marché sans heures encore": (0, 100),
    }


def test_for_year_runs_a_fixed_number_of_queries(django_assert_num_queries):
    InsertionHoursFactory.create_batch(3)
    EmployerActionFactory.create_batch(3)
    # actions, offers, matches, visits, hours, employers by sector, hours by market, projects
    with django_assert_num_queries(9):
        indicators.for_year(2020)


def test_projects_in_emergence_or_in_progress_with_their_partners():
    from gpect.models import Project

    filoha = ProjectFactory(name="FILOHA", status=Project.Status.EN_COURS, summary="Habitat social bas carbone")
    filoha.partners.set([OrganisationFactory(name="XL Habitat"), OrganisationFactory(name="COL")])
    ProjectFactory(name="Matières Communes", status=Project.Status.EMERGENCE)
    ProjectFactory(name="Ancienne étude", status=Project.Status.TERMINE)
    assert indicators.for_year(2020)["projets"] == [
        {"label": "FILOHA", "status": "En cours", "description": "Habitat social bas carbone",
         "organisations": ["COL", "XL Habitat"]},
        {"label": "Matières Communes", "status": "En émergence", "description": "", "organisations": []},
    ]  # fmt: skip
