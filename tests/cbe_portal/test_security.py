"""Uploads checked on their content and served safely; log-ins throttled, with a second factor;
no 500 for a number too large or a database out of reach; the demo's database stops with it."""

import datetime
import html
import io
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, OperationalError, connection
from django.http import Http404, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from cbe_portal import storage, uploads
from cbe_portal.embedded_db import EmbeddedPostgres
from cbe_portal.middleware import FailSafeMiddleware
from cbe_portal.models import Organisation, StoredFile
from cbe_portal.views.errors import server_error
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


# Log-ins: throttled per account and per address, a second factor, short sessions.


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_ten_wrong_passwords_lock_the_account_even_with_the_right_one(client):
    UserFactory(username="coordination", roles=["coordination"])
    for _ in range(30):
        response = log_in(client, "coordination", "faux")
    assert response.status_code == 429
    # The 31st try, with the right password, from another address.
    response = log_in(client, "coordination", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Connexion momentanément bloquée" in text(response)
    assert "30 minutes" in text(response)
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_address_lock_it_for_every_account(client):
    UserFactory(username="marie")
    for number in range(10):
        log_in(client, f"inconnu{number}", "faux")
    assert log_in(client, "marie").status_code == 429
    # Another address is not locked out.
    assert log_in(client, "marie", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_the_lock_ends_after_30_minutes(client):
    from axes.models import AccessAttempt

    UserFactory(username="marie")
    for _ in range(10):
        log_in(client, "marie", "faux")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert log_in(client, "marie").status_code == 302


def test_a_success_resets_the_count(client):
    UserFactory(username="marie")
    for _ in range(9):
        log_in(client, "marie", "faux")
    assert log_in(client, "marie").status_code == 302
    client.logout()
    for _ in range(9):
        log_in(client, "marie", "faux")
    assert log_in(client, "marie").status_code == 302


def code_at(key_hex: str, offset_steps: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time() + 30 * offset_steps
    return f"{totp.token():06d}"


def turn_on_two_factor(client) -> tuple[str, list[str]]:
    """Through the pages, as a person does: the set-up page, then the first code."""
    response = client.get(reverse("cbe_portal:two_factor_setup"))
    assert response.status_code == 200
    key = client.session["two_factor_setup_key"]
    response = client.post(reverse("cbe_portal:two_factor_setup"), {"code": code_at(key)})
    assert response["Location"] == reverse("cbe_portal:two_factor")
    page = client.get(reverse("cbe_portal:two_factor"))
    return key, page.context["new_codes"]


def test_staff_turn_on_the_second_factor_from_the_staff_space(client):
    user = UserFactory(roles=["plie"])
    client.force_login(user)
    page = client.get(reverse("cbe_portal:two_factor_setup"))
    shown = text(page)
    assert "<svg" in shown and "QR code" in shown  # drawn here, no outside service
    secret = page.context["secret"]
    assert len(secret.replace(" ", "")) == 32 and secret in shown

    wrong = client.post(reverse("cbe_portal:two_factor_setup"), {"code": "000000"})
    assert "Ce code ne correspond pas" in text(wrong)

    _key, codes = turn_on_two_factor(client)
    assert len(codes) == 10
    # The codes are shown once only.
    assert client.get(reverse("cbe_portal:two_factor")).context["new_codes"] == []
    assert "activée" in text(client.get(reverse("cbe_portal:two_factor")))


def test_log_in_asks_for_the_code_once_turned_on(client):
    user = UserFactory(username="marie", roles=["plie"])
    client.force_login(user)
    key, codes = turn_on_two_factor(client)
    client.logout()

    response = log_in(client, "marie")
    assert response["Location"].startswith(reverse("login_verify"))
    assert "_auth_user_id" not in client.session  # not logged in before the code
    wrong = client.post(reverse("login_verify"), {"code": "123456"})
    assert "Ce code n'est pas valide" in text(wrong)
    assert "_auth_user_id" not in client.session

    # django-otp's throttling: after a failure, even the right code waits (a second, then 2, 4…).
    assert client.post(reverse("login_verify"), {"code": code_at(key, 1)}).status_code == 200
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=5))
    response = client.post(reverse("login_verify"), {"code": code_at(key, 1)})
    assert response["Location"] == reverse("cbe_portal:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("cbe_portal:dashboard")).wsgi_request.user.is_verified()

    # A recovery code works once.
    client.logout()
    log_in(client, "marie")
    assert client.post(reverse("login_verify"), {"code": codes[0]})["Location"] == reverse("cbe_portal:dashboard")
    client.logout()
    log_in(client, "marie")
    assert client.post(reverse("login_verify"), {"code": codes[0]}).status_code == 200


def test_the_code_page_needs_a_password_just_checked(client):
    user = UserFactory(username="marie")
    client.force_login(user)
    turn_on_two_factor(client)
    client.logout()
    log_in(client, "marie")
    session = client.session
    session["two_factor_pending"]["at"] -= 301
    session.save()
    assert client.get(reverse("login_verify"))["Location"] == reverse("login")


def test_the_admin_logs_in_through_the_portal_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/comptes/login/?next=/admin/"


def test_turning_it_off_needs_a_code(client):
    client.force_login(UserFactory())
    _key, codes = turn_on_two_factor(client)
    client.post(reverse("cbe_portal:two_factor_disable"), {"code": "000000"})
    assert client.get(reverse("cbe_portal:two_factor")).context["enabled"]
    client.post(reverse("cbe_portal:two_factor_disable"), {"code": codes[1]})
    assert not client.get(reverse("cbe_portal:two_factor")).context["enabled"]


def test_new_recovery_codes_replace_the_old_ones(client):
    client.force_login(UserFactory())
    _key, codes = turn_on_two_factor(client)
    client.post(reverse("cbe_portal:two_factor_codes"), {"code": codes[0]})
    page = client.get(reverse("cbe_portal:two_factor"))
    assert len(page.context["new_codes"]) == 10 and not set(codes) & set(page.context["new_codes"])


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_staff_without_a_device_are_sent_to_the_set_up_page(client):
    UserFactory(username="marie", roles=["gpect"])
    response = log_in(client, "marie")
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == reverse("cbe_portal:two_factor_setup")
    assert client.get(reverse("cbe_portal:person_list"))["Location"] == reverse("cbe_portal:two_factor_setup")
    assert "obligatoire" in text(client.get(reverse("cbe_portal:two_factor_setup")))
    turn_on_two_factor(client)
    assert client.get(reverse("cbe_portal:dashboard")).status_code == 200


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_a_session_without_the_code_is_closed(client):
    user = UserFactory(roles=["gpect"])
    client.force_login(user)
    turn_on_two_factor(client)
    other = Client()
    other.force_login(user)  # a password alone, as before the second factor was turned on
    response = other.get(reverse("cbe_portal:dashboard"))
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in other.session


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_partners_are_not_asked(client):
    client.force_login(UserFactory(roles=["partenaire"]))
    assert client.get(reverse("cbe_portal:dashboard")).status_code == 200


def test_the_demo_accounts_log_in_with_a_password_alone(client, settings):
    assert settings.OTP_REQUIRED_FOR_STAFF is False
    UserFactory(username="plie", roles=["plie"])
    assert log_in(client, "plie")["Location"] == reverse("cbe_portal:dashboard")


def test_a_session_ends_after_30_minutes_without_a_request(client):
    from django.contrib.sessions.models import Session

    client.force_login(UserFactory(roles=["plie"]))
    # Just logged in: the expiry is fresh, a request does not write it again.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("cbe_portal:dashboard"))
    assert not [query for query in queries if 'UPDATE "django_session"' in query["sql"]]
    # Two minutes later, a request pushes the expiry back to 30 minutes from now.
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=28))
    response = client.get(reverse("cbe_portal:dashboard"))
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
    expiry = Session.objects.get().expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < expiry <= datetime.timedelta(minutes=30)
    # Past it, the session is over.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("cbe_portal:dashboard"))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ["cbe_portal:dashboard", "cbe_portal:person_list", "cbe_portal:home"])
