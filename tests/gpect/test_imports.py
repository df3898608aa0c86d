"""The GPECT's imports: employers, offers and clause hours matched not duplicated, saved through the
staff forms (their rules, the published-year lock), every bad cell reported, all or nothing."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cbe_portal import imports
from cbe_portal.models import Organisation, Person
from cbe_portal.publication import LOCKED_MESSAGE, publish
from gpect import indicators
from gpect.models import Employer, InsertionHours, JobOffer, Market
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import EmployerActionFactory, EmployerFactory, JobOfferFactory, MarketFactory, sector

SIRET_A, SIRET_B = "32829320000007", "44123456700002"
LOCKED = LOCKED_MESSAGE.format(year=2020)
WHOLE_LINE = "(ligne entière)"


def run(name: str, lines: list[str], dry_run=False, user=None) -> imports.Result:
    """Import `lines` under the format's headers, in their documented order, as a GPECT editor."""
    fmt = imports.formats()[name]
    content = "\n".join([";".join(column.header for column in fmt.columns), *lines]) + "\n"
    return imports.run(fmt, content.encode(), f"{name}.csv", user or UserFactory(roles=["gpect"]), dry_run)


def problems(result) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in result.problems]


def publish_2020():
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)


# Employers ------------------------------------------------------------------------------------

EMPLOYERS = [
    # Nom;SIRET;Commune;Type;Secteur;Notes
    "Scierie Lafitte;;Tarnos;;btp et eco-construction;Recrute des coffreurs",  # a new organisation
    f"Otsokop;{SIRET_A[:3]} {SIRET_A[3:6]} {SIRET_A[6:9]} {SIRET_A[9:]};;;Commerce;",  # by SIRET, in groups
    "SCOP DU PORT;;tarnos;SCOP;Industrie;",  # by name and commune, accents and case ignored
]


def test_employers_are_created_with_their_organisations_matched_or_created():
    OrganisationFactory(name="Otsokop", siret=SIRET_A, commune=None)
    OrganisationFactory(name="Scop du Port", commune=CommuneFactory())
    result = run("employeurs-gpect", EMPLOYERS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert Organisation.objects.count() == 3
    scierie = Employer.objects.get(organisation__name="Scierie Lafitte")
    assert (scierie.sector.name, scierie.notes) == ("BTP et éco-construction", "Recrute des coffreurs")
    assert (scierie.organisation.kind, scierie.organisation.commune.name) == ("entreprise", "Tarnos")
    assert Employer.objects.get(organisation__siret=SIRET_A).sector.name == "Commerce"


def test_employers_imported_again_are_unchanged():
    run("employeurs-gpect", EMPLOYERS)
    before = list(Employer.objects.order_by("pk").values())
    result = run("employeurs-gpect", EMPLOYERS)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert list(Employer.objects.order_by("pk").values()) == before
    assert Organisation.objects.count() == 3


def test_an_organisation_without_siret_gets_the_files_and_its_employer_a_new_sector():
    employer = EmployerFactory(organisation__name="Otsokop", organisation__siret="")
    result = run("employeurs-gpect", [f"otsokop;{SIRET_B};Tarnos;;Commerce;"])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    employer.refresh_from_db()
    assert (employer.organisation.siret, employer.sector.name) == (SIRET_B, "Commerce")


def test_bad_employer_cells_are_each_reported_and_nothing_is_written():
    result = run(
        "employeurs-gpect",
        [
            "Scierie Lafitte;;Tarnos;;BTP et éco-construction;",
            "Garage Etchegoyen;;Tarnos;;Mécanique;",
            "Menuiserie Arriola;12345678901234;Atlantide;;Industrie;",
            "Ferme Ametza;;;Exploitation;Agriculture et agroalimentaire;",
        ],
    )
    assert [row[:3] for row in problems(result)] == [
        (3, "Secteur", "Mécanique"),
        (4, "Commune", "Atlantide"),
        (5, "Type", "Exploitation"),
    ]
    assert result.problems[0].message.startswith("secteur inconnu ; secteurs possibles : BTP et éco-construction,")
    assert result.problems[1].message == "commune inconnue (donnez son nom ou son code INSEE)"
    assert result.problems[2].message.startswith("valeur inconnue ; valeurs possibles : Association, SCIC")
    # The organisation's own rules, once the commune is right: the SIRET's check digit.
    result = run("employeurs-gpect", ["Menuiserie Arriola;12345678901234;Tarnos;;Industrie;"])
    assert problems(result) == [
        (2, "SIRET", "12345678901234", "Ce SIRET n'est pas valide : sa clé de contrôle est fausse.")
    ]
    assert not Employer.objects.exists() and not Organisation.objects.exists()


def test_the_sector_of_an_employer_counted_in_a_published_year_is_locked():
    action = EmployerActionFactory(date=datetime.date(2020, 3, 2), employer__organisation__name="Otsokop")
    publish_2020()
    result = run("employeurs-gpect", ["Otsokop;;Tarnos;;Commerce;"])
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED)]
    action.employer.refresh_from_db()
    assert action.employer.sector == sector()


