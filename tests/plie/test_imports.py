"""The PLIE's imports: pathways (situation at entry and exit, FSE+ answers), steps, interviews and
meal aids, matched not duplicated, saved through the staff forms (their rules, the published-year
lock), every bad cell reported, all or nothing; the participant list's export imports back."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbe_portal import imports
from cbe_portal.models import PendingImport, Person
from cbe_portal.publication import LOCKED_MESSAGE, publish
from plie.forms import JOB_SEEKER_AFTER_ENTRY
from plie.models import SECOND_OPEN_PARCOURS, FseRecord, Interview, MealAid, Parcours, Step
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.plie.factories import ParcoursFactory

D = datetime.date
WHOLE_LINE = "(ligne entière)"
PATHWAY_HEADERS = (
    "Nom;Prénom;Genre;Date de naissance;Commune;Entrée;Prescripteur;Référent·e;Demandeur·se d'emploi depuis;RSA;"
    "Niveau de formation;Sortie;Type de sortie;Situation à l'entrée (FSE+);Sortie : en emploi"
)
PATHWAYS = [
    "Benali;Aïcha;Femme;04/05/1990;Tarnos;15/01/2020;Mission locale;Claire Etcheverry;01/01/2018;oui;"
    "Niveau 4 (baccalauréat);30/06/2021;CDI;Chômeur·se de longue durée;oui",
    "Etxeberri;Jon;Homme;12/11/1975;Ondres;2020-03-02;;;;non;infra3;;;inactif;",
    "durand;LÉA;;;;01/09/2021;Mission locale;;;;;;;;",  # a person already in the directory
]


def pathway_format():
    return imports.formats()["parcours-plie"]


def run(name: str, lines: list[str], headers: str | None = None, user=None, dry_run=False) -> imports.Result:
    fmt = imports.formats()[name]
    headers = headers or ";".join(column.header for column in fmt.columns)
    content = "\n".join([headers, *lines]) + "\n"
    return imports.run(fmt, content.encode(), f"{name}.csv", user or UserFactory(roles=["plie"]), dry_run)


def problems(result) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in result.problems]


@pytest.fixture
def plie():
    """A prescriber, a referent and a person already in the directory (followed by nobody yet)."""
    return {
        "prescriber": OrganisationFactory(name="Mission locale"),
        "referent": UserFactory(first_name="Claire", last_name="Etcheverry", roles=["plie"]),
        "lea": PersonFactory(first_name="Léa", last_name="Durand", birth_date=datetime.date(1985, 3, 12)),
    }


def snapshot() -> list:
    return [
        list(Person.objects.order_by("pk").values()),
        list(Parcours.objects.order_by("pk").values()),
        list(FseRecord.objects.order_by("pk").values()),
        list(Step.objects.order_by("pk").values()),
        list(Interview.objects.order_by("pk").values()),
        list(MealAid.objects.order_by("pk").values()),
    ]


def test_a_good_file_opens_and_closes_pathways_and_adds_the_new_people(plie):
    result = run("parcours-plie", PATHWAYS, PATHWAY_HEADERS)
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert Person.objects.count() == 3  # two new people, Léa matched (accents and case ignored)
    aicha = Parcours.objects.get(person__first_name="Aïcha")
    assert (aicha.entry_date, aicha.exit_date, aicha.exit_type.name) == (
        datetime.date(2020, 1, 15), datetime.date(2021, 6, 30), "CDI",
    )  # fmt: skip
    assert (aicha.prescriber, aicha.referent, aicha.rsa) == (plie["prescriber"], plie["referent"], True)
    assert (aicha.education_level, aicha.is_long_term_job_seeker) == ("4", True)
    assert (aicha.person.gender, aicha.person.commune.name) == ("F", "Tarnos")
    assert (aicha.fse.labour_situation, aicha.fse.exit_employed) == ("chomeur_longue_duree", True)
    jon = Parcours.objects.get(person__first_name="Jon")
    assert (jon.is_open, jon.education_level, jon.fse.labour_situation) == (True, "infra3", "inactif")
    lea = Parcours.objects.get(person=plie["lea"])
    assert (lea.person.first_name, lea.prescriber, lea.is_open) == ("Léa", plie["prescriber"], True)


def test_importing_the_same_file_again_leaves_everything_alone(plie):
    assert run("parcours-plie", PATHWAYS, PATHWAY_HEADERS).ok
    before = snapshot()
    result = run("parcours-plie", PATHWAYS, PATHWAY_HEADERS)
    assert result.ok, result.problems
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert snapshot() == before


def test_a_changed_line_updates_its_pathway_and_closes_it(plie):
    assert run("parcours-plie", PATHWAYS, PATHWAY_HEADERS).ok
    headers = "Nom;Prénom;Date de naissance;Entrée;RSA;Sortie;Type de sortie"
    result = run("parcours-plie", ["ETXEBERRI;jon;12/11/1975;02/03/2020;oui;31/12/2021;Déménagement"], headers)
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}, result.problems
    jon = Parcours.objects.get(person__first_name="Jon")
    assert (jon.rsa, jon.exit_date, jon.exit_type.name) == (True, datetime.date(2021, 12, 31), "Déménagement")
    assert jon.education_level == "infra3"  # no column: the recorded value stays
    assert Parcours.objects.count() == 3


# Lines are written in batches under one savepoint while the file has no problem: in one batch,
# then in batches of two, the second undone at its first bad line and written again line by line.
@pytest.mark.parametrize("lines_a_savepoint", [imports.LINES_A_SAVEPOINT, 2])
def test_every_bad_line_is_reported_and_a_bad_last_line_writes_nothing(plie, monkeypatch, lines_a_savepoint):
    monkeypatch.setattr(imports, "LINES_A_SAVEPOINT", lines_a_savepoint)
    before = snapshot()
    next_year = datetime.date.today().year + 1
    result = run("parcours-plie", [
        *PATHWAYS,  # good, but the file is refused as a whole
        "Martin;Paul;Homme;31/02/1980;;01/02/2020;;;;;;;;;",
        "Petit;Zoé;Femme;01/01/1990;Atlantide;01/02/2020;Pôle inconnu;Jean Personne;;peut-être;;;;;",
        f"Roux;Ana;Femme;01/01/1991;;01/02/{next_year};;;;;;;;;",
        "Roux;Ana;Femme;01/01/2015;;01/02/2020;;;;;;;;;",
        "Roux;Ana;Femme;01/01/1991;;01/02/2020;;;;;;01/01/2020;CDI;;",
        "Roux;Ana;Femme;01/01/1991;;01/02/2020;;;;;;01/03/2020;Évasion;;",
        "Roux;Ana;Femme;01/01/1991;;01/02/2020;;;;;;;;;oui",
    ], PATHWAY_HEADERS)  # fmt: skip
    found = problems(result)
    assert [(line, column) for line, column, _, _ in found] == [
        (5, "Date de naissance"), (6, "Commune"), (6, "Référent·e"), (6, "RSA"), (7, "Entrée"),
        (8, "Date de naissance"), (9, "Sortie"), (10, "Type de sortie"), (11, WHOLE_LINE),
    ]  # fmt: skip
    by_cell = {(line, column): (value, message) for line, column, value, message in found}
    assert by_cell[5, "Date de naissance"][0] == "31/02/1980" and "n'existe pas" in by_cell[5, "Date de naissance"][1]
    assert by_cell[6, "Référent·e"] == ("Jean Personne", "aucun·e référent·e du PLIE ne porte ce nom (« Prénom Nom »)")
    assert by_cell[6, "RSA"] == ("peut-être", "« oui » ou « non » attendu")
    assert by_cell[7, "Entrée"][0] == f"01/02/{next_year}" and "futur" in by_cell[7, "Entrée"][1]
    assert "l'âge doit être entre 16 et 99 ans" in by_cell[8, "Date de naissance"][1]
    assert by_cell[9, "Sortie"] == (
        "01/01/2020",
        "La date de sortie ne peut pas précéder la date d'entrée (01/02/2020).",
    )
    assert by_cell[10, "Type de sortie"][0] == "Évasion" and "CDI" in by_cell[10, "Type de sortie"][1]
    assert "enregistrez la sortie avant la situation à la sortie" in by_cell[11, WHOLE_LINE][1]
    assert snapshot() == before

    # The prescriber is refused on its column once the other cells are right.
    result = run("parcours-plie", ["Petit;Zoé;Femme;01/01/1990;;01/02/2020;Pôle inconnu;;;;;;;;"], PATHWAY_HEADERS)
    assert problems(result) == [(2, "Prescripteur", "Pôle inconnu", "Aucune organisation de l'annuaire ne s'appelle "
                                 "« Pôle inconnu » : ajoutez-la d'abord à l'annuaire.")]  # fmt: skip
    assert snapshot() == before


def test_the_progress_never_goes_back_when_a_batch_is_written_again(plie, monkeypatch):
    monkeypatch.setattr(imports, "LINES_A_SAVEPOINT", 2)
    lines = [*PATHWAYS, "Martin;Paul;Homme;31/02/1980;;01/02/2020;;;;;;;;;", *PATHWAYS[:2]]
    content = "\n".join([PATHWAY_HEADERS, *lines]).encode()
    reported = []
    result = imports.run(pathway_format(), content, "parcours.csv", UserFactory(roles=["plie"]), False,
                         lambda done, total: reported.append((done, total)))  # fmt: skip
    assert [line for line, _, _, _ in problems(result)] == [5]
    assert reported == [(done, 6) for done in range(1, 7)]


def test_a_second_open_pathway_is_refused_on_the_persons_column(plie):
    ParcoursFactory(person=plie["lea"], entry_date=datetime.date(2019, 5, 1))
    result = run("parcours-plie", ["Durand;Léa;;12/03/1985;;01/09/2021;;;;;;;;;"], PATHWAY_HEADERS)
    assert problems(result) == [(2, "Nom", "Durand", SECOND_OPEN_PARCOURS)]


def test_a_line_against_a_rule_the_database_also_holds_names_its_column(plie):
    """The job-seeker date after the entry (a check constraint too) is told on its column, as the form
    tells it on its field."""
    result = run("parcours-plie", ["Roux;Ana;Femme;01/01/1991;;01/02/2020;;;01/03/2020;;;;;;"], PATHWAY_HEADERS)
    assert problems(result) == [
        (
            2,
            "Demandeur·se d'emploi depuis",
            "01/03/2020",
            JOB_SEEKER_AFTER_ENTRY.format(entry=datetime.date(2020, 2, 1)),
        )
    ]
    assert not Parcours.objects.exists()


def test_the_queries_of_a_line_do_not_grow_with_the_file(plie, monkeypatch):
    def queries(lines: int) -> int:
        Parcours.objects.all().delete()
        Person.objects.exclude(pk=plie["lea"].pk).delete()
        file = [
            f"Nom{n};Prénom{n};Femme;04/05/1990;Tarnos;15/01/2020;Mission locale;Claire Etcheverry;01/01/2018;oui;"
            "Niveau 4 (baccalauréat);30/06/2021;CDI;Chômeur·se de longue durée;oui"
            for n in range(lines)
        ]  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            assert run("parcours-plie", file, PATHWAY_HEADERS).counts["created"] == lines
        return len(captured)

    # A new person's pathway, closed, with FSE+ answers reads nothing: the commune, the prescriber,
    # the referent and the exit type are read once per file, and not again by the model; the check
    # constraints are decided without a query. The person, the pathway and the answers are inserted
    # with their batch of lines: for each batch, its savepoint and its release, then for each of the
    # three tables the keys reserved and the rows inserted.
    monkeypatch.setattr(imports, "LINES_A_SAVEPOINT", 4)
    assert queries(4) == queries(1)
    assert queries(8) - queries(4) == 2 + 3 * 2


def test_a_person_named_twice_in_a_batch_is_added_once(plie):
    """The first line's person, not yet inserted with the batch, is matched by the next lines."""
    lines = [
        "Nouveau;Jean;Homme;04/05/1990;;15/01/2020;;;;;;30/06/2020;CDI;;oui",
        "NOUVEAU;jean;;04/05/1990;;10/01/2021;;;;;;;;;",
        "Nouveau;Jean;;04/05/1990;;10/01/2021;;;;;;;;;",  # the same pathway again
    ]
    result = run("parcours-plie", lines, PATHWAY_HEADERS)
    assert result.counts == {"created": 2, "updated": 0, "unchanged": 1}, result.problems
    jean = Person.objects.get(last_name="Nouveau")
    assert [(p.entry_date.year, p.is_open) for p in jean.plie_parcours.order_by("entry_date")] == [
        (2020, False), (2021, True),
    ]  # fmt: skip
    assert jean.plie_parcours.get(entry_date__year=2020).fse.exit_employed is True

    result = run("parcours-plie", [*lines[:2], "Nouveau;Jean;;04/05/1990;;01/03/2021;;;;;;;;;"], PATHWAY_HEADERS)
    assert problems(result) == [(4, "Nom", "Nouveau", SECOND_OPEN_PARCOURS)]


