import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from cbe_portal.models import Organisation
from tests.circuits.factories import RestaurantFactory, SupplierFactory
from tests.factories import CommuneFactory, OrganisationFactory, UserFactory
from tests.ptce.factories import MembershipFactory

from .steps import log_in_by_cookie

pytestmark = pytest.mark.django_db(transaction=True)

# axe-core is no dependency of the project: the axe test runs where its file is found (AXE_CORE_JS,
# or an `npm install axe-core` in the project or globally) and is skipped elsewhere.
AXE_CANDIDATES = [
    os.environ.get("AXE_CORE_JS", ""),
    str(Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"),
    "/usr/local/lib/node_modules/axe-core/axe.min.js",
    "/usr/lib/node_modules/axe-core/axe.min.js",
]
AXE = next((path for path in AXE_CANDIDATES if path and Path(path).is_file()), None)
CLUSTER_LEGEND = "Plusieurs lieux proches (leur nombre) : activer pour zoomer ou les lister"


def member(name, kind=Organisation.Kind.ASSOCIATION, **place):
    return MembershipFactory(organisation=OrganisationFactory(name=name, kind=kind, **place))


def open_map(page, url):
    page.on("pageerror", lambda error: page.console_errors.append(f"Uncaught {error}"))
    page.goto(url)
    page.wait_for_selector(".leaflet-marker-icon")


def no_errors_but_tiles(page):
    # The closed network refuses the tiles; nothing else may fail (neither a CSP violation nor the script).
    return [error for error in page.console_errors if "Failed to load resource" not in error] == []


def test_members_map_draws_a_marker_per_located_member(live_server, page):
    member("Otsokop", latitude=43.49, longitude=-1.47)
    member("Ferme solidaire Lacoste", latitude=43.54, longitude=-1.46)
    member("Sans adresse", commune=None)
    open_map(page, f"{live_server.url}/ptce/membres/carte/")
    assert page.locator(".leaflet-marker-icon").count() == 2
    page.locator(".leaflet-marker-icon").first.click()
    assert page.locator(".leaflet-popup-content").is_visible()
    assert no_errors_but_tiles(page)


def test_the_legend_names_each_category_with_its_marker(live_server, page):
    member("Otsokop", latitude=43.49, longitude=-1.47)
    member("Ferme solidaire Lacoste", Organisation.Kind.FERME, latitude=43.54, longitude=-1.46)
    member("Scic Eole", Organisation.Kind.SCIC, latitude=43.60, longitude=-1.40)
    open_map(page, f"{live_server.url}/ptce/membres/carte/")
    legend = page.locator(".map-legend li")
    expect(legend).to_have_text(["Association (1)", "Ferme (1)", "SCIC (1)", CLUSTER_LEGEND], use_inner_text=True)
    # Each marker has the colour and shape of its category in the legend, and no two categories share one.
    styles = {}
    for name, category in [("Otsokop", "Association"), ("Ferme solidaire Lacoste", "Ferme"), ("Scic Eole", "SCIC")]:
        marker = page.get_by_role("button", name=f"{name} ({category})")
        swatch = legend.filter(has_text=category).locator(".map-swatch")
        style = {c for c in marker.get_attribute("class").split() if c.startswith(("map-colour-", "map-shape-"))}
        assert len(style) == 2 and style <= set(swatch.get_attribute("class").split())
        styles[category] = frozenset(style)
    assert len(set(styles.values())) == 3
    assert no_errors_but_tiles(page)


def test_members_in_one_place_make_a_cluster_that_lists_them(live_server, page):
    # Members without coordinates of their own are placed at their commune's town hall.
    ondres = CommuneFactory(name="Ondres", latitude=43.5636, longitude=-1.4455)
    for name in ["Atelier Un", "Atelier Deux", "Atelier Trois"]:
        member(name, commune=ondres)
    member("Otsokop", latitude=43.40, longitude=-1.60)
    open_map(page, f"{live_server.url}/ptce/membres/carte/")
    cluster = page.locator(".map-cluster.leaflet-marker-icon")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text("3")
    assert cluster.get_attribute("aria-label") == "3 lieux proches : Atelier Deux, Atelier Trois, Atelier Un"
    box = cluster.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
    cluster.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link")).to_have_text(
        ["Atelier Deux (Association)", "Atelier Trois (Association)", "Atelier Un (Association)"]
    )
    expect(popup.get_by_role("link").first).to_be_focused()
    assert no_errors_but_tiles(page)


def test_a_marker_is_reached_and_opened_with_the_keyboard(live_server, page):
    member("Otsokop", latitude=43.49, longitude=-1.47)
    member("Ferme solidaire Lacoste", latitude=43.54, longitude=-1.46)
    open_map(page, f"{live_server.url}/ptce/membres/carte/")
    page.locator("#carte-membres").focus()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("role", "button")
    expect(focused).to_have_class(re.compile(r"\bmap-marker\b"))
    name = focused.get_attribute("aria-label")
    assert name in {"Otsokop (Association)", "Ferme solidaire Lacoste (Association)"}
    box = focused.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content").get_by_role("link", name=name)
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(page.get_by_role("button", name=name)).to_be_focused()
    assert no_errors_but_tiles(page)


def test_the_skip_link_jumps_over_the_markers(live_server, page):
    member("Otsokop", latitude=43.49, longitude=-1.47)
    open_map(page, f"{live_server.url}/ptce/membres/carte/")
    page.get_by_role("link", name="Passer la carte").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#carte-membres-legende")).to_be_focused()


@pytest.mark.skipif(AXE is None, reason="axe-core is not installed (set AXE_CORE_JS to its axe.min.js)")
def test_map_pages_have_no_axe_violation(live_server, page):
    member("Otsokop", latitude=43.49, longitude=-1.47)
    member("Ferme solidaire Lacoste", Organisation.Kind.FERME, latitude=43.54, longitude=-1.46)
    ondres = CommuneFactory(name="Ondres", latitude=43.5636, longitude=-1.4455)
    member("Atelier Un", commune=ondres)
    member("Atelier Deux", commune=ondres)
    RestaurantFactory(name="Cuisine centrale de Tarnos")
    SupplierFactory(organisation__name="Ferme Lacoste")
    SupplierFactory(organisation=OrganisationFactory(name="Maraîcher d'Ondres", latitude=43.5636, longitude=-1.4455))
    log_in_by_cookie(page, live_server, UserFactory(roles=["circuits"]))
    # Injected by the browser, not as a page script: the CSP would refuse an inline script.
    page.context.add_init_script(path=AXE)
    for path in ["/ptce/membres/carte/", "/espace/circuits/carte/"]:
        open_map(page, f"{live_server.url}{path}")
        page.wait_for_selector(".map-legend")
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]]) for violation in results["violations"]
        ]
        assert violations == [], path
    assert no_errors_but_tiles(page)
