"""After a database failure, a server process answers the 503 page at once and checks the database
itself, rather than letting each request wait for the connection pool. Under load, with the database
really stopped: `python -m tests.reliability`."""

import contextlib
import tempfile
import time

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from cbe_portal.middleware import DatabaseGate
from tests.cbe_portal.test_robustness import assert_unavailable_page


@contextlib.contextmanager
def database_stopped():
    """The probe's connections go to a socket folder where no server listens: refused at once."""
    host = connection.settings_dict["HOST"]
    with tempfile.TemporaryDirectory() as nowhere:
        connection.settings_dict["HOST"] = nowhere
        try:
            yield
        finally:
            connection.settings_dict["HOST"] = host


def test_after_a_failure_requests_get_the_503_page_at_once_until_the_database_answers():
    below = {"status": 503}  # what the views answer: a database failure first
    seen = []

    def view(request):
        seen.append(request.path)
        return HttpResponse(status=below["status"])

    gate = DatabaseGate(view)
    gate.PROBE_INTERVAL = 0  # check on every request, rather than wait half a second in a test
    request = RequestFactory().get("/espace/")
    assert gate(request).status_code == 503
    below["status"] = 200

    with database_stopped():
        for _ in range(3):
            start = time.monotonic()
            assert_unavailable_page(gate(request))
            assert time.monotonic() - start < 0.5
    assert seen == ["/espace/"]  # the views were spared while the database was out of reach

    assert gate(request).status_code == 200  # it answers again: through, with a new pool
    assert gate(request).status_code == 200
    assert len(seen) == 3


def test_while_one_request_checks_the_database_the_others_do_not_wait():
    gate = DatabaseGate(lambda request: HttpResponse(status=503))
    request = RequestFactory().get("/")
    gate(request)
    with gate.lock:  # another thread is checking
        start = time.monotonic()
        assert_unavailable_page(gate(request))
        assert time.monotonic() - start < 0.5