def test_a_published_year_is_refused_with_the_locks_message(plie):
    publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)
    result = run("parcours-plie", PATHWAYS[1:2], PATHWAY_HEADERS)
    assert problems(result) == [(2, WHOLE_LINE, "", LOCKED_MESSAGE.format(year=2020))]
    assert not Parcours.objects.exists()
    assert run("parcours-plie", PATHWAYS[2:], PATHWAY_HEADERS).ok  # 2021 is open


def test_the_participant_list_export_imports_back_the_same_records(plie, client_as):
    """Round trip: the list's export, imported into an empty programme, gives the same pathways and
    people; imported again, it leaves them alone."""
    assert run("parcours-plie", PATHWAYS, PATHWAY_HEADERS).ok
    client = client_as("plie")
    exported = client.get(reverse("plie:parcours_list"), {"export": "csv"}).content
    kept = ["person_id", "entry_date", "prescriber_id", "referent_id", "job_seeker_since", "rsa", "ass", "aah",
            "rqth", "education_level", "qpv", "exit_date", "exit_type_id"]  # fmt: skip
    people = ["first_name", "last_name", "gender", "birth_date", "commune_id"]

    def records():
        pathways = Parcours.objects.order_by("person__last_name").values(*kept[1:], *(f"person__{f}" for f in people))
        return list(pathways), Person.objects.count()

    before = records()
    FseRecord.objects.all().delete()  # not in the list's export
    Parcours.objects.all().delete()
    Person.objects.exclude(pk=plie["lea"].pk).delete()
    result = imports.run(
        imports.formats()["parcours-plie"], exported, "export.csv", UserFactory(roles=["plie"]), False
    )
    assert result.ok, result.problems
    assert result.counts == {"created": 3, "updated": 0, "unchanged": 0}
    assert records() == before
    unchanged = snapshot()
    result = imports.run(
        imports.formats()["parcours-plie"], exported, "export.csv", UserFactory(roles=["plie"]), False
    )
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert snapshot() == unchanged


