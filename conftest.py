"""Test session setup, before Django loads its settings: unless DATABASE_URL is set, the tests get
a throwaway PostgreSQL cluster of their own, so that they never touch the demo database."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Keep compiled modules (and pytest's rewritten test modules) even where the environment says not
# to write them (PYTHONDONTWRITEBYTECODE): each of the workers would otherwise compile Django and
# rewrite the 170 test modules again, about 3 s of each run's start.
sys.dont_write_bytecode = False

cluster_key = pytest.StashKey()


def pytest_configure(config):
    if "DATABASE_URL" not in os.environ:
        from cbe_portal.embedded_db import EmbeddedPostgres

        cluster = EmbeddedPostgres(Path(tempfile.mkdtemp(prefix="cbe-tests-")), durable=False)
        os.environ["DATABASE_URL"] = cluster.start()
        config.stash[cluster_key] = cluster
    # Development defaults (plain HTTP, no static manifest) and a fast hasher.
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbe_portal.settings")
    # Playwright's sync API runs an event loop in the test thread; tests only, never production.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    import django

    django.setup()


def pytest_unconfigure(config):
    if cluster := config.stash.get(cluster_key, None):
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)