# Job offers -----------------------------------------------------------------------------------

OFFERS = [
    # Employeur;SIRET de l'employeur;Intitulé;Date de diffusion;Type de contrat;Durée;Date limite
    ";32829320000007;Caissier·e;03/02/2024;CDD;6;28/02/2024",  # the employer by its organisation's SIRET
    "OTSOKOP;;Préparateur de commandes;2024-03-04;intérim;;",  # by its name, accents and case ignored
    ";;Agent·e d'entretien;05/03/2024;Contrat aidé (PEC);12;",  # no employer
]


def offer_employers():
    EmployerFactory(organisation__name="Otsokop", organisation__siret=SIRET_A)


def test_offers_are_created_and_counted_in_their_year():
    offer_employers()
    assert indicators.for_year(2024)["offres_diffusees"] == 0
    result = run("offres-gpect", OFFERS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert indicators.for_year(2024)["offres_diffusees"] == 3
    offer = JobOffer.objects.get(title="Caissier·e")
    assert (offer.employer.organisation.name, offer.contract_months) == ("Otsokop", 6)
    assert offer.closing_date == datetime.date(2024, 2, 28)
    assert JobOffer.objects.get(title="Agent·e d'entretien").employer is None


def test_offers_imported_again_are_unchanged_and_keep_their_spelling():
    offer_employers()
    run("offres-gpect", OFFERS)
    before = list(JobOffer.objects.order_by("pk").values())
    again = [OFFERS[0].replace("Caissier·e", "CAISSIER·E"), *OFFERS[1:]]
    result = run("offres-gpect", again)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert list(JobOffer.objects.order_by("pk").values()) == before


def test_an_offer_is_updated_from_the_file():
    offer = JobOfferFactory(employer__organisation__name="Otsokop", title="Caissier·e", date=datetime.date(2024, 2, 3))
    result = run("offres-gpect", ["Otsokop;;caissier·e;03/02/2024;CDI;;15/03/2024"])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    offer.refresh_from_db()
    assert (offer.title, offer.contract_type, offer.closing_date) == ("Caissier·e", "cdi", datetime.date(2024, 3, 15))


def test_bad_offer_cells_are_each_reported_and_nothing_is_written():
    offer_employers()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    result = run(
        "offres-gpect",
        [
            "Otsokop;;Caissier·e;03/02/2024;CDD;6;",
            "Boulangerie Inconnue;;Vendeur·se;03/02/2024;CDD;;",
            "Otsokop;;Vendeur·se;31/02/2024;CDD;;",
            f"Otsokop;;Vendeur·se;{tomorrow:%d/%m/%Y};CDD;;",
            "Otsokop;;Comptable;03/02/2024;CDI;12;01/02/2024",
        ],
    )
    assert problems(result) == [
        (3, "Employeur", "Boulangerie Inconnue",
         "Aucun employeur suivi ne s'appelle « Boulangerie Inconnue » : importez-le d'abord (employeurs-gpect)."),
        (4, "Date de diffusion", "31/02/2024", "cette date n'existe pas (jour ou mois hors du calendrier)"),
        (5, "Date de diffusion", f"{tomorrow:%d/%m/%Y}",
         "Cette date est dans le futur : saisissez une date passée ou celle d'aujourd'hui."),
        (6, "Durée du contrat (mois)", "12", "Un CDI n'a pas de durée : laissez la durée du contrat vide."),
        (6, "Date limite de candidature", "01/02/2024",
         "La date limite de candidature ne peut pas précéder la diffusion de l'offre."),
    ]  # fmt: skip
    assert not JobOffer.objects.exists()


def test_no_offer_is_added_to_a_published_year():
    offer_employers()
    publish_2020()
    result = run("offres-gpect", ["Otsokop;;Caissier·e;03/02/2020;CDD;6;", "Otsokop;;Caissier·e;03/02/2021;CDD;6;"])
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED)]
    assert not JobOffer.objects.exists()


# Insertion hours ------------------------------------------------------------------------------

BUYER = "Agglomération Pays Basque"
HOURS = [
    # Acheteur;Marché;Année;Nom;Prénom;Date de naissance;Entreprise;SIRET;Type de contrat;Pro;Début;Fin;Heures
    f"{BUYER};Voie verte;2024;BENALI;aicha;04/05/1990;Lafitte;{SIRET_A};CDD;;01/03/2024;31/05/2024;350",
    "agglomeration pays basque;VOIE VERTE;2024;Etxeberri;Jon;;Bâti Sud;;Contrat de professionnalisation;;"
    "01/03/2024;30/04/2024;280",
    f"{BUYER};Voie verte;2024;Benali;Aïcha;;Bâti Sud;;Intérim;non;01/06/2024;30/06/2024;140",
]