def test_steps_and_interviews_go_to_the_pathway_running_on_their_date(plie):
    assert run("parcours-plie", PATHWAYS, PATHWAY_HEADERS).ok
    steps = [
        "Benali;Aïcha;04/05/1990;Emploi;Agent·e d'entretien;Mission locale;;01/03/2020;;CDD;6;",
        "Etxeberri;Jon;;Formation;CACES;;;10/04/2020;20/04/2020;;;oui",
    ]
    result = run("etapes-plie", steps)
    assert result.counts == {"created": 2, "updated": 0, "unchanged": 0}, result.problems
    job = Step.objects.get(kind="emploi")
    assert (job.parcours.person.first_name, job.organisation, job.contract_months) == ("Aïcha", plie["prescriber"], 6)
    assert run("etapes-plie", steps).counts == {"created": 0, "updated": 0, "unchanged": 2}

    interviews = ["Benali;Aïcha;;05/02/2020;Par téléphone;Point CV", "Benali;Aïcha;;05/02/2020;;Premier entretien"]
    result = run("entretiens-plie", interviews)
    assert result.counts == {"created": 2, "updated": 0, "unchanged": 0}, result.problems
    assert sorted(Interview.objects.values_list("mode", flat=True)) == ["presentiel", "telephone"]

    result = run("etapes-plie", [
        "Benali;Aïcha;;Emploi;Vendeuse;;;01/08/2021;;;;",  # after the exit: no pathway then
        "Etxeberri;Jon;;Emploi;Vendeur;;;01/08/2021;;;;",
        "Inconnu;Personne;;Atelier;;;;01/08/2021;;;;",
    ])  # fmt: skip
    assert problems(result) == [
        (2, "Nom", "Benali", "Aïcha Benali n'a pas de parcours au PLIE le 01/08/2021 : importez d'abord son parcours "
         "(parcours-plie)."),
        (3, "Type de contrat", "", "Indiquez le type de contrat de cet emploi."),
        (4, "Nom", "Inconnu", "Personne inconnue : importez d'abord son parcours (parcours-plie)."),
    ]  # fmt: skip


