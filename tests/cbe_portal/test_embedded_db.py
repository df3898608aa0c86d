import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

from cbe_portal.embedded_db import EmbeddedPostgres


@pytest.fixture
def cluster():
    # Not pytest's tmp_path: as root, the server runs as `nobody`, who cannot enter it.
    root = Path(tempfile.mkdtemp(prefix="cbe-launcher-test-"))
    cluster = EmbeddedPostgres(root, dbname="essai", durable=False)
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


def query(cluster, sql):
    with psycopg.connect(host=str(cluster.socket_dir), user="postgres", dbname="essai") as connection:
        cursor = connection.execute(sql)
        return cursor.fetchone()[0] if cursor.description else None


def test_start_reuse_and_stop(cluster):
    url = cluster.start()
    assert cluster.started_here and cluster.is_running()
    assert url.startswith("postgres://postgres@%2F") and url.endswith("/essai")
    # Unix socket only: no TCP port.
    assert query(cluster, "SHOW listen_addresses") == ""
    query(cluster, "CREATE TABLE kept (id int)")

    second = EmbeddedPostgres(cluster.root, dbname="essai")
    assert second.start() == url
    assert not second.started_here  # it found the running server

    cluster.stop()
    assert not cluster.is_running()
    # Restarted, the same data is there.
    cluster.start()
    assert query(cluster, "SELECT count(*) FROM kept") == 0


def test_long_folder_gets_a_short_socket_path(tmp_path):
    cluster = EmbeddedPostgres(tmp_path / ("x" * 120))
    assert len(str(cluster.socket_dir)) < 100
