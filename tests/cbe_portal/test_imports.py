"""Importing the CBE's spreadsheets: matched not duplicated, every bad cell reported, all or nothing."""

import datetime
import io
import threading
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cbe_portal import imports
from cbe_portal.models import Organisation, PendingImport, Person, User
from tests.factories import PersonFactory, UserFactory

HEADER = "Nom;Prénom;Genre;Date de naissance;Courriel;Téléphone;Adresse;Commune\n"


def run(content: str | bytes, filename="personnes.csv", name="personnes", dry_run=False):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return imports.run(imports.formats()[name], data, filename, UserFactory(), dry_run)


def test_export_then_import_gives_the_same_people_and_no_duplicate(client_as):
    PersonFactory(first_name="Aïcha", last_name="Benali", birth_date=datetime.date(1990, 5, 4), phone="05 59 64 44 54")
    PersonFactory(first_name="Jon", last_name="Etxeberri", gender="M")
    client = client_as("coordination")
    exported = client.get(reverse("cbe_portal:person_list"), {"export": "csv"}).content
    before = list(Person.objects.order_by("pk").values())
    result = run(exported)
    assert result.ok, result.problems
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 2}
    assert list(Person.objects.order_by("pk").values()) == before


def test_a_person_is_matched_accents_and_case_ignored_and_updated():
    person = PersonFactory(first_name="Aïcha", last_name="Benali", birth_date=datetime.date(1990, 5, 4), email="")
    result = run(HEADER + "BENALI;aicha;Femme;04/05/1990;aicha@example.org;;;Tarnos\n")
    assert result.counts == {"created": 0, "updated": 1, "unchanged": 0}
    person.refresh_from_db()
    assert person.email == "aicha@example.org" and Person.objects.count() == 1
    assert (person.first_name, person.last_name) == ("Aïcha", "Benali")  # the recorded spelling stays


def test_every_bad_row_is_reported_and_a_bad_last_row_writes_nothing():
    content = HEADER + (
        "Durand;Léa;Femme;12/03/1985;;;;\n"
        "Martin;Paul;Homme;31/02/1980;;;;\n"  # no 31 February
        "Petit;Zoé;Inconnu;01/01/1990;;pas de téléphone;;\n"
        "Roux;Ana;Femme;01/01/1991;;;;Atlantide\n"
    )
    result = run(content)
    assert [(p.line, p.column) for p in result.problems] == [
        (3, "Date de naissance"), (4, "Genre"), (5, "Commune"),
    ]  # fmt: skip
    assert result.problems[0].message == "cette date n'existe pas (jour ou mois hors du calendrier)"
    assert result.problems[0].value == "31/02/1980"
    assert not Person.objects.exists()
    # The phone of line 4 is checked too, once its gender is right: the form's own rule, on its column.
    result = run(HEADER + "Petit;Zoé;Femme;01/01/1990;;pas de téléphone;;\n")
    assert [(p.line, p.column) for p in result.problems] == [(2, "Téléphone")]
    assert "numéro de téléphone" in result.problems[0].message


