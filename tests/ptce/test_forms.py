"""Every rule of the issue: a clear French message, nothing saved."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cbe_portal.models import StoredFile
from ptce.forms import PublicationForm
from ptce.models import Declaration, LockedYear, Membership, Publication
from tests.factories import OrganisationFactory, UserFactory
from tests.ptce.factories import DeclarationFactory, MembershipFactory

FIGURES = {
    "emplois": 12, "emplois_permanents": 8, "entreprises_partenaires": 30, "adherents": 150,
    "partenaires_exterieurs": 6, "stagiaires_formes": 20, "contrats_professionnalisation": 4,
    "parcours_insertion": 2, "porteurs_projet_accompagnes": 5, "chiffre_affaires": 800000,
}  # fmt: skip


def member_client(client, membership):
    client.force_login(UserFactory(roles=["membre"], organisation=membership.organisation))
    return client


def declare(client, membership, year=2020, **changes):
    url = reverse("ptce:declaration_form", args=[membership.pk, year])
    return client.post(url, {**FIGURES, **changes})


def test_member_declares_then_corrects_its_figures(client):
    membership = MembershipFactory()
    client = member_client(client, membership)
    response = declare(client, membership)
    assert response.status_code == 302
    declaration = Declaration.objects.get(membership=membership, year=2020)
    assert declaration.emplois == 12 and declaration.chiffre_affaires == 800000
    page = client.get(reverse("ptce:declaration_form", args=[membership.pk, 2020]))
    version = page.context["form"].initial["loaded_version"]
    declare(client, membership, emplois=14, loaded_version=version)
    declaration.refresh_from_db()
    assert declaration.emplois == 14


def test_negative_figures_are_refused(client):
    membership = MembershipFactory()
    response = declare(member_client(client, membership), membership, adherents=-3)
    assert response.status_code == 200
    assert "Un chiffre ne peut pas être négatif." in response.content.decode()
    assert not Declaration.objects.exists()


def test_permanent_jobs_cannot_exceed_jobs(client):
    membership = MembershipFactory()
    response = declare(member_client(client, membership), membership, emplois=5, emplois_permanents=6)
    assert "Les emplois permanents ne peuvent pas dépasser le nombre d&#x27;emplois." in response.content.decode()
    assert not Declaration.objects.exists()


def test_no_declaration_for_a_year_before_joining(client):
    membership = MembershipFactory(joined_on=datetime.date(2020, 6, 15))
    response = declare(member_client(client, membership), membership, year=2019)
    assert response.status_code == 200
    assert "a adhéré au PTCE en 2020 : il ne peut pas déclarer de chiffres pour 2019." in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_locked_year_can_be_read_but_not_corrected(client):
    declaration = DeclarationFactory(emplois=9)
    LockedYear.objects.create(year=2020)
    client = member_client(client, declaration.membership)
    page = client.get(reverse("ptce:declaration_form", args=[declaration.membership.pk, 2020]))
    assert page.status_code == 200 and "verrouillé" in page.content.decode()
    assert declare(client, declaration.membership, emplois=20).status_code == 403
    declaration.refresh_from_db()
    assert declaration.emplois == 9


def test_coordination_locks_and_unlocks_a_year(client_as):
    client = client_as("coordination")
    client.post(reverse("ptce:year_lock", args=[2020]))
    assert LockedYear.is_locked(2020)
    client.post(reverse("ptce:year_lock", args=[2020]))
    assert not LockedYear.is_locked(2020)


def test_ptce_staff_cannot_lock_a_year(client_as):
    assert client_as("ptce").post(reverse("ptce:year_lock", args=[2020])).status_code == 403
    assert not LockedYear.objects.exists()


def test_membership_cannot_end_before_it_starts(client_as):
    organisation = OrganisationFactory()
    response = client_as("ptce").post(
        reverse("ptce:membership_create"),
        {"organisation": organisation.pk, "joined_on": "2020-05-01", "left_on": "2019-05-01", "status": "actif"},
    )
    assert response.status_code == 200
    assert "La date de sortie ne peut pas précéder la date d&#x27;adhésion." in response.content.decode()
    assert not Membership.objects.exists()


def test_membership_is_created(client_as):
    organisation = OrganisationFactory()
    response = client_as("ptce").post(
        reverse("ptce:membership_create"),
        {"organisation": organisation.pk, "joined_on": "2020-05-01", "status": "actif"},
    )
    assert response.status_code == 302
    assert Membership.objects.get().organisation == organisation


def publication_form(upload, **data):
    data = {"title": "Livret", "kind": "brochure", "year": 2020, **data}
    return PublicationForm(data, {"file": upload})


def test_a_publication_file_must_be_a_pdf_or_an_image():
    form = publication_form(SimpleUploadedFile("livret.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))
    assert not form.is_valid()
    assert form.errors["file"] == ["Le fichier doit être un PDF ou une image (JPEG, PNG, WebP)."]
    form = publication_form(SimpleUploadedFile("livret.exe", b"%PDF-1.7", "application/octet-stream"))
    assert not form.is_valid()
    assert "n’est pas autorisée" in form.errors["file"][0] or "n'est pas autorisée" in form.errors["file"][0]


def test_a_publication_file_is_at_most_20_mb():
    big = SimpleUploadedFile("livre.pdf", b"%PDF-1.7" + b"0" * (20 * 1024 * 1024), "application/pdf")
    form = publication_form(big)
    assert not form.is_valid()
    assert form.errors["file"] == ["Le fichier dépasse 20 Mo : réduisez-le ou donnez plutôt un lien."]


def test_a_publication_needs_a_file_or_a_link():
    form = PublicationForm({"title": "Livret", "kind": "brochure", "year": 2020})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Joignez un fichier ou indiquez un lien vers la publication."]


def test_a_pdf_is_uploaded_to_the_database_storage(client_as):
    upload = SimpleUploadedFile("livret.pdf", b"%PDF-1.7 contenu", "application/pdf")
    response = client_as("ptce").post(
        reverse("ptce:publication_create"), {"title": "Livret", "kind": "brochure", "year": 2020, "file": upload}
    )
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert StoredFile.objects.get(name=publication.file.name).content_type == "application/pdf"
    refused = SimpleUploadedFile("photo.png", b"GIF89a", "image/png")
    response = client_as("ptce").post(
        reverse("ptce:publication_create"), {"title": "Photo", "kind": "livre_photos", "year": 2020, "file": refused}
    )
    assert "Le fichier doit être un PDF ou une image" in response.content.decode()
    assert Publication.objects.count() == 1


def test_concurrent_edit_of_a_profile_is_refused(client):
    membership = MembershipFactory()
    client = member_client(client, membership)
    url = reverse("ptce:profile_edit", args=[membership.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    membership.organisation.description = "Changée par l'équipe"
    membership.organisation.save()
    response = client.post(url, {"description": "Ma version", "loaded_version": version})
    assert "modifiée par quelqu&#x27;un d&#x27;autre" in response.content.decode()
    membership.organisation.refresh_from_db()
    assert membership.organisation.description == "Changée par l'équipe"


def test_no_declaration_for_a_year_to_come(client):
    membership = MembershipFactory()
    next_year = datetime.date.today().year + 1
    response = declare(member_client(client, membership), membership, year=next_year)
    assert f"L&#x27;année {next_year} n&#x27;a pas commencé" in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_publication_with_a_file_can_be_edited_without_uploading_again(client_as):
    client = client_as("ptce")
    upload = SimpleUploadedFile("photos.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")
    client.post(
        reverse("ptce:publication_create"), {"title": "Photos", "kind": "livre_photos", "year": 2020, "file": upload}
    )
    publication = Publication.objects.get()
    url = reverse("ptce:publication_edit", args=[publication.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(
        url, {"title": "Photos 2020", "kind": "livre_photos", "year": 2020, "loaded_version": version}
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "Photos 2020" and publication.file.name.endswith(".jpg")


def test_a_project_cannot_end_before_it_starts(client_as):
    from ptce.models import Project
    from tests.ptce.factories import ThemeFactory

    theme = ThemeFactory()
    data = {"name": "Grândola", "theme": theme.pk, "status": "emergence", "started_on": "2020-10-01"}
    response = client_as("ptce").post(reverse("ptce:project_create"), {**data, "ended_on": "2020-01-01"})
    assert "La fin du projet ne peut pas précéder son début." in response.content.decode()
    assert not Project.objects.exists()
    assert client_as("ptce").post(reverse("ptce:project_create"), data).status_code == 302


def test_read_only_staff_cannot_declare(client_as):
    membership = MembershipFactory()
    client = client_as("ptce-lecture")
    assert client.get(reverse("ptce:declaration_form", args=[membership.pk, 2020])).status_code == 200
    assert declare(client, membership).status_code == 403
    assert not Declaration.objects.exists()
