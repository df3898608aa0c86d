"""What the browser tests do the same way: log in through the login page (or by a session cookie
where logging in is not what is tested), type a date, and keep a screenshot of each step in
test-results/ (git-ignored) to look at when a test fails (conftest.py adds the page as it was at
the failure)."""

import datetime
import re
from pathlib import Path

from django.conf import settings

PASSWORD = "mot-de-passe-de-parcours"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "e2e"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, live_server, user):
    """Type the user's name and password on the login page, as a person does."""
    page.goto(f"{live_server.url}/comptes/login/")
    page.get_by_label("Nom d’utilisateur").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)


def log_in_by_cookie(page, live_server, user):
    """The browser holds `user`'s session (none for None), without going through the login page."""
    from django.test import Client

    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


class Camera:
    """`camera(page, "step")` saves test-results/e2e/<test>/<n>-<step>.png."""

    def __init__(self, test_name):
        self.folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", test_name)
        self.count = 0

    def __call__(self, page, step):
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=self.folder / f"{self.count:02d}-{step}.png", full_page=True)


def type_date(page, day: datetime.date):
    """Type `day` into the focused date field as a person does, digit by digit: the field moves on
    by itself. Headless Chromium orders the field as its own language wants (month first in English,
    whatever the page's locale), so a blank field on another tab shows the order first."""
    probe = page.context.new_page()
    probe.set_content('<input type="date">')
    probe.keyboard.press("Tab")
    probe.keyboard.type("01022000")
    month_first = probe.eval_on_selector("input", "field => field.value") == "2000-01-02"
    probe.close()
    parts = ["%m", "%d"] if month_first else ["%d", "%m"]
    page.keyboard.type(day.strftime("".join(parts) + "%Y"))
