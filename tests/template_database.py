"""One migrated database per run, copied for every worker.

Migrating a new database takes ~18 s, nearly all of it Django rendering the model states, not SQL;
two xdist workers doing it at once on two cores took ~35 s each. The first worker to take the lock
migrates a template database; each worker's test database is then created from it (PostgreSQL's
`CREATE DATABASE ... TEMPLATE`, Django's `TEST["TEMPLATE"]`), and the usual migrate that follows
finds nothing to apply. The template's name carries a digest of every migration file, so a server
that keeps it (`DATABASE_URL` set) reuses it across runs only while the migrations are the same."""

import contextlib
import hashlib
import sys
from pathlib import Path

from django.db import DatabaseError, connections

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOCK = 0x63BE7E57  # pg_advisory_lock key: one worker at a time builds the template


def migrations_digest() -> str:
    """Every migration file of every installed app, the third-party ones included, and uv.lock
    (the versions of Django and of the packages that write the SQL)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for key, migration in sorted(loader.disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    digest.update((PROJECT_DIR / "uv.lock").read_bytes())
    return digest.hexdigest()[:12]


def use(alias: str = "default", verbosity: int = 0) -> None:
    """Make sure the template exists (migrating it if not), then have the test database copy it."""
    connection = connections[alias]
    # The digest first: PostgreSQL cuts names at 63 bytes ("_new" is added while it is built).
    template = f"test_tpl_{migrations_digest()}_{connection.settings_dict['NAME']}"[:59]
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if not cursor.fetchone():
                _migrate(connection, template, verbosity)
                # Built under another name and renamed once migrated: a half-built one is never used.
                cursor.execute(f'ALTER DATABASE "{template}_new" RENAME TO "{template}"')
                _drop_stale(cursor, keep=template)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    connection.settings_dict["TEST"]["TEMPLATE"] = template


def _migrate(connection, template: str, verbosity: int) -> None:
    settings_dict, test = connection.settings_dict, connection.settings_dict["TEST"]
    name, test_name = settings_dict["NAME"], test.get("NAME")
    test["NAME"] = f"{template}_new"
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True)
    finally:
        # No connection may stay on a template that is copied, the pool's included.
        connection.close()
        connection.close_pool()
        settings_dict["NAME"], test["NAME"] = name, test_name


def _drop_stale(cursor, keep: str) -> None:
    """Templates of other migrations (kept by a server across runs) are of no further use; one
    that another run is copying stays."""
    digest_end = len("test_tpl_") + 12
    cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, 'test_tpl_')")
    for (name,) in cursor.fetchall():
        if name != keep and name[digest_end:] == keep[digest_end:]:
            with contextlib.suppress(DatabaseError):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
