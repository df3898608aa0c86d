import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_member_logs_in_and_reaches_the_dashboard(live_server, page):
    UserFactory(username="claire", roles=["plie"])
    page.goto(f"{live_server.url}/espace/")
    assert "/comptes/login/" in page.url
    page.get_by_label("Nom d’utilisateur").fill("claire")
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/espace/")
    assert page.get_by_role("heading", name="Mon espace").is_visible()
    assert page.get_by_role("link", name="Ouvrir l'espace PLIE").is_visible()
    assert page.console_errors == []  # a CSP violation would be reported here


@pytest.mark.parametrize("path", ["/", "/plie/", "/rapport/2020/", "/donnees/"])
def test_public_pages_fit_320_pixels_and_keep_a_skip_link(live_server, page, path):
    from cbe_portal import publication

    publication.publish(2020, UserFactory(), build_pdf=False)  # an unpublished year is not public
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    assert page.console_errors == []
