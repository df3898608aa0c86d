"""Shared fixtures. Django is set up only in the root conftest's pytest_configure, which runs
after this file is imported: import models and factories inside fixtures, not at the top."""

import pytest

from tests.permission_matrix import ANONYMOUS, ROLES

restore_key = pytest.StashKey()
demo_key = pytest.StashKey[str]()  # "loaded", then "emptied"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker, request):
    """Each worker's test database is a copy of one migrated once (tests/template_database.py)."""
    from tests import template_database

    with django_db_blocker.unblock():
        template_database.use(verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _database_for_every_test(request, db):
    """Every test may use the database (a transaction rolled back after it). A transactional test
    (no transaction around it) ends with the database as the migrations left it (below)."""
    from django.db import connection

    if not connection.in_atomic_block:
        request.getfixturevalue("_migrated_data")


@pytest.fixture(scope="session")
def _migrated_data(request, django_db_setup, django_db_blocker):
    """Copied by the first transactional test, before anything emptied the database (the others
    roll back); put back after each transactional test, in place of Django's flush (which empties
    every table, then creates the content types and permissions again, only to be emptied once more
    here: a third of a second a test), and at the end (for --reuse-db)."""
    from django.db import connection
    from django.test import TransactionTestCase

    from tests import migrated_data

    with django_db_blocker.unblock():
        copied = migrated_data.copy(connection)

    def restore(*_test_case):
        with django_db_blocker.unblock():
            migrated_data.put_back(connection, copied)

    flush, TransactionTestCase._fixture_teardown = TransactionTestCase._fixture_teardown, restore
    request.config.stash[restore_key] = restore
    yield
    TransactionTestCase._fixture_teardown = flush
    del request.config.stash[restore_key]
    with django_db_blocker.unblock():
        migrated_data.put_back(connection, copied)
        migrated_data.drop(connection)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test on the demo, the database as the migrations left it (after the last test
    of all, `_migrated_data`'s own teardown does it)."""
    try:
        return (yield)
    finally:
        if on_demo(item) and not on_demo(nextitem):
            if nextitem is not None:
                item.config.stash[restore_key]()
            item.config.stash[demo_key] = "emptied"


def on_demo(item) -> bool:
    return "loaded_demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def loaded_demo(request, django_db_setup, django_db_blocker):
    """The whole demo (`manage.py demo`), loaded once for the run and kept while the tests on it
    run one after the other: each of them rolls back its own changes, and the database is emptied
    after the last (above), since the others expect an empty directory."""
    from io import StringIO

    from django.core.management import call_command

    request.getfixturevalue("_migrated_data")
    with django_db_blocker.unblock():
        call_command("demo", "--no-serve", stdout=StringIO())
    request.config.stash[demo_key] = "loaded"


def pytest_runtest_setup(item):
    if on_demo(item) and item.config.stash.get(demo_key, None) == "emptied":
        pytest.fail("Un test sur la démo après qu'elle a été vidée : les tests sur la démo doivent se suivre.")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests marked `long`, then the browser tests, then the others, the tests on the demo one
    after the other at the end (each part in the order given, shuffled or not). The long ones first
    leave the short ones to the end, when the workers then finish together (a 10 s test drawn last
    kept one worker alone for its 10 s); the browser tests together start Chromium once a worker
    (its fixture belongs to their package: shuffled among the others, it was started again each time
    a worker came back to them)."""

    def part(item) -> int:
        return 0 if item.get_closest_marker("long") else 1 if item.nodeid.startswith("tests/e2e/") else 2

    items.sort(key=lambda item: (on_demo(item), part(item)))


@pytest.hookimpl(tryfirst=True)
def pytest_itemcollected(item):
    """The tests on the demo go to one worker (pytest-xdist's `loadgroup`), which runs them one after
    the other (its scheduler sends a group at once, the largest first): the demo is loaded once."""
    if on_demo(item):
        item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """pytest-xdist groups by a suffix of the test's id, which pytest 9.2 no longer lets it set: the
    demo was then loaded by every worker (10 s each). Refused, rather than silently slower."""
    grouped = [item for item in session.items if item.get_closest_marker("xdist_group")]
    if session.config.getoption("loadgroup", False) and any("@" not in item.nodeid for item in grouped):
        raise pytest.UsageError("pytest-xdist n'a pas pu regrouper les tests de la démo : vérifiez sa version.")


@pytest.fixture
def user_with_role():
    """Make a user holding one role ("anonyme" gives None); a `membre` gets an organisation."""

    from tests.factories import OrganisationFactory, UserFactory

    def make(role: str):
        if role == ANONYMOUS:
            return None
        organisation = OrganisationFactory() if role == "membre" else None
        return UserFactory(roles=[role], organisation=organisation)

    return make


@pytest.fixture
def client_as(client, user_with_role):
    """A test client logged in with the given role (anonymous for "anonyme")."""

    def login(role: str):
        assert role in ROLES, role
        if user := user_with_role(role):
            client.force_login(user)
        else:
            client.logout()
        return client

    return login