def test_no_page_seen_logged_in_is_kept_in_a_cache(client, url_name):
    client.force_login(UserFactory(roles=["coordination"]))
    assert client.get(reverse(url_name))["Cache-Control"] == "no-store, private"


def test_public_files_stay_cacheable(client):
    client.force_login(UserFactory(roles=["coordination"]))
    response = serve(client, "logos/cbe.png", image("PNG"), "image/png")
    assert "public" in response["Cache-Control"]


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_it_saw(client):
    from cbe_portal.backends import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"  # the first one is whatever the visitor wrote
    with override_settings(BEHIND_PROXY=False):
        assert client_ip(request) == "10.0.0.1"


def test_the_proxy_header_is_trusted_only_behind_a_proxy(monkeypatch):
    settings_file = str(PROJECT_DIR / "cbe_portal" / "settings.py")
    monkeypatch.delenv("BEHIND_PROXY", raising=False)
    assert "SECURE_PROXY_SSL_HEADER" not in runpy.run_path(settings_file)
    monkeypatch.setenv("BEHIND_PROXY", "1")
    assert runpy.run_path(settings_file)["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


# Robustness: numbers too large, a database out of reach.


@login_not_required
def write_number(request, number):
    # What a view may do with a number from its URL: store it in a column too small for it.
    StoredFile.objects.create(name="nombre", content=b"", size=number)
    return HttpResponse("ok")


# The portal's URLs (its error pages link to them) and one more view.
urlpatterns = [path("nombre/<int:number>/", write_number), path("", include("cbe_portal.urls"))]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("number", [2**40, 10**20], ids=["beyond-integer", "beyond-bigint"])
def test_a_number_too_large_for_the_database_is_a_404(number):
    client = Client(raise_request_exception=False)
    assert client.get(f"/nombre/{number}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "method"),
    [
        ("/espace/ptce/declarations/99999999999999999999/verrouiller/", "post"),
        ("/espace/organisations/99999999999999999999/", "get"),
        ("/espace/organisations/9223372036854775808/modifier/", "post"),
        ("/espace/personnes/99999999999999999999999999999999/", "get"),
        ("/rapport/99999999999999999999/", "get"),
        ("/donnees/99999999999999999999.csv", "get"),
    ],
)
def test_overflowing_numbers_in_urls_are_404(url, method):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(roles=["coordination"]))
    assert getattr(client, method)(url).status_code == 404