def clause_records():
    """The market, the two companies and the two people the lines name."""
    market = MarketFactory(buyer__name=BUYER, title="Voie verte", year=2024)
    OrganisationFactory(name="Scierie Lafitte", siret=SIRET_A, kind="entreprise")  # « Lafitte » in the file
    OrganisationFactory(name="Bâti Sud", kind="entreprise")
    PersonFactory(first_name="Aïcha", last_name="Benali", birth_date=datetime.date(1990, 5, 4))
    PersonFactory(first_name="Jon", last_name="Etxeberri")
    return market


def test_clause_hours_are_created_and_counted_in_their_year():
    clause_records()
    before = indicators.for_year(2024)
    assert (before["heures_insertion"], before["personnes_clauses"], before["marches_clauses"]) == (0, 0, 0)
    result = run("heures-clauses", HOURS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    after = indicators.for_year(2024)
    assert after["heures_insertion"] == 350 + 280 + 140
    assert (after["personnes_clauses"], after["entreprises_clauses"], after["marches_clauses"]) == (2, 2, 1)
    assert after["part_contrats_professionnalisation"] == 0.5  # Jon, by his contract type
    assert after["heures_par_marche"] == [{"label": "Voie verte", "buyer": BUYER, "value": 770, "required": 1000}]
    assert InsertionHours.objects.filter(person__first_name="Aïcha").count() == 2


def test_clause_hours_imported_again_are_unchanged():
    clause_records()
    run("heures-clauses", HOURS)
    before = list(InsertionHours.objects.order_by("pk").values())
    result = run("heures-clauses", HOURS)
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}, result.problems
    assert list(InsertionHours.objects.order_by("pk").values()) == before
    # The same period with other hours is a correction of the recorded line.
    result = run("heures-clauses", [HOURS[2].replace(";140", ";120")])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    assert indicators.for_year(2024)["heures_insertion"] == 350 + 280 + 120


def test_bad_clause_hours_cells_are_each_reported_and_nothing_is_written():
    clause_records()
    PersonFactory(first_name="Marie", last_name="Dupont")
    PersonFactory(first_name="Marie", last_name="Dupont")
    result = run(
        "heures-clauses",
        [
            HOURS[0],
            f"{BUYER};Voie verte;2024;Dupont;Marie;;Bâti Sud;;CDD;;01/03/2024;31/03/2024;100",
            f"{BUYER};Piscine;2024;Inconnu;Paul;;Garage Fermé;;CDD;;01/03/2024;31/03/2024;100",
            f"{BUYER};Voie verte;2024;Etxeberri;Jon;;Bâti Sud;;CDD;;01/03/2024;02/03/2024;25",
            f"{BUYER};Voie verte;2024;Etxeberri;Jon;;Bâti Sud;;CDD;;01/12/2024;31/01/2025;100",
            f"{BUYER};Voie verte;2024;Etxeberri;Jon;;Bâti Sud;;CDD;peut-être;01/03/2024;31/03/2024;douze",
        ],
    )
    assert problems(result) == [
        (3, "Nom", "Dupont", "Plusieurs fiches correspondent à ces nom, prénom et date de naissance : donnez la "
         "date de naissance, ou fusionnez les fiches."),
        (4, "Marché", "Piscine",
         f"Aucun marché « Piscine » de 2024 pour l'acheteur « {BUYER} » : créez-le d'abord dans la GPECT."),
        (4, "Nom", "Inconnu", "Personne inconnue : importez-la d'abord dans l'annuaire (personnes)."),
        (4, "Entreprise", "Garage Fermé", "Aucune organisation de l'annuaire ne s'appelle « Garage Fermé »."),
        (5, "Heures", "25", "25 heures en 2 jours : cela fait plus de 10 heures par jour, vérifiez les heures ou les "
         "dates de la période."),
        (6, "Fin de période", "31/01/2025", "La période doit se situer dans l'année du marché (2024)."),
        (7, "Contrat de professionnalisation", "peut-être", "« oui » ou « non » attendu"),
        (7, "Heures", "douze", "nombre attendu (par exemple 12,5)"),
    ]  # fmt: skip
    assert not InsertionHours.objects.exists()


