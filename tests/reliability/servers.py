"""Gunicorn servers in the production configuration, and visitors who talk to them over HTTP.

A visitor sends what a load balancer ending HTTPS would: the public host name, `X-Forwarded-Proto:
https` and `X-Forwarded-For` (the servers run with `BEHIND_PROXY=1`), so that the secure cookies,
the HTTPS redirect and the CSRF checks of production all apply. Plain `http.client`: no dependency."""

import contextlib
import html
import http.client
import http.cookies
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[2]
HOST = "portail.example.org"


def database_url(settings_dict: dict) -> str:
    """The URL of a Django connection's database (a unix socket folder as host included)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict.get("PASSWORD") else ""
    host = quote(settings_dict["HOST"] or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(settings_dict['NAME'], safe='')}"


def production_env(database_url: str, secret_key: str, **overrides: str) -> dict[str, str]:
    """A server's environment as docs/deploy.md sets it, behind a load balancer. Every server of a
    deployment shares the same SECRET_KEY: it signs what one server gives and another reads."""
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url, SECRET_KEY=secret_key, DEBUG="0", ALLOWED_HOSTS=HOST, BEHIND_PROXY="1",
        LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1",
    )  # fmt: skip
    env.update(overrides)
    return env


def new_secret_key() -> str:
    return secrets.token_urlsafe(48)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def log_tail(self, size: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-size:]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], count: int = 1, workers: int = 2, ready_within: float = 60):
    """`count` servers (`gunicorn cbe_portal.wsgi`, as docs/deploy.md runs it) on free ports, started
    side by side; stopped on the way out."""
    servers = []
    try:
        for _ in range(count):
            servers.append(start(env, workers))
        for server in servers:
            wait_until_ready(server, ready_within)
        yield servers
    finally:
        for server in servers:
            stop(server.process)
            server.log.unlink(missing_ok=True)


def start(env: dict[str, str], workers: int) -> Server:
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="cbe-gunicorn-", suffix=".log")[1])
    command = [
        sys.executable, "-m", "gunicorn", "cbe_portal.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--graceful-timeout", "5",
    ]  # fmt: skip
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(port, process, log)


def wait_until_ready(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"gunicorn stopped at start-up:\n{server.log_tail()}")
        with contextlib.suppress(OSError):
            if Visitor(server.port).get("/sante/", timeout=5).status == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer /sante/ within {seconds} s:\n{server.log_tail()}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master (a graceful stop of its workers), SIGKILL to its group if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    @property
    def location(self) -> str:
        """The redirect's path (the servers build absolute URLs on the public host)."""
        return urlsplit(self.headers.get("Location", "")).path


class Visitor:
    """One browser: its cookies, sent to whichever server it is pointed at (`port`)."""

    def __init__(self, port: int, address: str = "203.0.113.7"):
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 30) -> Answer:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"  # what a browser sends with a form: Django's CSRF checks it
        start = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        answer = Answer(response.status, response.headers, content, time.monotonic() - start)
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return answer

    def _keep_cookies(self, lines: list[str]) -> None:
        for line in lines:
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str, timeout: float = 30) -> Answer:
        return self.request("GET", path, timeout=timeout)

    def post(self, path: str, data: dict, timeout: float = 30) -> Answer:
        return self.request("POST", path, data=data, timeout=timeout)

    def log_in(self, username: str, password: str) -> Answer:
        """The log-in form as a person fills it: its page first (the CSRF cookie and token)."""
        form = page_form(self.get("/comptes/login/"), "password")
        return self.post("/comptes/login/", {**form, "username": username, "password": password})


class FormReader(HTMLParser):
    """The fields of the page's forms as a browser would submit them, each form by its position."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if self.forms:
            self.forms[-1].setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = {key: value if value is not None else "" for key, value in attrs}
        name = attributes.get("name")
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and name and "disabled" not in attributes:
            kind = attributes.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self._add(name, attributes.get("value", "on"))
            elif kind not in {"submit", "button", "image", "reset", "file"}:
                self._add(name, attributes.get("value", ""))
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in attributes), []
        elif tag == "option" and self._select:
            self._options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            for value in chosen:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def page_form(answer: Answer, field: str) -> dict[str, list[str]]:
    """The fields of the page's form that has `field` (the header's forms come first)."""
    assert answer.status == 200, (answer.status, answer.text[:2000])
    reader = FormReader()
    reader.feed(answer.text)
    return next(form for form in reader.forms if field in form)


def page_text(answer: Answer) -> str:
    return html.unescape(answer.text)
