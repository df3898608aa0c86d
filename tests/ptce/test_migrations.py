"""The migration that keeps one record of a member's leaving keeps what the data said."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ptce.models import Membership
from tests.factories import OrganisationFactory

BEFORE, DATA, AFTER = (
    [("ptce", "0001_initial")],
    [("ptce", "0003_membership_leaving_as_a_date")],
    [("ptce", "0004_remove_membership_status")],
)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.long
def test_status_becomes_a_leaving_date_and_an_observer_flag():
    apps = migrate(BEFORE)  # inside the test's transaction: PostgreSQL rolls the schema back too
    OldMembership = apps.get_model("ptce", "Membership")
    OldDeclaration = apps.get_model("ptce", "Declaration")

    def member(name, status, left_on=None):
        organisation = OrganisationFactory(name=name)
        return OldMembership.objects.create(
            organisation_id=organisation.pk, joined_on=datetime.date(2016, 3, 1), status=status, left_on=left_on
        )

    member("Active", "actif")
    member("Observer", "observateur")
    member("Dated", "sorti", datetime.date(2019, 12, 31))
    declared = member("Declared", "sorti")
    OldDeclaration.objects.create(membership=declared, year=2018)
    OldDeclaration.objects.create(membership=declared, year=2019)
    undeclared = member("Undeclared", "sorti")
    OldMembership.objects.filter(pk=undeclared.pk).update(
        updated_at=datetime.datetime(2021, 5, 4, 10, tzinfo=datetime.UTC)
    )
    member("Inconsistent", "actif", datetime.date(2020, 6, 30))  # the figures already count it out
    connection.check_constraints()  # as if in a past transaction: no pending trigger event on the table
    migrate(DATA)
    connection.check_constraints()
    migrate(AFTER)
    rows = {m.organisation.name: (m.status, m.left_on) for m in Membership.objects.select_related("organisation")}
    assert rows == {
        "Active": (Membership.Status.ACTIF, None),
        "Observer": (Membership.Status.OBSERVATEUR, None),
        "Dated": (Membership.Status.SORTI, datetime.date(2019, 12, 31)),
        "Declared": (Membership.Status.SORTI, datetime.date(2019, 12, 31)),
        "Undeclared": (Membership.Status.SORTI, datetime.date(2021, 5, 4)),
        "Inconsistent": (Membership.Status.SORTI, datetime.date(2020, 6, 30)),
    }
