"""One migrated database per run, copied for every worker.

Migrating a new database takes ~16 s, nearly all of it Django rendering the model states (mostly
for the pghistory event models and triggers of the `audit_trail` migrations), not SQL. The first
worker to take the lock migrates a template database; each worker's test database is then created
from it (PostgreSQL's `CREATE DATABASE ... TEMPLATE`, Django's `TEST["TEMPLATE"]`), and the usual
migrate that follows finds nothing to apply (under a second). With one core per worker this saves
CPU, not time; the time is saved by the dump below.

The template's name carries a digest of every migration file, and a pg_dump of it is kept in the user's
cache folder under that digest: the next run, on a new throwaway cluster, restores it in under a second
instead of migrating, and only while the migrations are the same."""

import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from django.db import DatabaseError, connections

PROJECT_DIR = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cbe-portal-test-templates"
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
    digest = migrations_digest()
    # The digest first: PostgreSQL cuts names at 63 bytes ("_new" is added while it is built).
    template = f"test_tpl_{digest}_{connection.settings_dict['NAME']}"[:59]
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        cursor.execute("SHOW server_version_num")
        dump = CACHE_DIR / f"{digest}-pg{cursor.fetchone()[0]}.dump"
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if not cursor.fetchone():
                # Built under another name and renamed when complete: a half-built one is never used.
                if not (dump.exists() and _restore(cursor, dump, f"{template}_new")):
                    _migrate(connection, template, verbosity)
                    _dump(f"{template}_new", dump)
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


def _pg_tool(name: str, database: str, *arguments: str) -> None:
    from cbe_portal.backups import connection_arguments, tool

    server, environment = connection_arguments()
    # The last --dbname wins: the settings name the test run's server, not this database.
    command = [tool(name), "--no-owner", *server, "--dbname", database, *arguments]
    subprocess.run(command, env=environment, check=True, capture_output=True)


def _dump(database: str, path: Path) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for stale in CACHE_DIR.glob("*.dump"):
        stale.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    try:
        _pg_tool("pg_dump", database, "--format=custom", "--file", str(partial))
    except (subprocess.CalledProcessError, OSError):  # no pg_dump at hand: the next run migrates
        partial.unlink(missing_ok=True)
        return
    partial.rename(path)  # whole or absent, for a run reading it at the same time


def _restore(cursor, path: Path, database: str) -> bool:
    """Restore a kept template; False (and the dump forgotten) when it does not restore whole."""
    cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
    cursor.execute(f'CREATE DATABASE "{database}"')
    try:
        _pg_tool("pg_restore", database, "--exit-on-error", "--single-transaction", str(path))
    except (subprocess.CalledProcessError, OSError):
        path.unlink(missing_ok=True)
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        return False
    return True


def _drop_stale(cursor, keep: str) -> None:
    """Templates of other migrations (kept by a server across runs) are of no further use; one
    that another run is copying stays."""
    digest_end = len("test_tpl_") + 12
    cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, 'test_tpl_')")
    for (name,) in cursor.fetchall():
        if name != keep and name[digest_end:] == keep[digest_end:]:
            with contextlib.suppress(DatabaseError):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
