"""The benchmark of issue 18: `uv run python -m bench --scale 10`.

In one run on this machine: a database at `--scale` times the 2020 volumes (`manage.py
generate_data`, built once per scale and seed in an embedded cluster under the temp folder, then
reused), 2020 published; the portal under gunicorn with production settings (DEBUG off, a secret key,
allowed hosts, collected static files; HTTPS redirection off, as behind a proxy that terminates TLS)
and, on the same database server, the floor (`bench/floor`: bare Django, a 50-row page of a
10 000-row table through a base template). Each page is loaded with wrk at 16 connections right after
the floor, and compared with it. Then the queries of each page, all five programmes' figures for 2020
computed uncached, and the memory of the portal's workers after the load."""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cbe_portal.embedded_db import PROJECT_DIR, EmbeddedPostgres

YEAR = 2020
CONNECTIONS = 16
PORTAL_PORT, FLOOR_PORT = 8731, 8732
# Targets of issue 18.
RATIO_TARGET, FIGURES_TARGET_MS, MEMORY_TARGET_MB = 0.7, 50, 200


def django(env, *args) -> str:
    """Run `python *args` in the project with `env`; its standard output."""
    result = subprocess.run([sys.executable, *args], env=env, cwd=PROJECT_DIR, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(args)} a échoué :\n{result.stdout}\n{result.stderr}")
    return result.stdout


def has_data(url: str, table: str) -> bool:
    import psycopg

    with psycopg.connect(url) as connection:
        found = connection.execute("SELECT to_regclass(%s)", [table]).fetchone()[0]
        return bool(found) and bool(connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])


def wrk_path() -> str:
    """wrk, installed from Debian when missing."""
    if not shutil.which("wrk"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True,
                       env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
    return shutil.which("wrk")


def serve(env, app: str, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", app, "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"{app} ne démarre pas :\n{server.stderr.read().decode()}")
            time.sleep(0.2)
    sys.exit(f"{app} ne répond pas")


def get(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        return response.status


def seconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[unit]


def load(wrk: str, url: str, duration: int, cookie: str | None) -> dict:
    """wrk at 16 connections for `duration` seconds: requests/s, p50 and p99 (ms), errors."""
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s", "--latency", url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int(match.group(1)) if (match := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": seconds(re.search(r"\s50%\s+(\S+)", output).group(1)) * 1000,
        "p99": seconds(re.search(r"\s99%\s+(\S+)", output).group(1)) * 1000,
        "errors": errors,
        "load": os.getloadavg()[0],
    }


def worker_memory_mb(server: subprocess.Popen) -> float:
    """The largest resident memory of the gunicorn master's workers."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes)


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="N fois les volumes de 2020 (1, 10, 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="durée de chaque charge (par page et plancher)")
    parser.add_argument("--workers", type=int, default=3, help="workers gunicorn de chaque serveur")
    args = parser.parse_args()
    started = time.perf_counter()

    cluster = EmbeddedPostgres(Path(tempfile.gettempdir()) / "cbe-bench", f"bench_x{args.scale}_s{args.seed}", False)
    url = cluster.start()
    floor_cluster = EmbeddedPostgres(cluster.root, "bench_floor", False)
    floor_url = floor_cluster.start()
    env = os.environ | {
        "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "PYTHONPATH": str(PROJECT_DIR),
    }  # fmt: skip
    if not has_data(url, "cbe_portal_person"):
        print(f"Génération des données ×{args.scale}…", flush=True)
        print(django(env, "manage.py", "generate_data", "--scale", str(args.scale), "--seed", str(args.seed)).strip())
    django(env, "manage.py", "migrate", "--verbosity", "0")
    django(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    prepared = json.loads(django(env, "-m", "bench.portal", "prepare", str(YEAR)).splitlines()[-1])
    floor_env = env | {"DJANGO_SETTINGS_MODULE": "bench.floor.settings", "FLOOR_DATABASE_URL": floor_url}
    django(floor_env, "-m", "bench.floor.populate")
    wrk = wrk_path()
    setup = time.perf_counter() - started

    portal = serve(env, "cbe_portal.wsgi", PORTAL_PORT, args.workers)
    floor = serve(floor_env, "bench.floor.wsgi", FLOOR_PORT, args.workers)
    rows = []
    try:
        cookie, floor_url_http = prepared["cookie"], f"http://127.0.0.1:{FLOOR_PORT}/?page=7"
        for label, (path, staff) in prepared["pages"].items():
            page_url = f"http://127.0.0.1:{PORTAL_PORT}{path}"
            get(page_url, cookie if staff else None)  # the first request warms the caches
            base = load(wrk, floor_url_http, args.seconds, None)
            measured = load(wrk, page_url, args.seconds, cookie if staff else None)
            rows.append((label, measured, base))
            print(f"  {label}: {measured['rps']:.0f} req/s (plancher {base['rps']:.0f})", flush=True)
        memory, floor_memory = worker_memory_mb(portal), worker_memory_mb(floor)
    finally:
        for server in (portal, floor):
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    measured = json.loads(django(env, "-m", "bench.portal", "measure", str(YEAR), cookie).splitlines()[-1])
    report(args, rows, measured, memory, floor_memory, setup, time.perf_counter() - started)
    if failed := [label for label, page, _ in rows if page["errors"]]:
        sys.exit(f"Réponses en erreur (non 2xx ou délai dépassé) : {', '.join(failed)}")


def report(args, rows, measured, memory, floor_memory, setup, total):
    cores = os.cpu_count()
    print(f"\n## Échelle ×{args.scale} (graine {args.seed}), {cores} cœurs, wrk {CONNECTIONS} connexions, "
          f"{args.seconds} s par charge, {args.workers} workers gunicorn par serveur\n")  # fmt: skip
    print("| page | req/s | p50 ms | p99 ms | SQL | plancher req/s | plancher p99 ms | ratio | charge | erreurs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, page, base in rows:
        ratio = page["rps"] / base["rps"] if base["rps"] else 0
        flag = "" if ratio >= RATIO_TARGET else " ✗"
        print(
            f"| {label} | {page['rps']:.0f} | {page['p50']:.0f} | {page['p99']:.0f} | {measured['queries'][label]} "
            f"| {base['rps']:.0f} | {base['p99']:.0f} | {ratio:.2f}{flag} | {page['load']:.1f} "
            f"| {page['errors'] + base['errors']} |"
        )
    figures_flag = "" if measured["figures_ms"] <= FIGURES_TARGET_MS else " ✗"
    memory_flag = "" if memory < MEMORY_TARGET_MB else " ✗"
    print(f"\nChiffres 2020 des cinq programmes, sans cache : {measured['figures_ms']:.0f} ms "
          f"(cible ≤ {FIGURES_TARGET_MS} ms à ×10){figures_flag}")  # fmt: skip
    print(f"Mémoire d'un worker du portail après la charge : {memory:.0f} Mo (plancher : {floor_memory:.0f} Mo ; "
          f"cible < {MEMORY_TARGET_MB} Mo){memory_flag}")  # fmt: skip
    plie = measured["plie_tables"]
    print(f"PLIE (avec les personnes) : {plie['rows']} lignes, {plie['bytes'] / 2**20:.0f} Mo index compris, "
          f"{plie['bytes'] / max(plie['rows'], 1):.0f} octets par ligne")  # fmt: skip
    load1, load5, load15 = os.getloadavg()
    print(f"Charge de la machine à la fin : {load1:.1f} / {load5:.1f} / {load15:.1f} ; "
          f"préparation {setup:.0f} s, en tout {total:.0f} s")  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbe_portal.settings")
    main()
