"""Uploads checked on their content, never on their name or declared type, and served safely."""

import html
import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cbe_portal import storage, uploads
from cbe_portal.models import Organisation, StoredFile
from ptce.models import Publication
from tests.factories import OrganisationFactory, UserFactory

PROJECT_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "mot-de-passe-de-test"


def text(response) -> str:
    return html.unescape(response.content.decode())


def image(kind: str, size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# A WebP signature, then a script: what a browser sniffing the content would run.
FAKE_WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"alert(document.cookie);//" * 4
HTML = b"<!doctype html><html><body><script>fetch('/espace/')</script></body></html>"


# Uploads: the type comes from the content.


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(image("PNG"), "image/png", id="png"),
        pytest.param(image("JPEG"), "image/jpeg", id="jpeg"),
        pytest.param(image("WEBP"), "image/webp", id="webp"),
        pytest.param(PDF, "application/pdf", id="pdf"),
        pytest.param(image("GIF"), uploads.UNKNOWN, id="gif-not-accepted"),
        pytest.param(FAKE_WEBP, uploads.UNKNOWN, id="fake-webp"),
        pytest.param(HTML, uploads.UNKNOWN, id="html"),
        pytest.param(image("PNG")[:40], uploads.UNKNOWN, id="truncated-png"),
        pytest.param(PDF.replace(b"%%EOF", b""), uploads.UNKNOWN, id="pdf-without-eof"),
        pytest.param(PDF + b"<script>alert(1)</script>\n%%EOF", uploads.UNKNOWN, id="pdf-with-script"),
        pytest.param(image("PNG") + b"<html><script>alert(1)</script>", uploads.UNKNOWN, id="png-then-html"),
        pytest.param(b"", uploads.UNKNOWN, id="empty"),
    ],
)
def test_the_type_is_read_from_the_content(content, expected):
    assert uploads.detect(io.BytesIO(content)) == expected


def logo_form_data(organisation, **extra):
    organisation.refresh_from_db()
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "commune": organisation.commune_id,
        "loaded_version": organisation.updated_at.isoformat(),
        **extra,
    }


@pytest.fixture
def coordination(client):
    client.force_login(UserFactory(roles=["coordination"]))
    return client


def upload_logo(client, organisation, content, name="logo.png", content_type="image/png"):
    url = reverse("cbe_portal:organisation_edit", args=[organisation.pk])
    logo = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(url, logo_form_data(organisation, logo=logo))


def test_a_logo_is_stored_with_the_type_of_its_content(coordination):
    organisation = OrganisationFactory()
    # The browser says HTML: only the content counts.
    response = upload_logo(coordination, organisation, image("WEBP"), name="logo.webp", content_type="text/html")
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert StoredFile.objects.get(name=organisation.logo.name).content_type == "image/webp"


@pytest.mark.parametrize(
    ("content", "name"),
    [(FAKE_WEBP, "logo.webp"), (HTML, "logo.png"), (image("GIF"), "logo.png"), (PDF, "logo.png")],
    ids=["fake-webp", "html", "gif", "pdf"],
)
def test_a_disguised_logo_is_refused_in_french(coordination, content, name):
    organisation = OrganisationFactory()
    response = upload_logo(coordination, organisation, content, name=name)
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert any("image" in error or "PNG, JPEG ou WebP" in error for error in errors), errors
    assert not StoredFile.objects.exists()


def test_a_logo_over_2_mo_is_refused(coordination):
    noise = Image.frombytes("RGB", (1000, 800), os.urandom(1000 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > 2 * 1024 * 1024
    response = upload_logo(coordination, OrganisationFactory(), buffer.getvalue())
    assert response.context["form"].errors["logo"] == ["Le fichier dépasse 2 Mo : réduisez-le avant de l'envoyer."]


@pytest.mark.parametrize("content", [FAKE_WEBP, HTML, image("GIF")], ids=["fake-webp", "html", "gif"])
def test_a_disguised_publication_is_refused(content):
    field = Publication._meta.get_field("file")
    with pytest.raises(Exception) as refused:
        field.run_validators(SimpleUploadedFile("brochure.pdf", content, content_type="application/pdf"))
    assert "n'est pas un PDF, PNG, JPEG ou WebP valide" in str(refused.value)
    field.run_validators(SimpleUploadedFile("brochure.pdf", PDF, content_type="application/pdf"))


def test_a_publication_over_20_mo_is_refused():
    big = SimpleUploadedFile("livre.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024) + b"%%EOF")
    with pytest.raises(Exception, match="dépasse 20 Mo"):
        Publication._meta.get_field("file").run_validators(big)


def test_a_replaced_or_cleared_logo_is_removed_from_storage(coordination, client):
    organisation = OrganisationFactory()
    upload_logo(coordination, organisation, image("PNG"))
    organisation.refresh_from_db()
    first = organisation.logo.url
    assert client.get(first).status_code == 200

    upload_logo(coordination, organisation, image("JPEG"), name="nouveau.jpg")
    organisation.refresh_from_db()
    assert client.get(first).status_code == 404
    second = organisation.logo.name
    assert StoredFile.objects.filter(name=second).exists()

    url = reverse("cbe_portal:organisation_edit", args=[organisation.pk])
    coordination.post(url, logo_form_data(organisation, **{"logo-clear": "on"}))
    assert not StoredFile.objects.exists()


def test_a_deleted_record_takes_its_file_along():
    organisation = OrganisationFactory()
    organisation.logo.save("logo.png", SimpleUploadedFile("logo.png", image("PNG")))
    assert StoredFile.objects.count() == 1
    Organisation.objects.filter(pk=organisation.pk).delete()
    assert not StoredFile.objects.exists()


# Serving: the stored type, never sniffed, a sandbox, documents downloaded, in slices.


def serve(client, name, content, content_type):
    StoredFile.objects.create(name=name, content=content, size=len(content), content_type=content_type)
    return client.get(reverse("cbe_portal:stored_file", args=[name]))


def test_an_image_is_shown_inline_in_a_sandbox(client):
    content = image("PNG")
    response = serve(client, "logos/cbe.png", content, "image/png")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"] == 'inline; filename="cbe.png"'
    assert b"".join(response.streaming_content) == content


def test_a_document_is_downloaded(client):
    response = serve(client, "ptce/publications/livre.pdf", PDF, "application/pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="livre.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_file_of_another_type_is_served_as_bytes_to_download(client):
    # A file stored before the checks, with the type its uploader declared.
    response = serve(client, "logos/page.png", HTML, "text/html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_large_file_is_read_in_slices(client, django_assert_num_queries):
    content = os.urandom(storage.CHUNK_SIZE * 2 + 10)
    StoredFile.objects.create(name="livre.pdf", content=content, size=len(content), content_type="application/pdf")
    # 1 query for the file's type and size (not its content), then 1 per slice of 256 Kio.
    with django_assert_num_queries(1 + 3):
        response = client.get(reverse("cbe_portal:stored_file", args=["livre.pdf"]))
        assert response.streaming
        assert b"".join(response.streaming_content) == content


def test_public_files_stay_cacheable(client):
    client.force_login(UserFactory(roles=["coordination"]))
    response = serve(client, "logos/cbe.png", image("PNG"), "image/png")
    assert "public" in response["Cache-Control"]