def test_no_clause_hours_are_added_to_a_published_year():
    clause_records()
    MarketFactory(buyer=Market.objects.get().buyer, title="Voie verte", year=2020)
    publish_2020()
    figures = indicators.for_year(2020)
    line = f"{BUYER};Voie verte;2020;Benali;Aïcha;04/05/1990;Bâti Sud;;CDD;;02/03/2020;31/03/2020;100"
    assert problems(run("heures-clauses", [line])) == [(2, WHOLE_LINE, "", LOCKED)]
    assert not InsertionHours.objects.exists()
    assert indicators.for_year(2020) == figures


def test_each_file_looks_its_markets_and_people_up_afresh():
    market = clause_records()
    assert run("heures-clauses", HOURS[:1], dry_run=True).ok
    market.title = "Voie verte, tranche 2"
    market.save()
    assert [p.column for p in run("heures-clauses", HOURS[:1]).problems] == ["Marché"]


@pytest.mark.parametrize("name", ["employeurs-gpect", "offres-gpect", "heures-clauses"])
@pytest.mark.parametrize("role", ["gpect-lecture", "plie"])
def test_only_the_gpect_editors_and_coordination_import_its_files(client_as, name, role):
    url = reverse("cbe_portal:import_upload", args=[name])
    assert client_as(role).get(url).status_code == 403
    assert client_as("gpect").get(url).status_code == 200
    assert client_as("coordination").get(url).status_code == 200


# Queries and time -----------------------------------------------------------------------------


def hours_lines(people: list[Person], day=datetime.date(2024, 3, 1)) -> list[str]:
    """A line of 70 hours over a week for each person, with one of two companies, in one market."""
    companies = ["Scierie Lafitte", "Bâti Sud"]
    return [
        f"{BUYER};Voie verte;2024;{p.last_name};{p.first_name};;{companies[i % 2]};;CDD;;"
        f"{day:%d/%m/%Y};{day + datetime.timedelta(days=6):%d/%m/%Y};70"
        for i, p in enumerate(people)
    ]


def count_queries(lines: list[str]) -> int:
    """The queries of a preview (rolled back: the database stays as it was)."""
    user = UserFactory(roles=["gpect"])
    with CaptureQueriesContext(connection) as context:
        result = run("heures-clauses", lines, dry_run=True, user=user)
    assert result.counts["created"] == len(lines), result.problems
    return len(context.captured_queries)


def more_data(size: int) -> None:
    """`size` more people, companies, markets and hours (bulk_create)."""
    day = datetime.date(2024, 5, 2)
    buyer = Market.objects.get().buyer
    people = Person.objects.bulk_create(Person(first_name="Autre", last_name=f"Nom {i}") for i in range(size))
    companies = Organisation.objects.bulk_create(Organisation(name=f"Entreprise {i}") for i in range(size))
    markets = Market.objects.bulk_create(
        Market(buyer=buyer, title=f"Marché {i}", year=2024, hours_required=100) for i in range(size)
    )
    InsertionHours.objects.bulk_create(
        InsertionHours(person=p, company=companies[i], market=markets[i], hours=7, period_start=day, period_end=day)
        for i, p in enumerate(people)
    )


def test_the_queries_per_line_are_constant_whatever_the_file_and_the_data():
    clause_records()
    people = Person.objects.bulk_create(Person(first_name="Prénom", last_name=f"Personne {i}") for i in range(30))
    ten, twenty, thirty = (count_queries(hours_lines(people[:n])) for n in (10, 20, 30))
    # The market, the two companies (also as the form's choice, among all organisations) and the
    # published years are read once per file (per_file), the figures' cache invalidated once; then
    # each line: the person and the recorded hours looked up (2), the form's person choice (1), its
    # duplicate and yearly-total checks (2) and the insert (1), under the savepoint of its batch of
    # lines; the records the form chose are not checked again by the model, its two check
    # constraints are decided without a query.
    assert thirty - twenty == twenty - ten == 10 * 6
    more_data(200)
    assert count_queries(hours_lines(people[:20])) == twenty


@pytest.mark.bench
def test_2000_clause_hours_lines(capsys):
    """Measures (not a test of speed): `uv run pytest -m bench -s tests/gpect/test_imports.py`."""
    clause_records()
    people = Person.objects.bulk_create(Person(first_name="Prénom", last_name=f"Personne {i}") for i in range(500))
    lines = [line for week in range(4) for line in hours_lines(people, datetime.date(2024, 3, 1 + 7 * week))]
    user, queries = UserFactory(roles=["gpect"]), []

    def count(execute, *args):
        queries.append(1)
        return execute(*args)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        result = run("heures-clauses", lines, user=user)
        elapsed = time.perf_counter() - start
    assert result.counts["created"] == 2000, result.problems[:5]
    with capsys.disabled():
        per_line = len(queries) / len(lines)
        print(f"\nheures-clauses, 2 000 lignes : {elapsed:.1f} s, {len(queries)} requêtes ({per_line:.1f} par ligne)")
