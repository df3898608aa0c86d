"""The portal with the keyboard only: log in, then fill and send one form of each programme that has
a picker, with Tab, typing, the arrows and Enter, every focused element showing its focus; and a
refused form's error summary, which takes the focus and leads to each field in error."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cbe_portal.permissions import Programme
from circuits.models import Participation
from gpect.models import JobOffer
from incubateur.models import Reception
from plie.models import MealAid
from ptce.models import Membership
from tests.circuits.factories import RestaurantFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import EmployerFactory
from tests.plie.factories import ParcoursFactory

from .steps import PASSWORD, type_date, with_password
from .test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

# The focused element, and whether its focus shows: an outline or a box shadow (Bootstrap's rings).
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const text = (element.labels?.[0]?.textContent || element.textContent || element.name || "").trim().slice(0, 40);
  return {target: element.hasAttribute("data-tab-target"), body: element === document.body, visible: outline || shadow,
          name: `${element.tagName.toLowerCase()}#${element.id} « ${text} »`};
}"""
LAST_YEAR = timezone.localdate().year - 1


def labelled(label):
    """A field's label, with or without the mark of a required field."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def tab_to(page, target, limit=80):
    """Press Tab until `target` has the focus, each element on the way showing its focus; going
    past the end of the page (a field out of order) fails."""
    target.evaluate("element => element.setAttribute('data-tab-target', '')")
    try:
        if page.evaluate(FOCUSED)["target"]:  # already there (a field with autofocus)
            return
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            assert not focused["body"], "the end of the page came before the element"
            assert focused["visible"], f"no visible focus on {focused['name']}"
            if focused["target"]:
                return
        pytest.fail(f"not reached in {limit} presses of Tab")
    finally:
        target.evaluate("element => element.removeAttribute('data-tab-target')")


def log_in_with_the_keyboard(page, live_server, user):
    page.goto(f"{live_server.url}/comptes/login/")
    tab_to(page, page.get_by_label("Nom d’utilisateur"))
    page.keyboard.type(user.username)
    tab_to(page, page.get_by_label("Mot de passe"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/comptes/login/" not in url)


@dataclass
class Field:
    """A field reached with Tab from the previous one: `typed` is typed (a date digit by digit, an
    option's first letters); a picker's first suggestion is chosen with the arrow and Enter."""

    label: str
    typed: str | datetime.date
    picker: bool = False

    def fill(self, page):
        name = labelled(self.label)
        target = page.get_by_role("combobox", name=name) if self.picker else page.get_by_label(name)
        tab_to(page, target)
        if isinstance(self.typed, datetime.date):
            type_date(page, self.typed)
        else:
            page.keyboard.type(self.typed)
        if self.picker:
            expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            expect(target).to_have_attribute("aria-expanded", "false")


@dataclass
class KeyboardForm:
    role: str
    url_name: str
    fields: list[Field]
    saved: Callable[[], bool]  # the record, as typed, is in the database
    data: Callable[[], object] = field(default=lambda: None)


FORMS = {
    "plie": KeyboardForm(
        Programme.PLIE, "plie:meal_aid_create",
        [Field("Bénéficiaire", "ga", picker=True), Field("Date", datetime.date(LAST_YEAR, 3, 15)),
         Field("Nombre de repas", "4")],
        lambda: MealAid.objects.filter(beneficiary__last_name="Garat", date=datetime.date(LAST_YEAR, 3, 15),
                                       meals=4).exists(),
        lambda: ParcoursFactory(person=PersonFactory(first_name="Ane", last_name="Garat")),
    ),
    "gpect": KeyboardForm(
        Programme.GPECT, "gpect:offer_create",
        [Field("Employeur", "me", picker=True), Field("Intitulé", "Menuisier poseur"),
         Field("Date de diffusion", datetime.date(LAST_YEAR, 3, 15))],
        lambda: JobOffer.objects.filter(employer__organisation__name="Menuiserie Darrigrand", title="Menuisier poseur",
                                        date=datetime.date(LAST_YEAR, 3, 15)).exists(),
        lambda: EmployerFactory(organisation__name="Menuiserie Darrigrand"),
    ),
    "circuits": KeyboardForm(
        Programme.CIRCUITS, "circuits:participation_create",
        [Field("Restaurant", "ca", picker=True), Field("Année", str(LAST_YEAR)), Field("Repas par jour", "350")],
        lambda: Participation.objects.filter(restaurant__name="Cantine de Tarnos", year=LAST_YEAR,
                                             meals_per_day=350).exists(),
        lambda: RestaurantFactory(name="Cantine de Tarnos"),
    ),
    "incubateur": KeyboardForm(
        Programme.INCUBATEUR, "incubateur:reception_create",
        [Field("Date", datetime.date(LAST_YEAR, 1, 20)), Field("Personnes reçues", "ga", picker=True),
         Field("Idée discutée", "Une épicerie itinérante"), Field("Connaissance de l'incubateur par", "Bouche"),
         Field("Suite donnée", "Nouvel")],
        lambda: Reception.objects.filter(persons__last_name="Garat", date=datetime.date(LAST_YEAR, 1, 20),
                                         heard_from="bouche_a_oreille", follow_up="nouvel_echange").exists(),
        lambda: PersonFactory(first_name="Ane", last_name="Garat"),
    ),
    "ptce": KeyboardForm(
        Programme.PTCE, "ptce:membership_create",
        [Field("Organisation", "ot", picker=True), Field("Adhésion le", datetime.date(LAST_YEAR, 2, 1))],
        lambda: Membership.objects.filter(organisation__name="Otsokop",
                                          joined_on=datetime.date(LAST_YEAR, 2, 1)).exists(),
        lambda: OrganisationFactory(name="Otsokop"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("app", FORMS)
def test_a_form_with_a_picker_is_filled_and_sent_with_the_keyboard_only(live_server, page, app):
    form = FORMS[app]
    form.data()
    page.emulate_media(reduced_motion="reduce")  # the focus rings show at once, without a transition
    log_in_with_the_keyboard(page, live_server, with_password(UserFactory(roles=[form.role])))
    page.goto(f"{live_server.url}{reverse(form.url_name)}")
    for step in form.fields:
        step.fill(page)
    tab_to(page, page.get_by_role("button", name="Enregistrer"))
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("enregistr")
    assert form.saved()
    assert page.console_errors == []


def test_a_refused_form_sums_up_its_errors_and_leads_to_each_field(live_server, page):
    page.emulate_media(reduced_motion="reduce")
    log_in_with_the_keyboard(page, live_server, with_password(UserFactory(roles=[Programme.PLIE])))
    if AXE:  # the refused form is checked too; by the browser, as the CSP refuses inline scripts
        page.context.add_init_script(path=AXE)
    page.goto(f"{live_server.url}{reverse('plie:meal_aid_create')}")
    tab_to(page, page.get_by_label(labelled("Date")))  # no beneficiary chosen
    type_date(page, datetime.date(LAST_YEAR + 3, 3, 15))  # in the future
    tab_to(page, page.get_by_label(labelled("Nombre de repas")))
    page.keyboard.type("4")
    tab_to(page, page.get_by_role("button", name="Enregistrer"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # announced: the focus starts from it
    expect(summary.get_by_role("heading")).to_have_text("Le formulaire contient 2 erreurs")
    if AXE:
        assert axe_violations(page) == []
    links = summary.get_by_role("link")
    expect(links).to_have_text([re.compile("^Bénéficiaire : "), re.compile("^Date : Cette date est dans le futur")])

    fields = [page.get_by_role("combobox", name=labelled("Bénéficiaire")), page.get_by_label(labelled("Date"))]
    for position, target in enumerate(fields):
        summary.focus()
        tab_to(page, links.nth(position))
        page.keyboard.press("Enter")
        expect(target).to_be_focused()
        expect(target).to_have_attribute("aria-invalid", "true")
        error = target.get_attribute("aria-describedby").split()[-1]
        expect(page.locator(f"#{error}")).to_have_text(links.nth(position).inner_text().partition(" : ")[2])
    assert page.console_errors == []
