"""The PTCE's imports: memberships and yearly declarations matched not duplicated, saved through the
staff forms (their rules, the published-year lock), every bad cell reported, all or nothing."""

import datetime
import io

import pytest
from django.urls import reverse

from cbe_portal import imports
from cbe_portal.models import Commune, Organisation
from cbe_portal.publication import LOCKED_MESSAGE, publish
from ptce import indicators
from ptce.models import Declaration, LockedYear, Membership
from ptce.views import LOCKED_YEAR
from tests.factories import OrganisationFactory, UserFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory, ThemeFactory

SIRET_A, SIRET_B = "32829320000007", "44123456700002"
WHOLE_LINE = "(ligne entière)"

MEMBERSHIPS = [
    # Membre;SIRET;Commune;Type;Adhésion;Sortie;Observateur;Thématiques
    f"OTSOKOP;{SIRET_A[:3]} {SIRET_A[3:6]} {SIRET_A[6:9]} {SIRET_A[9:]};;;15/03/2019;;non;jeunesse, Mobilite",
    f"scop du port;{SIRET_B};tarnos;;2019-06-01;;oui;",  # by name and commune: it gets the file's SIRET
    "Habitat Jeunes Sud Aquitaine;;Ondres;Association;01/01/2020;01/07/2021;;Emploi et inclusion",  # a new one
]
DECLARATIONS = [
    # Membre;SIRET;Année;Emplois;Dont permanents;Entreprises partenaires;Adhérents;Partenaires extérieurs;
    # Stagiaires;Contrats de professionnalisation;Parcours d'insertion;Porteurs de projet;Chiffre d'affaires
    "Otsokop;;2020;12;8;3;150;4;2;1;5;0;1 234 567,80",
    f"Scop du Port;{SIRET_B[:9]} {SIRET_B[9:]};2020;20;20;0;18;2;0;0;0;0;2 000 000",
    "habitat jeunes sud aquitaine;;2020;5;3;0;40;6;1;0;2;3;350000,00",
]


def run(name: str, lines: list[str], user=None, dry_run=False) -> imports.Result:
    """Import `lines` under the format's headers, in their documented order, as a PTCE editor."""
    fmt = imports.formats()[name]
    content = "\n".join([";".join(column.header for column in fmt.columns), *lines]) + "\n"
    return imports.run(fmt, content.encode(), f"{name}.csv", user or UserFactory(roles=["ptce"]), dry_run)


def problems(result) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in result.problems]


@pytest.fixture
def directory():
    """Two organisations of the directory, not yet members, and three themes."""
    for name in ("Jeunesse", "Mobilité", "Emploi et inclusion"):
        ThemeFactory(name=name)
    tarnos = Commune.objects.get(name="Tarnos")
    return {
        "otsokop": OrganisationFactory(name="Otsokop", siret=SIRET_A, commune=tarnos),
        "scop": OrganisationFactory(name="Scop du Port", kind=Organisation.Kind.SCOP, commune=tarnos),
    }


