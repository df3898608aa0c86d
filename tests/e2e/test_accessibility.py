"""Accessibility of every page each kind of user reaches, discovered from the URL configuration (the
permission matrix's rows, each pattern's object built once): axe-core with the WCAG 2.1 A and AA rules
and `target-size` finds nothing, and no page scrolls sideways at 320 px.

One test a role, logged in by a session cookie. Each page is checked once, by the first role that
reaches it, but a programme's pages by that programme's editor (who sees its buttons) and every
role's dashboard (whose menu and cards differ by role)."""

import re
import time

import pytest
from django.urls import reverse

from tests.permission_matrix import ANONYMOUS, OK, PROGRAMMES, every_row

from .steps import log_in_by_cookie
from .test_maps import AXE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(AXE is None, reason="axe-core is not installed (set AXE_CORE_JS to its axe.min.js)"),
]

ROLES = [ANONYMOUS, "partenaire", "membre", *PROGRAMMES, "coordination"]
# Files, JSON, and Django's admin (its own accessibility work) are no pages of ours.
NOT_PAGES = re.compile(
    r"(_lookup|_pdf|_csv|_csv_fr|_json|_export|_template)$|:(health|datapackage|stored_file)$|^admin:"
)
# axe runs at 320 px too on these (axe takes the most time): the first page of each space.
AXE_AT_320 = re.compile(r":(home|public|dashboard|member_space)$")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
# The outermost elements that stick out of a 320 px wide page.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const right = (element) => element.getBoundingClientRect().right;
  return Array.from(document.body.querySelectorAll("*"))
    .filter((element) => right(element) > width + 1 && right(element.parentElement) <= width + 1)
    .slice(0, 3)
    .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${right(element)} px)`);
}"""


def pages_to_check() -> dict[str, list]:
    """The matrix's rows of the pages to check, by the role that checks them."""
    rows = [
        row
        # The core's rows publish years, which then refuse new records: the programmes' rows go first.
        for row in sorted(every_row(), key=lambda row: row.url_name.startswith("cbe_portal:"))
        if not NOT_PAGES.search(row.url_name) and any(row.expect(role) == OK for role in ROLES)
    ]
    checks, seen = {role: [] for role in ROLES}, set()
    for role in ROLES:
        for row in rows:
            own = row.url_name.partition(":")[0] == role or row.url_name == "cbe_portal:dashboard"
            if row.expect(role) == OK and (own or row.url_name not in seen):
                checks[role].append(row)
                seen.add(row.url_name)
    return checks


CHECKS = pages_to_check()


def axe_violations(page, width=""):
    """axe's violations on the page as it is shown, as readable lines."""
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']}{width} ({violation['help']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results["violations"]
    ]


def problems_of(page, name):
    """axe's violations at 1280 px, then what sticks out at 320 px (and, on the pages that start
    each space, axe's violations there too: tables scroll, targets shrink)."""
    found = axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.evaluate("() => new Promise(requestAnimationFrame)")  # the page's resize handlers have run
    if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
        found.append(f"scrolls sideways at 320 px: {page.evaluate(STICKING_OUT)}")
    if AXE_AT_320.search(name):
        found += axe_violations(page, " at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})
    return found


# One test a role, so that the workers share the ~220 pages.
@pytest.mark.parametrize("role", ROLES)
def test_every_page_each_role_reaches_passes_axe_and_fits_320_pixels(live_server, page, user_with_role, role):
    started = time.monotonic()
    urls = {row.url_name: reverse(row.url_name, kwargs=row.kwargs()) for row in CHECKS[role]}
    page.add_init_script(path=AXE)  # by the browser: the CSP refuses inline scripts
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in_by_cookie(page, live_server, user_with_role(role))
    problems = {}
    for name, url in urls.items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.headers["content-type"].startswith("text/html"), f"{name} is no page: add it to NOT_PAGES"
        found = [f"status {response.status}"] if not response.ok else problems_of(page, name)
        if found:
            problems[f"{role} {url} ({name})"] = found
    print(f"{len(urls)} pages checked in {time.monotonic() - started:.1f} s")
    assert problems == {}, "\n".join(f"{where}\n  " + "\n  ".join(lines) for where, lines in problems.items())