def test_meal_aids_are_matched_by_beneficiary_and_date(plie):
    restaurant = OrganisationFactory(name="Restaurant d'insertion Le Relais")
    lines = ["02/03/2021;Durand;Léa;;10;;Restaurant d'insertion Le Relais;", "03/03/2021;Durand;Léa;;;25,50 €;;"]
    result = run("aides-repas-plie", lines)
    assert result.counts == {"created": 2, "updated": 0, "unchanged": 0}, result.problems
    aid = MealAid.objects.get(date=datetime.date(2021, 3, 2))
    assert (aid.beneficiary, aid.meals, aid.restaurant) == (plie["lea"], 10, restaurant)
    result = run("aides-repas-plie", ["02/03/2021;Durand;Léa;;12;;;", "04/03/2021;Durand;Léa;;;;;"])
    assert problems(result) == [(3, "Repas", "", "Indiquez un nombre de repas ou un montant.")]
    assert run("aides-repas-plie", ["02/03/2021;Durand;Léa;;12;;;"]).counts["updated"] == 1
    assert MealAid.objects.get(date=datetime.date(2021, 3, 2)).meals == 12


def test_the_meal_aid_list_export_imports_back_unchanged(plie, client_as):
    assert run("aides-repas-plie", ["02/03/2021;Durand;Léa;;10;;;", "03/03/2021;Durand;Léa;;;25,50;;"]).ok
    before = snapshot()
    exported = client_as("plie").get(reverse("plie:meal_aid_list"), {"export": "csv"}).content
    result = imports.run(imports.formats()["aides-repas-plie"], exported, "aides.csv", UserFactory(roles=["plie"]),
                         dry_run=False)  # fmt: skip
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 2}, result.problems
    assert snapshot() == before


