"""Real-browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against
Django's live server.

The browser is Debian's `chromium-headless-shell`: the same Chromium (Blink and V8, one source
package) built without the desktop browser around it, the build Playwright itself runs headless.
Measured on our pages, a navigation costs it 30 ms of CPU against 65 for `chromium --headless`,
which starts the whole browser; the browser tests are half of the suite's work. Where only
`chromium` is installed, the tests use it.

The live server reads committed data, so these tests are transactional: after each of them,
tests/conftest.py empties the database and puts back what the migrations loaded, so that any test
may run after a browser test."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium-headless-shell"
MISSING = (
    "Chromium est introuvable : installez-le (sudo apt-get install chromium-headless-shell) "
    "pour lancer les tests navigateur."
)
# Headless as root in a closed network: no sandbox, no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]  # fmt: skip


# Playwright's sync API runs an event loop in the test thread as long as it is open, and Django
# then keeps a second connection for code that runs "inside" that loop: the browser closes when
# the tests leave this package, so that the other tests, and the test database's teardown, see
# the usual connection.
@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):  # in CI a missing browser is a failure, never a silent skip
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


failed_key = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[failed_key] = True
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    if request.node.stash.get(failed_key, False):  # what the page showed when the test failed
        from .steps import Camera

        camera = Camera(request.node.name)
        camera.count = 98  # after the test's own steps: 99-echec.png
        camera(page, "echec")
    context.close()
