import pytest

from tests.factories import OrganisationFactory
from tests.ptce.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_members_map_draws_a_marker_per_located_member(live_server, page):
    MembershipFactory(organisation=OrganisationFactory(name="Otsokop", latitude=43.49, longitude=-1.47))
    MembershipFactory(
        organisation=OrganisationFactory(name="Ferme solidaire Lacoste", latitude=43.54, longitude=-1.46)
    )
    MembershipFactory(organisation=OrganisationFactory(name="Sans adresse", commune=None))
    page.goto(f"{live_server.url}/ptce/membres/carte/")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 2
    page.locator(".leaflet-marker-icon").first.click()
    assert page.locator(".leaflet-popup-content").is_visible()
    # The closed network refuses the tiles; nothing else may fail (a CSP violation would).
    assert [error for error in page.console_errors if "Failed to load resource" not in error] == []
