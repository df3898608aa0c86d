"""No 500 for a number too large or a database out of reach; the demo's database stops with it."""

import html
import os
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
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import DataError, InternalError, OperationalError, connection
from django.http import Http404, HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path, reverse

from cbe_portal.embedded_db import EmbeddedPostgres
from cbe_portal.middleware import FailSafeMiddleware
from cbe_portal.models import StoredFile
from cbe_portal.views.errors import bad_request, server_error
from cbe_portal.views.public import health
from tests.factories import UserFactory

PROJECT_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "mot-de-passe-de-test"


def text(response) -> str:
    return html.unescape(response.content.decode())


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


def test_another_database_error_is_a_503_only_while_the_database_does_not_answer(monkeypatch):
    """A query cut short by the database's shutdown may end in an error other than a connection's."""
    middleware = FailSafeMiddleware(lambda request: None)
    request = RequestFactory().get("/espace/")
    cut_short = InternalError("server closed the connection unexpectedly")
    assert middleware.process_exception(request, cut_short) is None  # it answers: a bug, a 500, logged
    with socket.socket() as unused:  # a port nothing listens on
        unused.bind(("127.0.0.1", 0))
        monkeypatch.setitem(connection.settings_dict, "PORT", str(unused.getsockname()[1]))
        assert_unavailable_page(middleware.process_exception(request, cut_short))
        try:
            raise cut_short
        except InternalError:
            assert_unavailable_page(server_error(request))


def test_the_health_check_answers_the_503_page_when_it_meets_the_outage_first(client, monkeypatch):
    """The database gone between the middleware and the view's query (seen once in the fault run):
    the same 503 page as the database gate gives once the outage is known."""
    assert client.get(reverse("cbe_portal:health")).status_code == 200

    def gone():
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", gone)
        assert_unavailable_page(health(RequestFactory().get("/sante/")))


def test_a_session_that_cannot_be_saved_as_the_database_goes_is_a_503_not_a_400(monkeypatch):
    """Django's session store reports any database error on saving as the session deleted meanwhile
    (a 400): seen once in CI's fault run, on a list page saving where it was left as the database died."""
    request = RequestFactory().get("/espace/plie/participants/?page=2")

    def interrupted(database_error) -> SessionInterrupted:
        """As Django's database session store, then its middleware, raise it."""
        try:
            try:
                try:
                    raise database_error
                except OperationalError:
                    raise UpdateError  # noqa: B904
            except UpdateError:
                raise SessionInterrupted("The request's session was deleted before the request completed.")  # noqa: B904
        except SessionInterrupted as error:
            return error

    assert_unavailable_page(bad_request(request, interrupted(OperationalError("server closed the connection"))))
    assert bad_request(request, SessionInterrupted("deleted by a log-out")).status_code == 400


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


@pytest.mark.long
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
