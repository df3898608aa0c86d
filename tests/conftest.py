"""Shared fixtures. Django is set up only in the root conftest's pytest_configure, which runs
after this file is imported: import models and factories inside fixtures, not at the top."""

import pytest

from tests.permission_matrix import ANONYMOUS, ROLES


@pytest.fixture(autouse=True)
def _database_for_every_test(db):
    """Every test may use the database (a transaction rolled back after it)."""


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
