"""Backups of the whole database (records, uploaded files, published reports and their PDFs, access
logs: everything lives there) with pg_dump and pg_restore from the same PostgreSQL binaries as the
embedded server; against a managed server, the client tools found on the PATH."""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections


def tool(name: str) -> str:
    from .embedded_db import binaries_dir

    bundled = binaries_dir() / name
    return str(bundled) if bundled.exists() else shutil.which(name) or name


def connection_arguments() -> tuple[list[str], dict]:
    database = settings.DATABASES["default"]
    arguments = ["--dbname", database["NAME"], "--username", database.get("USER") or "postgres"]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "5"}
    return arguments, environment


def backup(path: Path) -> None:
    """The database in pg_dump's custom format (compressed; restorable table by table)."""
    arguments, environment = connection_arguments()
    subprocess.run(
        [tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *arguments],
        env=environment, check=True, capture_output=True, text=True,
    )  # fmt: skip


def restore(path: Path) -> None:
    """Replace the database's content with a backup's, in one transaction (all or nothing)."""
    connections.close_all()
    arguments, environment = connection_arguments()
    subprocess.run(
        [tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *arguments, str(path)],
        env=environment, check=True, capture_output=True, text=True,
    )  # fmt: skip