def snapshot() -> list:
    return [
        list(Organisation.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        sorted(Membership.themes.through.objects.values_list("membership_id", "theme_id")),
        list(Declaration.objects.order_by("pk").values()),
    ]


def test_a_good_file_creates_memberships_and_declarations_and_the_figures_follow(directory):
    assert indicators.for_year(2020)["membres"] == 0
    result = run("adhesions-ptce", MEMBERSHIPS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert Organisation.objects.count() == 3  # two matched, one created
    otsokop, scop, habitat = (Membership.objects.get(organisation__name=name) for name in (
        "Otsokop", "Scop du Port", "Habitat Jeunes Sud Aquitaine",
    ))  # fmt: skip
    assert otsokop.organisation == directory["otsokop"] and scop.organisation == directory["scop"]
    assert sorted(theme.name for theme in otsokop.themes.all()) == ["Jeunesse", "Mobilité"]
    assert (otsokop.joined_on, otsokop.status) == (datetime.date(2019, 3, 15), Membership.Status.ACTIF)
    assert (scop.status, scop.organisation.siret) == (Membership.Status.OBSERVATEUR, SIRET_B)
    assert (habitat.status, habitat.left_on) == (Membership.Status.SORTI, datetime.date(2021, 7, 1))
    assert (habitat.organisation.kind, habitat.organisation.commune.name) == ("association", "Ondres")
    figures = indicators.for_year(2020)
    assert (figures["membres"], figures["nouveaux_membres"], figures["declarations"]) == (3, 1, 0)
    assert indicators.for_year(2021)["membres"] == 2  # Habitat Jeunes left on 1 July 2021

    result = run("declarations-ptce", DECLARATIONS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    figures = indicators.for_year(2020)
    assert (figures["declarations"], figures["emplois"], figures["emplois_permanents"]) == (3, 37, 31)
    assert (figures["adherents"], figures["porteurs_projet_accompagnes"]) == (208, 3)
    assert figures["chiffre_affaires"] == 1_234_568 + 2_000_000 + 350_000  # rounded to the euro
    assert indicators.for_year(2019)["declarations"] == 0


def test_importing_the_same_files_again_changes_nothing(directory):
    assert run("adhesions-ptce", MEMBERSHIPS).ok and run("declarations-ptce", DECLARATIONS).ok
    before = snapshot()
    for name, lines in (("adhesions-ptce", MEMBERSHIPS), ("declarations-ptce", DECLARATIONS)):
        result = run(name, lines)
        assert result.ok, result.problems
        assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert snapshot() == before


def test_a_changed_line_updates_its_record_and_empty_cells_keep_what_is_recorded(directory):
    assert run("adhesions-ptce", MEMBERSHIPS).ok and run("declarations-ptce", DECLARATIONS).ok
    # Only the themes change (a relation the row's fields do not hold), then an observer leaves.
    result = run("adhesions-ptce", [f"Otsokop;{SIRET_A};;;15/03/2019;;;Emploi et inclusion"])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}
    otsokop = Membership.objects.get(organisation__name="Otsokop")
    assert [theme.name for theme in otsokop.themes.all()] == ["Emploi et inclusion"]
    assert run("adhesions-ptce", ["Scop du Port;;Tarnos;;01/06/2019;01/02/2021;;"]).counts["updated"] == 1
    scop = Membership.objects.get(organisation__name="Scop du Port")
    assert (scop.status, scop.left_on) == (Membership.Status.SORTI, datetime.date(2021, 2, 1))

    result = run("declarations-ptce", ["Otsokop;;2020;14;8;3;150;4;2;1;5;0;1234567,8"])
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert Declaration.objects.get(membership=otsokop, year=2020).emplois == 14
    assert indicators.for_year(2020)["emplois"] == 39


def test_every_bad_line_is_reported_and_nothing_is_written(directory):
    before = snapshot()
    result = run("adhesions-ptce", [
        "Otsokop;;;;15/03/2019;;;Jeunesse",  # good, but the file is refused as a whole
        "Scop du Port;;Tarnos;;31/02/2019;;;",
        "Scop du Port;;Tarnos;;01/06/2019;;peut-être;Astrologie",
        "Ferme Etxea;;Tarnos;;01/06/2019;;;",
        "Ferme Etxea;12345678901234;Tarnos;Ferme;01/06/2019;;;",
        "Scop du Port;;Tarnos;;01/06/2020;01/01/2020;;",
        f"Scop du Port;;Tarnos;;01/06/{datetime.date.today().year + 1};;;",
    ])  # fmt: skip
    found = problems(result)
    assert [(line, column) for line, column, _, _ in found] == [
        (3, "Adhésion"), (4, "Observateur"), (4, "Thématiques"), (5, "Type"), (6, "SIRET"), (7, "Sortie"),
        (8, "Adhésion"),
    ]  # fmt: skip
    by_line = {(line, column): (value, message) for line, column, value, message in found}
    assert by_line[3, "Adhésion"][0] == "31/02/2019" and "n'existe pas" in by_line[3, "Adhésion"][1]
    assert by_line[4, "Observateur"] == ("peut-être", "« oui » ou « non » attendu")
    assert by_line[4, "Thématiques"][0] == "Astrologie" and "Jeunesse" in by_line[4, "Thématiques"][1]
    assert "indiquez son type" in by_line[5, "Type"][1]
    assert by_line[6, "SIRET"] == ("12345678901234", "Ce SIRET n'est pas valide : sa clé de contrôle est fausse.")
    assert by_line[7, "Sortie"] == ("01/01/2020", "La date de sortie ne peut pas précéder la date d'adhésion.")
    assert by_line[8, "Adhésion"][0].startswith("01/06/")
    assert snapshot() == before

    assert run("adhesions-ptce", MEMBERSHIPS[:2]).ok
    before = snapshot()
    result = run("declarations-ptce", [
        "Otsokop;;2020;12;8;3;150;4;2;1;5;0;1 234 567,80",  # good, but the file is refused as a whole
        "Scop du Port;;2020;5;8;0;0;0;0;0;0;0;0",
        "Ferme Etxea;;2020;1;0;0;0;0;0;0;0;0;0",
        "Otsokop;;2021;12,5;;0;0;0;0;0;0;0;beaucoup",
        "Otsokop;;2010;1;0;0;0;0;0;0;0;0;0",
        "Otsokop;;2018;1;0;0;0;0;0;0;0;0;0",
        "Scop du Port;;2021;200000;0;-3;0;0;0;0;0;0;0",
        f"Otsokop;{SIRET_B[:-1]}9;2021;1;0;0;0;0;0;0;0;0;0",
    ])  # fmt: skip
    assert problems(result) == [
        (3, "Dont emplois permanents", "8", "Les emplois permanents ne peuvent pas dépasser le nombre d'emplois."),
        (4, "Membre", "Ferme Etxea", "« Ferme Etxea » n'est pas membre du PTCE : importez d'abord son adhésion "
         "(adhesions-ptce)."),
        (5, "Emplois (salariés)", "12,5", "nombre entier attendu"),
        (5, "Dont emplois permanents", "", "valeur obligatoire"),
        (5, "Chiffre d'affaires (euros)", "beaucoup", "nombre attendu (par exemple 12,5)"),
        (6, "Année", "2010", f"année entre 2016 et {datetime.date.today().year} attendue"),
        (7, WHOLE_LINE, "", "Otsokop a adhéré au PTCE en 2019 : il ne peut pas déclarer de chiffres pour 2018."),
        (8, "Entreprises partenaires", "-3", "Un chiffre ne peut pas être négatif."),
        (8, "Emplois (salariés)", "200000", "Ce chiffre dépasse 100 000 : vérifiez la saisie."),
        (9, "SIRET", f"{SIRET_B[:-1]}9", f"Aucun membre du PTCE n'a le SIRET {SIRET_B[:-1]}9 : importez d'abord son "
         "adhésion (adhesions-ptce)."),
    ]  # fmt: skip
    assert snapshot() == before


def test_a_published_year_is_refused_with_the_locks_message():
    membership = MembershipFactory(organisation__name="Otsokop", joined_on=datetime.date(2015, 1, 1))
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)
    result = run("declarations-ptce", ["Otsokop;;2020;12;8;3;150;4;2;1;5;0;0"])
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED_MESSAGE.format(year=2020))]
    # A member joining before the published year would change its count of members: refused too.
    OrganisationFactory(name="Scop du Port")
    result = run("adhesions-ptce", ["Scop du Port;;Tarnos;;01/06/2019;;;"])
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED_MESSAGE.format(year=2020))]
    assert not Declaration.objects.exists() and list(Membership.objects.all()) == [membership]
    # The next year is open.
    assert run("declarations-ptce", ["Otsokop;;2021;12;8;3;150;4;2;1;5;0;0"]).ok


