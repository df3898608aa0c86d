import datetime

import pytest
from playwright.sync_api import expect

from cbe_portal.models import Person
from tests.factories import CommuneFactory, PersonFactory, UserFactory

from .steps import log_in_by_cookie

pytestmark = pytest.mark.django_db(transaction=True)

ONDRES_1985 = "DUPONT Marie — Ondres — née en 1985"


def test_a_namesake_is_picked_and_merged_with_the_keyboard_only(live_server, page):
    born = datetime.date(1985, 3, 2)
    kept = PersonFactory(first_name="Marie", last_name="Dupont", birth_date=born)
    ondres = CommuneFactory(insee_code="40212", name="Ondres", postal_code="40440")
    duplicate = PersonFactory(first_name="Marie", last_name="Dupont", birth_date=born, commune=ondres)
    namesake = PersonFactory(first_name="Marie", last_name="Dupont", birth_date=datetime.date(1992, 1, 5))
    PersonFactory(first_name="Paul", last_name="Durand", gender="M")
    log_in_by_cookie(page, live_server, UserFactory(roles=["coordination"]))
    page.goto(f"{live_server.url}/espace/personnes/{kept.pk}/fusionner/")

    picker = page.get_by_role("combobox", name="Fiche en double")
    assert page.locator("select#id_other option").count() == 0  # the page does not list the table
    picker.focus()
    page.keyboard.type("du")
    expect(page.get_by_role("option")).to_have_count(4)  # the three Marie Dupont and Paul Durand
    expect(page.locator(".combobox [role=status]")).to_have_text("4 résultats")
    expect(picker).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = picker.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_text(ONDRES_1985)
    page.keyboard.press("Enter")
    expect(picker).to_have_value(ONDRES_1985)
    expect(picker).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Voir ce qui sera fusionné")).to_be_focused()
    page.keyboard.press("Enter")
    confirm = page.get_by_role("button", name="Confirmer la fusion")
    expect(confirm).to_be_visible()
    expect(picker).to_have_value(ONDRES_1985)  # the confirmation shows the choice back
    picker.focus()
    page.keyboard.press("Tab")
    expect(confirm).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/espace/personnes/{kept.pk}/")

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Person.objects.filter(pk__in=[kept.pk, namesake.pk]).count() == 2
    assert page.console_errors == []  # a CSP violation would be reported here


def test_escape_closes_and_leaving_without_a_choice_keeps_nothing(live_server, page):
    kept = PersonFactory(first_name="Ane", last_name="Garat")
    PersonFactory(first_name="Jon", last_name="Garat")
    log_in_by_cookie(page, live_server, UserFactory(roles=["coordination"]))
    page.goto(f"{live_server.url}/espace/personnes/{kept.pk}/fusionner/")
    picker = page.get_by_role("combobox", name="Fiche en double")
    picker.focus()
    page.keyboard.type("ga")
    expect(page.locator(".combobox [role=status]")).to_have_text("2 résultats")
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(picker).to_have_value("ga")
    page.keyboard.press("Tab")
    expect(picker).to_have_value("")  # typed text that chose nothing is not what will be sent
    page.keyboard.press("Enter")
    expect(page.locator(".invalid-feedback")).to_contain_text("Ce champ est obligatoire")
    expect(picker).to_have_class("form-control is-invalid")
    assert page.console_errors == []