def test_out_of_range_errors_of_a_view_are_404():
    middleware = FailSafeMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    with pytest.raises(Http404):
        middleware.process_exception(request, OverflowError("date value out of range"))
    other_data_error = DataError("value too long for type character varying(10)")
    assert middleware.process_exception(request, other_data_error) is None  # a bug: a 500, logged


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = text(response)
    assert "Service momentanément indisponible" in content
    assert "Traceback" not in content and "OperationalError" not in content


def test_a_database_out_of_reach_gives_a_503_page():
    middleware = FailSafeMiddleware(lambda request: None)
    request = RequestFactory().get("/espace/")
    assert_unavailable_page(middleware.process_exception(request, OperationalError("connection refused")))
    # Raised before any view (loading the session), it reaches handler500.
    try:
        raise OperationalError("connection timeout expired")
    except OperationalError:
        assert_unavailable_page(server_error(request))


UNREACHABLE = """
import time, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "x" * 32
for url in {urls!r}:
    start = time.monotonic()
    response = client.get(url)
    print(url, response.status_code, response.get("Retry-After"), round(time.monotonic() - start, 1), flush=True)
"""


def test_with_the_database_stopped_pages_and_files_answer_503_within_seconds():
    """The whole stack, against a closed port: with and without the connection pool."""
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/absent",
        "DEBUG": "0", "SECRET_KEY": "test", "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0", "LOG_LEVEL": "CRITICAL",
    }  # fmt: skip
    urls = {"0": ["/", "/fichiers/logos/cbe.png", "/espace/"], "1": ["/fichiers/logos/cbe.png"]}
    runs = {
        pool: subprocess.Popen(
            [sys.executable, "-c", UNREACHABLE.format(urls=urls[pool])],
            **{"cwd": PROJECT_DIR, "env": {**env, "DATABASE_POOL": pool}, "text": True},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for pool in urls
    }
    for pool, run in runs.items():
        out, err = run.communicate(timeout=30)
        lines = out.split("\n")[:-1]
        assert lines, err[-2000:]
        for line in lines:
            _url, status, retry_after, seconds = line.split()
            assert (status, retry_after) == ("503", "30"), line
            # Without the pool, refused at once; with it, the pool waits 5 s for a connection (not
            # psycopg's default 30 s). Generous bounds: the machine may be busy.
            assert float(seconds) < (15 if pool == "1" else 5), line


def test_connecting_and_waiting_for_the_pool_are_short(settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["pool"] in (False, {"timeout": 5})


# The demo's embedded PostgreSQL stops when its process group is terminated.


SERVE = """
import sys
from pathlib import Path
import cbe_portal.embedded_db as embedded_db
embedded_db.project_cluster_dir = lambda: Path({root!r})
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "runserver", "--noreload", "--skip-checks", "127.0.0.1:{port}"])
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def test_terminating_the_servers_process_group_stops_its_database():
    """As the demo runs it (`runserver` on the embedded cluster), terminated as `uv run` or a
    supervisor does: SIGTERM to the whole group, then again to the server while it stops."""
    # Not pytest's tmp_path: as root, the server runs as `nobody`, who cannot enter it.
    root = Path(tempfile.mkdtemp(prefix="cbe-sigterm-"))
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(root=str(root), port=port)],
        cwd=PROJECT_DIR, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    cluster = EmbeddedPostgres(root)
    try:
        wait_for_port(port, server, seconds=15)
        assert cluster.is_running()
        deadline = time.monotonic() + 10
        while server.poll() is None and time.monotonic() < deadline:
            try:
                os.killpg(server.pid, signal.SIGTERM)
            except ProcessLookupError:
                break
            time.sleep(0.02)
        server.wait(timeout=5)
        assert not cluster.is_running(), server.stderr.read().decode()[-2000:]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.stderr.close()
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