def test_a_year_locked_by_coordination_is_refused_to_editors_not_to_coordination():
    declaration = DeclarationFactory(membership__organisation__name="Otsokop", year=2021, emplois=3)
    LockedYear.objects.create(year=2021)
    line = ["Otsokop;;2021;12;8;3;150;4;2;1;5;0;0"]
    assert problems(run("declarations-ptce", line)) == [(2, "Année", "2021", LOCKED_YEAR)]
    assert run("declarations-ptce", line, user=UserFactory(roles=["coordination"])).counts["updated"] == 1
    declaration.refresh_from_db()
    assert declaration.emplois == 12


@pytest.mark.parametrize("name", ["adhesions-ptce", "declarations-ptce"])
@pytest.mark.parametrize(("role", "status"), [("ptce", 200), ("coordination", 200), ("ptce-lecture", 403),
                                              ("plie", 403)])  # fmt: skip
def test_only_ptce_editors_and_coordination_may_import(name, role, status, client_as):
    assert client_as(role).get(reverse("cbe_portal:import_upload", args=[name])).status_code == status


def test_an_xlsx_file_imports_the_same_as_its_csv(directory):
    openpyxl = pytest.importorskip("openpyxl")
    assert run("adhesions-ptce", MEMBERSHIPS).ok
    workbook = openpyxl.Workbook()
    workbook.active.append([column.header for column in imports.formats()["declarations-ptce"].columns])
    for line in DECLARATIONS:  # numbers as a spreadsheet stores them: years and figures as numbers
        cells = line.split(";")
        numbers = [float(cell.replace(" ", "").replace(",", ".")) for cell in cells[2:]]
        workbook.active.append([*cells[:2], *numbers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    fmt = imports.formats()["declarations-ptce"]
    result = imports.run(fmt, buffer.getvalue(), "declarations.xlsx", UserFactory(roles=["ptce"]), dry_run=False)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert run("declarations-ptce", DECLARATIONS).counts == {"created": 0, "updated": 0, "unchanged": 3}


def test_the_memberships_export_imports_back_unchanged(directory, client_as):
    assert run("adhesions-ptce", MEMBERSHIPS).ok
    before = snapshot()
    exported = client_as("ptce").get(reverse("ptce:membership_list"), {"export": "csv"}).content
    result = imports.run(imports.formats()["adhesions-ptce"], exported, "adhesions.csv", UserFactory(roles=["ptce"]),
                         dry_run=False)  # fmt: skip
    assert result.ok, result.problems
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert snapshot() == before