@pytest.mark.parametrize("name", ["parcours-plie", "etapes-plie", "entretiens-plie", "aides-repas-plie"])
@pytest.mark.parametrize(("role", "status"), [("plie", 200), ("coordination", 200), ("plie-lecture", 403),
                                              ("gpect", 403)])  # fmt: skip
def test_only_plie_editors_and_coordination_may_import(name, role, status, client_as):
    assert client_as(role).get(reverse("cbe_portal:import_upload", args=[name])).status_code == status


def test_a_gpect_editor_cannot_apply_a_plie_file_nor_see_it_listed(plie, client_as):
    client = client_as("gpect")
    upload = SimpleUploadedFile("parcours.csv", "\n".join([PATHWAY_HEADERS, *PATHWAYS]).encode())
    assert (
        client.post(reverse("cbe_portal:import_upload", args=["parcours-plie"]), {"file": upload}).status_code == 403
    )
    assert "parcours-plie" not in client.get(reverse("cbe_portal:import_list")).content.decode()
    assert not Parcours.objects.exists() and not PendingImport.objects.exists()


def test_a_plie_editor_previews_then_applies_on_the_staff_page(plie, client_as):
    client = client_as("plie")
    upload = SimpleUploadedFile("parcours.csv", "\n".join([PATHWAY_HEADERS, *PATHWAYS]).encode())
    preview = client.post(reverse("cbe_portal:import_upload", args=["parcours-plie"]), {"file": upload})
    assert "3 à créer" in preview.content.decode() and not Parcours.objects.exists()
    response = client.post(reverse("cbe_portal:import_apply", args=[PendingImport.objects.get().pk]), follow=True)
    assert "3 créé(s)" in response.content.decode()
    assert Parcours.objects.count() == 3 and not PendingImport.objects.exists()