def test_windows_1252_with_commas_and_a_formula_cell_stored_as_text():
    content = 'Nom,Prénom,Genre,Adresse\nLefèvre,Hélène,Femme,"=HYPERLINK(""x"")"\n'.encode("cp1252")
    result = run(content)
    assert result.ok, result.problems
    person = Person.objects.get()
    assert (person.last_name, person.address) == ("Lefèvre", '=HYPERLINK("x")')


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "vide.csv", "vide"),
        (b"Nom;Prenom\n", "entetes.csv", "aucune ligne"),
        (b"Nom;Genre\nDurand;Femme\n", "colonne.csv", "Prénom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "image.csv", "pas un fichier texte"),
        (b"Nom;Prenom\nx;y\n", "rapport.pdf", "CSV ou XLSX"),
        (b"PK\x03\x04 not really", "classeur.xlsx", "XLSX"),
        (b"x" * (imports.MAX_BYTES + 1), "gros.csv", "20 Mo"),
    ],
)
def test_bad_files_get_a_clear_message(content, filename, message, client_as):
    client = client_as("plie")
    upload = SimpleUploadedFile(filename, content)
    response = client.post(reverse("cbe_portal:import_upload", args=["personnes"]), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PendingImport.objects.exists() and not Person.objects.exists()


def test_the_staff_page_previews_then_applies(client_as):
    client = client_as("ptce")
    upload = SimpleUploadedFile("orgas.csv", b"Nom;Type;Commune\nScop du Port;SCOP;Tarnos\n")
    preview = client.post(reverse("cbe_portal:import_upload", args=["organisations"]), {"file": upload})
    assert "1 à créer" in preview.content.decode()
    assert not Organisation.objects.exists()
    pending = PendingImport.objects.get()
    client.post(reverse("cbe_portal:import_apply", args=[pending.pk]))
    assert Organisation.objects.get().name == "Scop du Port"
    assert not PendingImport.objects.exists()
    again = SimpleUploadedFile("orgas.csv", b"Nom;Type;Commune\nSCOP DU PORT;Scop;tarnos\n")
    preview = client.post(reverse("cbe_portal:import_upload", args=["organisations"]), {"file": again})
    assert "0 à créer" in preview.content.decode() and "1 inchangée" in preview.content.decode()


def test_read_only_staff_cannot_import(client_as):
    assert client_as("plie-lecture").get(reverse("cbe_portal:import_list")).status_code == 403


def test_the_command_checks_then_imports(tmp_path):
    UserFactory(username="coordination")
    path = tmp_path / "personnes.csv"
    path.write_text(HEADER + "Durand;Léa;Femme;12/03/1985;;;;\n", encoding="utf-8")
    call_command("import_data", "personnes", str(path), "--dry-run", stdout=StringIO(), stderr=StringIO())
    assert not Person.objects.exists()
    call_command("import_data", "personnes", str(path), stdout=StringIO(), stderr=StringIO())
    assert Person.objects.get().last_name == "Durand"
    path.write_text(HEADER + "Petit;Zoé;Femme;31/02/1990;;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 erreur"):
        call_command("import_data", "personnes", str(path), stdout=StringIO(), stderr=StringIO())


def test_xlsx_files_are_read():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Prénom", "Genre", "Date de naissance"])
    workbook.active.append(["Durand", "Léa", "Femme", datetime.datetime(1985, 3, 12)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run(buffer.getvalue(), filename="personnes.xlsx").ok
    assert Person.objects.get().birth_date == datetime.date(1985, 3, 12)


def finish_background_imports() -> None:
    """Wait for the imports' threads (no sleep: each thread is joined)."""
    for thread in threading.enumerate():
        if thread.name.startswith("import-"):
            thread.join(timeout=60)


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_BACKGROUND_LINES=20)
def test_a_large_file_is_checked_then_applied_in_the_background_with_its_progress_shown(client_as):
    """Above the threshold, the preview and the import run in a thread of their own (the test is
    transactional: the thread's connection sees only what is committed)."""
    client = client_as("coordination")
    lines = [f"Durand{n};Léa;Femme;12/03/1985;;;;" for n in range(25)]
    upload = SimpleUploadedFile("personnes.csv", (HEADER + "\n".join(lines) + "\n").encode())
    response = client.post(reverse("cbe_portal:import_upload", args=["personnes"]), {"file": upload})
    pending = PendingImport.objects.get()
    status_url = f"{reverse('cbe_portal:import_upload', args=['personnes'])}?suivi={pending.pk}"
    assert response.status_code == 302 and response["Location"] == status_url
    finish_background_imports()
    page = client.get(status_url).content.decode()
    assert "25 à créer" in page and "Importer ces 25 lignes" in page and not Person.objects.exists()

    response = client.post(reverse("cbe_portal:import_apply", args=[pending.pk]))
    assert response["Location"] == status_url
    running = client.get(status_url).content.decode()  # the thread may have finished already
    assert 'aria-live="polite"' in running or "est importé" in running
    finish_background_imports()
    assert Person.objects.count() == 25  # really written, by the thread's own connection
    pending.refresh_from_db()
    assert (pending.status, pending.done, bytes(pending.content)) == (PendingImport.Status.APPLIED, 25, b"")
    page = client.get(status_url).content.decode()
    assert "« personnes.csv » est importé" in page and "25 créé(s), 0 mis à jour, 0 inchangé(s)" in page
    assert 'aria-live="polite"' not in page  # done: the page no longer refreshes


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_BACKGROUND_LINES=20)
def test_a_large_file_with_a_bad_last_line_shows_every_problem_and_writes_nothing(client_as):
    client = client_as("coordination")
    lines = [f"Durand{n};Léa;Femme;12/03/1985;;;;" for n in range(24)] + ["Martin;Paul;Homme;31/02/1980;;;;"]
    upload = SimpleUploadedFile("personnes.csv", (HEADER + "\n".join(lines) + "\n").encode())
    response = client.post(reverse("cbe_portal:import_upload", args=["personnes"]), {"file": upload})
    finish_background_imports()
    page = client.get(response["Location"]).content.decode()
    assert (
        "1 erreur : rien n'est importé" in page and "<td>26</td><td>Date de naissance</td><td>31/02/1980</td>" in page
    )
    assert PendingImport.objects.get().status == PendingImport.Status.REFUSED
    assert not Person.objects.exists()
    # Someone else's import is not shown.
    other = client_as("plie").get(response["Location"])
    assert other.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_progress_is_written_through_a_connection_of_its_own():
    """What the page reads while the import's own transaction is still open."""
    pending = PendingImport.objects.create(
        format="personnes", filename="p.csv", content=b"", created_by=UserFactory(), lines=300, status="verification"
    )
    with imports.progress_writer(pending) as progress:
        progress(150, 300)
    pending.refresh_from_db()
    assert (pending.done, pending.percent, pending.is_running) == (150, 50, True)


def test_an_import_whose_server_stopped_is_shown_interrupted(client_as):
    """A restart kills the thread and rolls its transaction back: the page stops waiting for it."""
    client = client_as("coordination")
    user = User.objects.get(pk=client.session["_auth_user_id"])
    pending = PendingImport.objects.create(
        format="personnes", filename="p.csv", content=b"x", created_by=user, lines=3000, status="import"
    )
    url = f"{reverse('cbe_portal:import_upload', args=['personnes'])}?suivi={pending.pk}"
    assert 'aria-live="polite"' in client.get(url).content.decode()  # still running a minute later
    PendingImport.objects.filter(pk=pending.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=11))
    page = client.get(url).content.decode()
    assert "s'est interrompu : rien n'est importé" in page and 'aria-live="polite"' not in page
    pending.refresh_from_db()
    assert (pending.status, bytes(pending.content)) == (PendingImport.Status.FAILED, b"")


def test_the_command_shows_a_progress_bar_on_large_files(tmp_path):
    UserFactory(username="coordination")
    path = tmp_path / "personnes.csv"
    path.write_text(HEADER + "".join(f"Durand{n};Léa;Femme;12/03/1985;;;;\n" for n in range(200)), encoding="utf-8")
    stderr = StringIO()
    call_command("import_data", "personnes", str(path), "--dry-run", stdout=StringIO(), stderr=stderr)
    assert "200/200 lignes" in stderr.getvalue() and not Person.objects.exists()
