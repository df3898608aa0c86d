"""Load and faults, against gunicorn in its production configuration on a PostgreSQL cluster of its
own (the database is stopped in the middle: not the test suite's cluster, which other tests share).

    uv run python -m tests.reliability [--seconds 60] [--outage 10]

1. Load: a minute of public and staff traffic (reading, and opening pathways) at 16 connections:
   no error, no 5xx.
2. Faults: the same traffic; an import of thousands of lines is under way when the database is
   killed (`pg_ctl stop -m immediate`), then started again. Every answer during the outage is the
   French 503 page within a second; the service comes back by itself within seconds; the import,
   cut in its middle, left nothing, and every pathway the portal confirmed is there, whole.

Prints what it measured; exits 1 if a check failed."""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from io import StringIO
from pathlib import Path

from cbe_portal.embedded_db import EmbeddedPostgres
from tests.reliability.servers import PROJECT_DIR, Visitor, gunicorn, new_secret_key, production_env
from tests.reliability.traffic import Connection, Traffic, by_kind, new_pathway, pages, summary

PUBLIC_CONNECTIONS, READING_STAFF, WRITING_STAFF = 9, 5, 2
WORKERS = 3  # docs/deploy.md's command
LATENCY_LIMIT = 1.0  # seconds: a 503 page must come within this
RECOVERY_LIMIT = 10.0  # seconds after the database is back
IMPORT_LINES = 4000
failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("  ok    " if condition else "  ÉCHEC ") + message, flush=True)
    if not condition:
        failures.append(message)


