import datetime

from incubateur import indicators
from incubateur.models import Committee, CreatedStructure, Stage
from tests.factories import OrganisationFactory, PersonFactory

from .factories import (
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
IDEE, PRE, INCUB, LANC, SORTI = (
    Stage.IDEE, Stage.PRE_INCUBATION, Stage.INCUBATION, Stage.LANCEMENT, Stage.SORTI
)  # fmt: skip


def by_label(rows):
    return {row["label"]: row["value"] for row in rows}


def test_empty_year_gives_zeros_not_errors():
    figures = indicators.for_year(2020)
    assert {key: figures[key] for key in indicators.OPEN_DATA_KEYS} == dict.fromkeys(indicators.OPEN_DATA_KEYS, 0)
    assert all(isinstance(figures[key], int) for key in indicators.OPEN_DATA_KEYS)
    assert sum(row["value"] for row in figures["projets_par_etape"]) == 0


def test_people_met_are_distinct_and_each_reception_is_one_idea():
    alice, bruno, chloe = PersonFactory.create_batch(3)
    ReceptionFactory(date=D(2020, 1, 10), persons=[alice, bruno])
    ReceptionFactory(date=D(2020, 6, 10), persons=[alice])  # met again: counted once
    ReceptionFactory(date=D(2020, 12, 31), persons=[chloe])
    ReceptionFactory(date=D(2019, 12, 31), persons=[PersonFactory()])  # another year
    ReceptionFactory(date=D(2021, 1, 1), persons=[PersonFactory()])
    figures = indicators.for_year(2020)
    assert (figures["personnes_accueillies"], figures["idees"]) == (3, 3)


def test_committees_presentations_and_holders():
    holders = PersonFactory.create_batch(3)
    first, second = CommitteeFactory(date=D(2020, 2, 13)), CommitteeFactory(date=D(2020, 10, 8))
    adjourned = ProjectFactory(holders=holders[:2])
    PresentationFactory(committee=first, project=adjourned, decision=Committee.Decision.AJOURNE)
    PresentationFactory(committee=second, project=adjourned)  # presented twice: two presentations
    PresentationFactory(committee=second, project=ProjectFactory(holders=holders[1:]))
    PresentationFactory(committee=CommitteeFactory(date=D(2019, 10, 17)))
    figures = indicators.for_year(2020)
    assert figures["comites_orientation"] == 2
    assert figures["projets_presentes"] == 3
    assert figures["porteurs_presentes"] == 3


def test_new_incubations_count_the_first_entry_only():
    ProjectFactory(history=[(PRE, D(2019, 5, 1)), (INCUB, D(2020, 2, 13))])
    ProjectFactory(history=[(PRE, D(2020, 5, 1)), (INCUB, D(2020, 10, 8)), (LANC, D(2020, 12, 1))])
    # Incubated in 2019, back to pré-incubation, incubated again in 2020: not new in 2020.
    ProjectFactory(history=[(INCUB, D(2019, 3, 21)), (PRE, D(2019, 9, 1)), (INCUB, D(2020, 3, 1))])
    ProjectFactory(history=[(PRE, D(2020, 5, 1))])
    assert indicators.for_year(2020)["nouveaux_projets_incubes"] == 2
    assert indicators.for_year(2019)["nouveaux_projets_incubes"] == 1


def test_projects_accompanied_on_at_least_one_day_of_the_year():
    across = ProjectFactory(
        theme="reemploi", history=[(IDEE, D(2019, 1, 5)), (PRE, D(2019, 6, 1)), (INCUB, D(2020, 2, 1))]
    )
    ProjectFactory(
        theme="mobilite", history=[(PRE, D(2019, 3, 1)), (SORTI, D(2020, 1, 2))]
    )  # accompanied on 1 January
    ProjectFactory(history=[(PRE, D(2019, 3, 1)), (SORTI, D(2020, 1, 1))])  # left on 1 January: not in 2020
    ProjectFactory(history=[(LANC, D(2018, 3, 1)), (SORTI, D(2019, 12, 31))])  # 2019 only
    ProjectFactory(history=[(IDEE, D(2020, 1, 1))])  # an idea is not accompanied
    ProjectFactory(history=[(PRE, D(2020, 12, 31))])  # from the last day
    ProjectFactory(history=[(PRE, D(2021, 1, 1))])  # not yet
    # Back to the idea stage in February: accompanied in January.
    ProjectFactory(history=[(PRE, D(2019, 9, 1)), (IDEE, D(2020, 2, 1))])
    assert indicators.for_year(2020)["projets_accompagnes"] == 4
    assert indicators.for_year(2019)["projets_accompagnes"] == 5  # `across` counts in both years
    by_theme = by_label(indicators.for_year(2020)["projets_accompagnes_par_theme"])
    assert by_theme["Réemploi et économie circulaire"] == 1
    assert by_theme["Mobilité"] == 1
    assert by_theme["Autre"] == 2
    assert across.stage == INCUB


def test_projects_by_stage_on_31_december():
    ProjectFactory(history=[(IDEE, D(2019, 1, 5)), (PRE, D(2020, 6, 1)), (INCUB, D(2021, 2, 1))])
    ProjectFactory(history=[(PRE, D(2020, 3, 1)), (INCUB, D(2020, 12, 31))])
    # Two changes on the same day: the later one wins.
    ProjectFactory(history=[(INCUB, D(2020, 3, 1)), (LANC, D(2020, 3, 1))])
    ProjectFactory(history=[(PRE, D(2021, 3, 1))])  # did not exist yet
    assert by_label(indicators.for_year(2020)["projets_par_etape"]) == {
        "Idée": 0, "Pré-incubation": 1, "Incubation": 1, "Lancement": 1, "Sorti": 0,
    }  # fmt: skip


def test_structures_jobs_sessions_and_trainings():
    CreatedStructureFactory(created_on=D(2020, 1, 1))
    CreatedStructureFactory(created_on=D(2020, 12, 31))
    CreatedStructureFactory(created_on=D(2020, 6, 1), legal_form=CreatedStructure.LegalForm.SCIC)
    CreatedStructureFactory(created_on=D(2019, 12, 31))
    CreatedJobFactory(number=2, date=D(2020, 9, 1))
    CreatedJobFactory(number=3, date=D(2020, 11, 1))
    CreatedJobFactory(number=4, date=D(2021, 1, 1))
    CollectiveTimeFactory.create_batch(2, date=D(2020, 5, 1))
    CollectiveTimeFactory(date=D(2019, 5, 1))
    TrainingFactory(finalised_on=D(2020, 11, 5))  # finalised in the year
    given = TrainingSessionFactory(date=D(2020, 12, 10)).training  # given in the year…
    TrainingSessionFactory(training=given, date=D(2020, 12, 17))  # …twice: still one training
    TrainingSessionFactory(training__finalised_on=D(2019, 12, 1), date=D(2020, 2, 1))
    TrainingFactory(finalised_on=D(2019, 11, 5))
    TrainingFactory()  # in preparation
    figures = indicators.for_year(2020)
    assert figures["associations_creees"] == 2
    assert figures["structures_creees"] == 3
    assert figures["emplois_crees"] == 5
    assert figures["temps_collectifs"] == 2
    assert figures["formations"] == 3
    assert indicators.for_year(2019)["formations"] == 2


def test_the_collective_on_31_december():
    CollectiveMemberFactory(organisation=OrganisationFactory(name="SCIC Interstices"), joined_on=D(2017, 3, 1))
    CollectiveMemberFactory(organisation=OrganisationFactory(name="IDRE"), joined_on=D(2020, 12, 31))
    CollectiveMemberFactory(organisation=OrganisationFactory(name="Plus tard"), joined_on=D(2021, 1, 4))
    CollectiveMemberFactory(
        organisation=OrganisationFactory(name="Partie"), joined_on=D(2017, 3, 1), left_on=D(2020, 12, 31)
    )
    CollectiveMemberFactory(
        organisation=OrganisationFactory(name="Partie en 2021"), joined_on=D(2017, 3, 1), left_on=D(2021, 1, 1)
    )
    figures = indicators.for_year(2020)
    assert figures["membres_collectif"] == 3
    assert figures["collectif"] == [{"label": "IDRE"}, {"label": "Partie en 2021"}, {"label": "SCIC Interstices"}]
    assert indicators.for_year(2019)["membres_collectif"] == 3  # « Partie » was still in, IDRE not yet
