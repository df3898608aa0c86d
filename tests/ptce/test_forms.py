"""Every rule of the issue: a clear French message, nothing saved."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cbe_portal.models import StoredFile
from cbe_portal.years import FIRST_YEAR
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
    url = reverse("ptce:declaration_create", args=[membership.pk, year])
    return client.post(url, {**FIGURES, **changes})


def test_member_declares_then_corrects_its_figures(client):
    membership = MembershipFactory()
    client = member_client(client, membership)
    response = declare(client, membership)
    assert response.status_code == 302
    declaration = Declaration.objects.get(membership=membership, year=2020)
    assert declaration.emplois == 12 and declaration.chiffre_affaires == 800000
    # The year's link now leads to the declaration to correct.
    page = client.get(reverse("ptce:declaration_create", args=[membership.pk, 2020]), follow=True)
    assert page.redirect_chain == [(declaration.get_absolute_url(), 302)]
    version = page.context["form"].initial["loaded_version"]
    response = client.post(declaration.get_absolute_url(), {**FIGURES, "emplois": 14, "loaded_version": version})
    assert response.status_code == 302
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
    page = client.get(declaration.get_absolute_url())
    assert page.status_code == 200 and "verrouillé" in page.content.decode()
    assert client.post(declaration.get_absolute_url(), {**FIGURES, "emplois": 20}).status_code == 403
    declaration.refresh_from_db()
    assert declaration.emplois == 9
    other = MembershipFactory()
    assert declare(member_client(client, other), other).status_code == 403
    assert not other.declarations.exists()


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
        {"organisation": organisation.pk, "joined_on": "2020-05-01", "left_on": "2019-05-01", "status": "sorti"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "left_on": ["La date de sortie ne peut pas précéder la date d'adhésion."]
    }
    assert not Membership.objects.exists()


def test_membership_is_created(client_as):
    organisation = OrganisationFactory()
    response = client_as("ptce").post(
        reverse("ptce:membership_create"),
        {"organisation": organisation.pk, "joined_on": "2020-05-01", "status": "actif"},
    )
    assert response.status_code == 302
    assert Membership.objects.get().organisation == organisation


# The smallest well-formed PDF and JPEG: uploads are judged by their content (cbe_portal.uploads).
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def publication_form(upload, **data):
    data = {"title": "Livret", "kind": "brochure", "year": 2020, **data}
    return PublicationForm(data, {"file": upload})


def test_a_publication_file_must_be_a_pdf_or_an_image():
    form = publication_form(SimpleUploadedFile("livret.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))
    assert not form.is_valid()
    assert form.errors["file"] == [
        "Ce fichier n'est pas un PDF, PNG, JPEG ou WebP valide : seul son contenu compte, pas son nom."
    ]
    form = publication_form(SimpleUploadedFile("livret.exe", PDF, "application/octet-stream"))
    assert not form.is_valid()
    assert "n’est pas autorisée" in form.errors["file"][0] or "n'est pas autorisée" in form.errors["file"][0]


def test_a_publication_file_is_at_most_20_mb():
    big = SimpleUploadedFile("livre.pdf", PDF + b"0" * (20 * 1024 * 1024), "application/pdf")
    form = publication_form(big)
    assert not form.is_valid()
    assert form.errors["file"] == ["Le fichier dépasse 20 Mo : réduisez-le avant de l'envoyer."]


def test_a_publication_needs_a_file_or_a_link():
    form = PublicationForm({"title": "Livret", "kind": "brochure", "year": 2020})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Joignez un fichier ou indiquez un lien vers la publication."]


def test_a_pdf_is_uploaded_to_the_database_storage(client_as):
    upload = SimpleUploadedFile("livret.pdf", PDF, "application/pdf")
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
    assert response.context["form"].errors["file"][0].startswith("Ce fichier n'est pas un PDF, PNG, JPEG ou WebP")
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


def test_no_declaration_for_a_year_to_come_nor_before_the_first_year(client):
    membership = MembershipFactory()
    client = member_client(client, membership)
    for year in (datetime.date.today().year + 1, FIRST_YEAR - 1, 99999):
        assert client.get(f"/ptce/membres/{membership.pk}/declarations/{year}/").status_code == 404
        assert client.post(f"/ptce/membres/{membership.pk}/declarations/{year}/", FIGURES).status_code == 404
    assert not Declaration.objects.exists()


def test_a_publication_with_a_file_can_be_edited_without_uploading_again(client_as):
    client = client_as("ptce")
    upload = SimpleUploadedFile("photos.jpg", jpeg(), "image/jpeg")
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
    assert client.get(reverse("ptce:declaration_create", args=[membership.pk, 2020])).status_code == 200
    assert declare(client, membership).status_code == 403
    assert not Declaration.objects.exists()
    declaration = DeclarationFactory(emplois=3)
    assert client.post(declaration.get_absolute_url(), {**FIGURES, "loaded_version": "x"}).status_code == 403
    declaration.refresh_from_db()
    assert declaration.emplois == 3


# Plausible data: each refusal is a French message on its field, and nothing is saved.

FUTURE = "Cette date est dans le futur : saisissez une date passée ou celle d'aujourd'hui."


def post_membership(client, membership=None, **data):
    if membership is None:
        data = {"organisation": OrganisationFactory().pk, "joined_on": "2020-05-01", "status": "actif", **data}
        return client.post(reverse("ptce:membership_create"), data)
    url = reverse("ptce:membership_edit", args=[membership.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    data = {"joined_on": membership.joined_on.isoformat(), "loaded_version": version, **data}
    return client.post(url, data)


def test_membership_dates_are_not_in_the_future(client_as):
    client = client_as("ptce")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = post_membership(client, joined_on=tomorrow)
    assert response.context["form"].errors == {"joined_on": [FUTURE]}
    response = post_membership(client, status="sorti", left_on=tomorrow)
    assert response.context["form"].errors == {"left_on": [FUTURE]}
    assert not Membership.objects.exists()


def test_a_leaving_date_only_for_a_member_who_left(client_as):
    client = client_as("ptce")
    for status in ("actif", "observateur"):
        response = post_membership(client, status=status, left_on="2021-01-01")
        assert response.context["form"].errors == {
            "left_on": [
                "Un membre qui n'est pas sorti du PTCE n'a pas de date de sortie : effacez-la "
                "ou choisissez le statut « Sorti du PTCE »."
            ]
        }
    response = post_membership(client, status="sorti")
    assert response.context["form"].errors == {"left_on": ["Indiquez la date de sortie du PTCE."]}
    assert not Membership.objects.exists()


def test_a_member_leaves_and_its_status_follows_the_date(client_as):
    client = client_as("ptce")
    membership = MembershipFactory(is_observer=True)
    assert membership.status == Membership.Status.OBSERVATEUR
    response = post_membership(client, membership, status="sorti", left_on="2021-01-01")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2021, 1, 1) and membership.status == Membership.Status.SORTI
    assert membership not in Membership.objects.current()
    page = client.get(reverse("ptce:membership_edit", args=[membership.pk]))
    assert page.context["form"]["status"].value() == "sorti"
    post_membership(client, membership, status="actif", left_on="")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIF and not membership.is_observer


def test_declared_figures_have_bounds(client):
    membership = MembershipFactory()
    client = member_client(client, membership)
    expected = {
        "adherents": ["Ce chiffre dépasse 100 000 : vérifiez la saisie."],
        "chiffre_affaires": ["Ce chiffre dépasse 1 000 000 000 € : vérifiez la saisie."],
    }
    response = declare(client, membership, adherents=100_001, chiffre_affaires=1_000_000_001)
    assert response.context["form"].errors == expected
    # Beyond what the database holds, the same words (not the database's limit).
    response = declare(client, membership, adherents=10**12, chiffre_affaires=10**20)
    assert response.context["form"].errors == expected
    assert not Declaration.objects.exists()
    assert declare(client, membership, adherents=100_000, chiffre_affaires=1_000_000_000).status_code == 302


def test_no_declaration_after_leaving(client):
    membership = MembershipFactory(left_on=datetime.date(2019, 12, 31))
    response = declare(member_client(client, membership), membership, year=2020)
    assert response.context["form"].non_field_errors() == [
        f"{membership} a quitté le PTCE le 31 décembre 2019 : il ne peut pas déclarer de chiffres pour 2020."
    ]
    assert not Declaration.objects.exists()
    assert declare(client, membership, year=2019).status_code == 302


def test_the_profile_phone_number_is_checked(client):
    membership = MembershipFactory(organisation__phone="")
    client = member_client(client, membership)
    url = reverse("ptce:profile_edit", args=[membership.pk])
    version = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(url, {"phone": "05 59 64", "loaded_version": version})
    assert response.context["form"].errors == {
        "phone": [
            "Saisissez un numéro de téléphone à 10 chiffres (05 59 64 44 54) "
            "ou au format international (+33 5 59 64 44 54)."
        ]
    }
    membership.organisation.refresh_from_db()
    assert membership.organisation.phone == ""
    assert client.post(url, {"phone": "05 59 64 44 54", "loaded_version": version}).status_code == 302


def test_a_publication_year_is_plausible():
    current = datetime.date.today().year
    for year in (1999, current + 1):
        form = PublicationForm({"title": "Livret", "kind": "brochure", "year": year, "link": "https://example.org"})
        assert form.errors == {"year": [f"Saisissez une année de parution entre 2000 et {current}."]}


def test_a_project_starts_at_most_a_year_ahead(client_as):
    from ptce.models import Project
    from tests.ptce.factories import ThemeFactory

    far = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    data = {"name": "Grândola", "theme": ThemeFactory().pk, "status": "emergence", "started_on": far}
    response = client_as("ptce").post(reverse("ptce:project_create"), data)
    assert response.context["form"].errors == {"started_on": ["Cette date est à plus d'un an : vérifiez l'année."]}
    assert not Project.objects.exists()