def prepare() -> None:
    """What a deployment runs (migrate, the cache table, static files), then the demo's records and
    accounts, with its published years."""
    from django.core.management import call_command
    from django.db import connections

    call_command("demo", "--no-serve", stdout=StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def traffic_plan(port: int, marker: str) -> tuple[list[Connection], list[str]]:
    """16 connections: visitors of the public pages, staff reading lists and files, staff opening
    pathways; and the list where the pathways the portal confirmed are written down."""
    from django.urls import reverse

    from cbe_portal.demo import DEMO_PASSWORD
    from plie.models import Parcours

    public = pages(
        "/", "/plie/", "/gpect/", "/circuits/", "/incubateur/", "/ptce/", reverse("ptce:member_list"),
        reverse("cbe_portal:report", args=[2020]), reverse("cbe_portal:report_pdf", args=[2020]),
        reverse("cbe_portal:report_archive"), reverse("cbe_portal:open_data"),
        reverse("cbe_portal:open_data_json", args=[2020]), reverse("cbe_portal:open_data_csv", args=[2020]),
        reverse("cbe_portal:health"),
    )  # fmt: skip
    pathways = list(Parcours.objects.order_by("pk").values_list("pk", flat=True)[:40])
    coordination = pages(
        reverse("cbe_portal:dashboard"), reverse("plie:parcours_list"), reverse("plie:parcours_list") + "?page=2",
        *[reverse("plie:parcours_detail", args=[pk]) for pk in pathways[:20]],
        reverse("cbe_portal:person_list") + "?q=mar", reverse("gpect:employer_list"),
        reverse("circuits:purchase_list"), reverse("cbe_portal:organisation_list"), reverse("plie:home"),
    )  # fmt: skip
    plie_staff = pages(
        reverse("plie:home"), reverse("plie:parcours_list") + "?tri=-entree",
        *[reverse("plie:parcours_detail", args=[pk]) for pk in pathways[20:]],
    )  # fmt: skip
    confirmed: list[str] = []
    writing = new_pathway(reverse("plie:parcours_create"), datetime.date.today().isoformat(), marker, confirmed)

    def staff(username: str, number: int) -> Visitor:
        visitor = Visitor(port, address=f"198.51.100.{number}")
        answer = visitor.log_in(username, DEMO_PASSWORD)
        assert answer.status == 302, (username, answer.status, answer.text[:1000])
        return visitor

    plan = [Connection("public", Visitor(port, address=f"203.0.113.{n}"), public) for n in range(PUBLIC_CONNECTIONS)]
    for n in range(READING_STAFF):
        username, visit = ("coordination", coordination) if n % 2 == 0 else ("plie", plie_staff)
        plan.append(Connection("staff", staff(username, n), visit))
    plan += [Connection("write", staff("plie", 100 + n), writing) for n in range(WRITING_STAFF)]
    for number, connection in enumerate(plan):  # each one starts at another page
        connection.offset = 7 * number
    return plan, confirmed


def print_summary(title: str, records, seconds: float) -> None:
    print(f"\n{title}")
    headers = ("requêtes", "req/s", "erreurs", "5xx", "p50 (s)", "p99 (s)", "pire (s)")
    print(f"  {'':<8}" + "".join(f" {header:>9}" for header in headers))
    for kind, rows in [("tout", records), *by_kind(records)]:
        s = summary(rows, seconds)
        print(
            f"  {kind:<8} {s['requests']:>9} {s['per_second']:>9.1f} {s['errors']:>9} {s['5xx']:>9} "
            f"{s['p50']:>9.3f} {s['p99']:>9.3f} {s['worst']:>9.3f}"
        )


def print_problems(records) -> None:
    problems = Counter((record.url, record.problem) for record in records if record.problem)
    first = {}
    for record in records:
        if record.problem:
            first.setdefault((record.url, record.problem), record.start)
    for (url, problem), count in problems.most_common(10):
        print(f"    {count:>5} × {url} : {problem} (le premier à {first[url, problem]:.2f} s)")


def load(plan: list[Connection], seconds: float) -> None:
    traffic = Traffic(plan).start()
    time.sleep(seconds)
    records = traffic.stop()
    elapsed = traffic.now()
    print_summary(f"Charge : {len(plan)} connexions pendant {elapsed:.0f} s", records, elapsed)
    totals = summary(records, elapsed)
    print_problems(records)
    check(totals["errors"] == 0, f"aucune erreur sous charge ({totals['errors']} sur {totals['requests']})")
    check(totals["5xx"] == 0, f"aucune réponse 5xx sous charge ({totals['5xx']})")


class Import:
    """`manage.py import_data personnes` of `lines` new people, in a process of its own; `done` follows
    its progress bar."""

    def __init__(self, env: dict, marker: str, lines: int):
        self.file = Path(tempfile.mkstemp(prefix="cbe-import-", suffix=".csv")[1])
        rows = [f"{marker}-import-{n};Ligne;Femme;1985-02-{1 + n % 28:02d}" for n in range(lines)]
        self.file.write_text("Nom;Prénom;Genre;Date de naissance\n" + "\n".join(rows) + "\n", encoding="utf-8")
        self.done, self.total, self.output = 0, lines, []
        command = [sys.executable, "manage.py", "import_data", "personnes", str(self.file), "--user", "coordination"]
        self.process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._reader = threading.Thread(target=self._follow, daemon=True)
        self._reader.start()

    def _follow(self) -> None:
        while chunk := os.read(self.process.stderr.fileno(), 4096):
            text = chunk.decode(errors="replace")
            self.output.append(text)
            if progress := re.findall(r"(\d+)/(\d+) lignes", text):
                self.done = int(progress[-1][0])

    def wait(self) -> int:
        code = self.process.wait(timeout=120)
        self._reader.join(timeout=5)
        self.process.stdout.close()
        self.process.stderr.close()
        self.file.unlink(missing_ok=True)
        return code


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def faults(plan, confirmed, cluster: EmbeddedPostgres, env: dict, marker: str, outage: float) -> None:
    traffic = Traffic(plan).start()
    time.sleep(3)
    importer = Import(env, marker, IMPORT_LINES)
    started = wait_for(lambda: importer.done >= IMPORT_LINES // 20, 60)
    cut_at_line = importer.done
    stop_asked = traffic.now()
    # A crash rather than a clean stop: no checkpoint, recovery from the write-ahead log at start.
    cluster._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(cluster.data))
    down = traffic.now()
    time.sleep(outage)
    start_asked = traffic.now()
    cluster.start()
    up = traffic.now()
    time.sleep(15)
    records = traffic.stop()
    elapsed = traffic.now()
    import_code = importer.wait()

    title = f"Pannes : {len(plan)} connexions pendant {elapsed:.0f} s (les pages 503 comptent parmi les erreurs)"
    print_summary(title, records, elapsed)
    print(
        f"  base arrêtée à {stop_asked:.2f} s (arrêt effectif {down:.2f} s), relancée à {start_asked:.2f} s "
        f"(prête {up:.2f} s) ; l'import en était à la ligne {cut_at_line}/{IMPORT_LINES}"
    )
    during = [r for r in records if down <= r.start < up]  # until it accepts connections again
    # Between asking the database to start and `cluster.start()` returning, PostgreSQL already
    # accepts connections for a few milliseconds: only answers given while it was surely stopped
    # must all be the 503 page.
    while_stopped = [r for r in during if r.end < start_asked]
    in_flight = [r for r in records if r.start < down < r.end]
    after = [r for r in records if r.start >= up]
    failed_after = [r for r in after if r.status != 200 and r.status != 302]
    recovery = max((r.end - up for r in failed_after), default=0.0)
    worst = max((r.seconds for r in during), default=0.0)
    worst_in_flight = max((r.seconds for r in in_flight), default=0.0)
    print(
        f"  pendant la panne : {len(during)} réponses, {sum(r.status == 503 for r in during)} pages 503, "
        f"la plus lente {worst:.3f} s ; requêtes en cours à l'arrêt : {len(in_flight)}, "
        f"la plus lente {worst_in_flight:.3f} s"
    )
    print(f"  retour du service : {recovery:.2f} s après que la base a de nouveau accepté des connexions")
    print_problems(records)

    check(started, f"l'import était en cours à l'arrêt de la base (ligne {cut_at_line}/{IMPORT_LINES})")
    check(bool(during), "des requêtes ont reçu une réponse pendant la panne")
    check(
        bool(while_stopped) and all(r.status == 503 for r in while_stopped),
        f"base arrêtée, chaque réponse est la page 503 ({len(while_stopped)} réponses)",
    )
    check(not any(r.problem for r in records), "aucune réponse hors de la page 503 française ou de la page attendue")
    check(worst < LATENCY_LIMIT, f"la page 503 arrive en moins de {LATENCY_LIMIT} s (au pire {worst:.3f} s)")
    check(
        bool(after) and recovery < RECOVERY_LIMIT,
        f"le service revient seul en moins de {RECOVERY_LIMIT:.0f} s ({recovery:.2f} s)",
    )
    check(import_code != 0, f"l'import coupé a échoué (code {import_code})")
    if not started or import_code == 0:
        print("".join(importer.output)[-2000:])
    nothing_half_written(marker, confirmed)


def nothing_half_written(marker: str, confirmed: list[str]) -> None:
    from django.db import connections

    from cbe_portal.models import Person

    connections.close_all()  # the runner's connection did not survive the crash
    imported = Person.objects.filter(last_name__startswith=f"{marker}-import-").count()
    check(imported == 0, f"l'import coupé n'a rien laissé ({imported} personnes)")
    people = Person.objects.filter(last_name__startswith=f"{marker}-").exclude(last_name__contains="-import-")
    orphans = people.filter(plie_parcours__isnull=True).count()
    check(
        orphans == 0,
        f"aucune personne sans son parcours ({orphans} sur {people.count()} ouverts pendant les deux phases)",
    )
    lost = set(confirmed) - set(people.values_list("last_name", flat=True))
    check(not lost, f"chaque parcours confirmé (302) est enregistré ({len(confirmed)} confirmés, {len(lost)} perdus)")


def print_tracebacks(log: str) -> None:
    """The server's tracebacks by their last line; in full for any but the database's being out of
    reach (logged during the outage, never shown to a visitor)."""
    tracebacks = re.findall(r"Traceback \(most recent call last\):\n(?:[ \t].*\n)+.*", log)
    kinds = Counter(traceback.splitlines()[-1] for traceback in tracebacks)
    print(f"\nTracebacks dans le journal de gunicorn : {len(tracebacks)}")
    for last, count in kinds.most_common():
        print(f"  {count:>5} × {last[:150]}")
    for last in kinds:
        if not re.match(r"(django\.db\.utils|psycopg)\.(OperationalError|InterfaceError)", last):
            print(next(traceback for traceback in tracebacks if traceback.endswith(last)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="durée de la charge (60 s)")
    parser.add_argument("--outage", type=float, default=10, help="durée de la panne (10 s)")
    args = parser.parse_args()

    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="cbe-reliability-"))
    # Loaded without fsync (quicker), then run as in production: a commit is on disk when confirmed.
    cluster = EmbeddedPostgres(root, durable=False)
    try:
        env = production_env(cluster.start(), new_secret_key())
        # This process loads the data and checks it afterwards; it keeps no pool across the crash.
        os.environ.update(env, DATABASE_POOL="0", DJANGO_SETTINGS_MODULE="cbe_portal.settings")
        import django

        django.setup()
        prepare()
        cluster.stop()
        cluster = EmbeddedPostgres(root)
        cluster.start()
        print(f"Base prête (démo chargée) en {time.monotonic() - started:.0f} s", flush=True)
        marker = f"Fiabilite{int(time.time())}"
        with gunicorn(env, workers=WORKERS) as [server]:
            # The 2020 report's PDF is built on its first download: once, before the load.
            from django.urls import reverse

            assert Visitor(server.port).get(reverse("cbe_portal:report_pdf", args=[2020]), timeout=120).status == 200
            plan, confirmed = traffic_plan(server.port, marker)
            load(plan, args.seconds)
            faults(plan, confirmed, cluster, env, marker, args.outage)
            print_tracebacks(server.log.read_text(errors="replace"))  # the whole log: the outage fills megabytes
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"\nDurée totale : {time.monotonic() - started:.0f} s")
    if failures:
        print(f"{len(failures)} vérification(s) en échec.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
