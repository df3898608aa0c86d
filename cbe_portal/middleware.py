"""Project-wide guards: private pages never cached, the second factor when it is mandatory, and
answers other than a 500 for a number too large for the database or a database out of reach."""

import logging
import threading
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.db import DEFAULT_DB_ALIAS, DataError, connections
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor
from .views.errors import database_answers, database_unavailable, out_of_reach

logger = logging.getLogger(__name__)

# The largest value of a bigint column, PostgreSQL's (and our primary keys') widest integer.
BIGINT_MAX = 2**63 - 1
# PostgreSQL's SQLSTATE for "numeric value out of range" (e.g. a year beyond a smallint column).
NUMERIC_VALUE_OUT_OF_RANGE = "22003"


def private_pages(get_response):
    """`Cache-Control: no-store, private` on every answer to a logged-in user (staff pages, and
    public ones which then show the user's name), so that no browser nor proxy keeps a copy of
    personal data. Uploaded files keep their own caching: they are public."""

    def middleware(request):
        response = get_response(request)
        # Not on an error page: after a 503 the session could not be read anyway, and trying again
        # would hold the request for another connection timeout.
        if response.status_code >= 500 or request.path.startswith(settings.MEDIA_URL):
            return response
        if SESSION_KEY in request.session:
            response["Cache-Control"] = "no-store, private"
        return response

    return middleware


class TwoFactorMiddleware:
    """With `OTP_REQUIRED_FOR_STAFF` on, a staff member's session must have passed the second
    factor: without a device they are sent to turn it on; with one (set up in another session),
    they log in again. Costs nothing while the setting is off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.OTP_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and not user.is_verified()
            and two_factor.required_for(user)
        ):
            setup_url = reverse("cbe_portal:two_factor_setup")
            if two_factor.has_device(user):
                auth_logout(request)
                return redirect_to_login(request.get_full_path())
            if request.path not in {setup_url, reverse("logout")}:
                return redirect(setup_url)
        return self.get_response(request)


class FailSafeMiddleware:
    """No 500 for what a visitor can cause: a number in the URL too large for the database is a
    page that does not exist (404); a database out of reach is a 503 page asking to come back.

    A database error raised outside a view (loading the session, say) reaches `views.errors.server_error`
    instead, which answers the same 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Django's <int:…> converter takes any number of digits; a primary key is a bigint.
        numbers = [value for value in (*view_args, *view_kwargs.values()) if isinstance(value, int)]
        if any(abs(number) > BIGINT_MAX for number in numbers):
            raise Http404
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) or (
            isinstance(exception, DataError)
            and getattr(exception.__cause__, "sqlstate", None) == NUMERIC_VALUE_OUT_OF_RANGE
        ):
            logger.warning("Number out of range on %s: %s", request.path, exception)
            raise Http404
        if out_of_reach(exception):
            return database_unavailable(exception)
        return None


class DatabaseGate:
    """Once the database has failed a request (a 503 from below: `FailSafeMiddleware`, handler500 or
    `/sante/`), this process answers the 503 page at once rather than letting each request wait for
    the connection pool (5 s), and checks the database itself, at most every `PROBE_INTERVAL`, with a
    connection outside the pool. When it answers again, the pool starts anew: its connections died
    with the server, and its own reconnection attempts back off for longer and longer."""

    PROBE_INTERVAL = 0.5  # seconds

    def __init__(self, get_response):
        self.get_response = get_response
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.next_probe = 0.0

    def __call__(self, request):
        if self.down_since is not None and not self.database_is_back():
            return database_unavailable("the database still does not answer")
        response = self.get_response(request)
        if response.status_code == 503 and self.down_since is None:
            self.down_since = self.next_probe = time.monotonic()
        return response

    def database_is_back(self) -> bool:
        # While one thread checks, the others answer at once.
        if time.monotonic() < self.next_probe or not self.lock.acquire(blocking=False):
            return False
        try:
            if not database_answers():
                self.next_probe = time.monotonic() + self.PROBE_INTERVAL
                return False
            connections[DEFAULT_DB_ALIAS].close_pool()
            logger.warning("Database back after %.1f s.", time.monotonic() - self.down_since)
            self.down_since = None
            return True
        finally:
            self.lock.release()
