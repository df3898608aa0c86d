"""Error pages that must not need the database: they are shown when it is out of reach."""

import logging
import sys

from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(exception) -> HttpResponse:
    """A 503 in French, with `Retry-After`: no traceback, no template needing a request (its
    context processors would query the database)."""
    logger.error("Database unavailable: %s", exception)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: the 503 page when the error is the database being out of reach (raised while
    loading the session or the user, before any view), Django's 500 otherwise."""
    exception = sys.exception()
    if out_of_reach(exception):
        return database_unavailable(exception)
    return defaults.server_error(request)


def bad_request(request, exception):
    """handler400: the 503 page when the session could not be saved because the database went out of
    reach (Django's session store reports any database error on saving as the session having been
    deleted meanwhile: a 400), Django's 400 otherwise."""
    cause = database_error_behind(exception) if isinstance(exception, SessionInterrupted) else None
    if cause is not None and out_of_reach(cause):
        return database_unavailable(cause)
    return defaults.bad_request(request, exception)


def database_error_behind(exception) -> DatabaseError | None:
    while exception is not None and not isinstance(exception, DatabaseError):
        exception = exception.__cause__ or exception.__context__
    return exception


def out_of_reach(exception) -> bool:
    """The error is the database's being out of reach: an error of its connection, or any other error
    of the database while it does not answer (a query cut short by its shutdown may end in another)."""
    if isinstance(exception, (OperationalError, InterfaceError)):
        return True
    return isinstance(exception, DatabaseError) and not database_answers()


def database_answers() -> bool:
    """A new connection, outside the pool, opens."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.Database.connect(**connection.get_connection_params()).close()
    except connection.Database.Error:
        return False
    return True
