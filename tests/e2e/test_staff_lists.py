"""Every paginated staff list, as coordination uses it: a search or a filter that still leaves two
pages, then « Page suivante ». The lists come from the permission matrix, so that a new list fails
here until it gets a recipe below or a reason to be skipped."""

import datetime
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.circuits import factories as circuits
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.gpect import factories as gpect
from tests.incubateur import factories as incubateur
from tests.permission_matrix import OK, PROGRAMMES, every_row
from tests.plie import factories as plie
from tests.ptce import factories as ptce

from .steps import log_in_by_cookie

pytestmark = pytest.mark.django_db(transaction=True)

MATCHING, OTHERS = 30, 3  # 30 rows found: a page of 25, then 5


@dataclass
class Search:
    """Type `term` in the list's search box and press Enter."""

    term: str
    parameter = "q"

    def apply(self, page):
        box = page.locator("input[name=q]:not([type=hidden])")
        box.fill(self.term)
        box.press("Enter")

    def is_kept(self, page):
        expect(page.locator("input[name=q]:not([type=hidden])")).to_have_value(self.term)


@dataclass
class Choose:
    """Choose `option` in the filter labelled `label`, then the form's `button`."""

    label: str
    option: str
    parameter: str
    button: str = "Filtrer"

    def apply(self, page):
        page.get_by_label(self.label, exact=True).select_option(label=self.option)
        page.get_by_role("button", name=self.button).click()

    def is_kept(self, page):
        expect(page.get_by_label(self.label, exact=True).locator("option:checked")).to_have_text(self.option)


def days(count, start=datetime.date(2020, 1, 1)):
    """`count` different days of 2020, so that no two rows read the same."""
    return [start + datetime.timedelta(days=n * 3) for n in range(count)]


def named(factory, field, label, others=None):
    """MATCHING rows whose `field` reads « label n », and OTHERS rows built as `others` (the factory's default)."""

    def build():
        for n in range(MATCHING):
            factory(**{field: f"{label} {n:02d}"})
        for _ in range(OTHERS):
            (others or factory)()

    return build


def dated(factory, field="date", **fixed):
    """MATCHING rows in 2020 (different days) and OTHERS in 2018."""

    def build():
        for day in days(MATCHING):
            factory(**{field: day}, **fixed)
        for day in days(OTHERS, datetime.date(2018, 2, 1)):
            factory(**{field: day}, **fixed)

    return build


def purchases():
    restaurant = circuits.RestaurantFactory(name="Cantine de Tarnos")
    for n in range(MATCHING):
        circuits.PurchaseFactory(restaurant=restaurant, amount_ht=1000 + n)
    for n in range(OTHERS):
        circuits.PurchaseFactory(restaurant=restaurant, year=2018, amount_ht=2000 + n)


def crop_plans():
    for n in range(MATCHING):
        circuits.CropPlanFactory(product=f"Carottes {n:02d}")
    for n in range(OTHERS):
        circuits.CropPlanFactory(year=2018, product=f"Poireaux {n:02d}")


def employer_actions():
    for n, day in enumerate(days(MATCHING)):
        gpect.EmployerActionFactory(date=day, employer__organisation__name=f"Menuiserie {n:02d}")
    for _ in range(OTHERS):
        gpect.EmployerActionFactory(kind="immersion")


def pathways():
    for n in range(MATCHING):
        plie.ParcoursFactory(person__last_name="Etcheverry", person__first_name=f"Ane {n:02d}")
    for _ in range(OTHERS):
        plie.ParcoursFactory(person__last_name="Dupont")


def meal_aids():
    for n in range(MATCHING):
        plie.MealAidFactory(beneficiary__last_name="Etcheverry", beneficiary__first_name=f"Ane {n:02d}")
    for _ in range(OTHERS):
        plie.MealAidFactory(beneficiary__last_name="Dupont")


def receptions():
    for n, day in enumerate(days(MATCHING)):
        incubateur.ReceptionFactory(date=day, idea=f"Une recyclerie {n:02d}")
    for _ in range(OTHERS):
        incubateur.ReceptionFactory(idea="Un café associatif")


def members(build_organisation):
    def build():
        for n in range(MATCHING):
            ptce.MembershipFactory(organisation=build_organisation(f"Recyclerie {n:02d}"))
        for _ in range(OTHERS):
            ptce.MembershipFactory()

    return build


def declarations():
    for n in range(MATCHING):
        ptce.MembershipFactory(organisation__name=f"Recyclerie {n:02d}")


# How to fill each list with rows and narrow it to MATCHING of them.
LISTS = {
    "cbe_portal:organisation_list": (named(OrganisationFactory, "name", "Recyclerie"), Search("recyclerie")),
    "cbe_portal:person_list": (named(PersonFactory, "last_name", "Etcheverry"), Search("etcheverry")),
    "plie:parcours_list": (pathways, Search("etcheverry")),
    "plie:collective_action_list": (named(plie.CollectiveActionFactory, "name", "Atelier CV"), Search("atelier cv")),
    "plie:meal_aid_list": (meal_aids, Search("etcheverry")),
    "gpect:employer_list": (named(gpect.EmployerFactory, "organisation__name", "Menuiserie"), Search("menuiserie")),
    "gpect:action_list": (employer_actions, Choose("Type d'action", "Contact", "type")),
    "gpect:offer_list": (named(gpect.JobOfferFactory, "title", "Maçon"), Search("macon")),
    "gpect:visit_list": (dated(gpect.CompanyVisitFactory), Choose("Année", "2020", "annee")),
    "gpect:market_list": (named(gpect.MarketFactory, "title", "Voirie"), Search("voirie")),
    "circuits:restaurant_list": (named(circuits.RestaurantFactory, "name", "Cantine"), Search("cantine")),
    "circuits:supplier_list": (
        named(circuits.SupplierFactory, "organisation__name", "Ferme maraîchère"),
        Search("maraichere"),
    ),
    "circuits:purchase_list": (purchases, Choose("Année", "2020", "annee")),
    "circuits:cropplan_list": (crop_plans, Choose("Année", "2020", "annee")),
    "circuits:workshop_list": (dated(circuits.WorkshopFactory), Choose("Année", "2020", "annee")),
    "circuits:awareness_list": (dated(circuits.AwarenessActionFactory), Choose("Année", "2020", "annee")),
    "incubateur:reception_list": (receptions, Search("recyclerie")),
    "incubateur:project_list": (named(incubateur.ProjectFactory, "name", "Recyclerie"), Search("recyclerie")),
    "incubateur:committee_list": (dated(incubateur.CommitteeFactory), Choose("Année", "2020", "annee")),
    "incubateur:collective_time_list": (dated(incubateur.CollectiveTimeFactory), Choose("Année", "2020", "annee")),
    "incubateur:training_list": (named(incubateur.TrainingFactory, "title", "Comptabilité"), Search("comptabilite")),
    "ptce:member_list": (members(lambda name: OrganisationFactory(name=name)), Search("recyclerie")),
    "ptce:membership_list": (members(lambda name: OrganisationFactory(name=name)), Search("recyclerie")),
    "ptce:theme_list": (named(ptce.ThemeFactory, "name", "Alimentation"), Search("alimentation")),
    "ptce:project_list": (named(ptce.ProjectFactory, "name", "Épicerie"), Search("epicerie")),
    "ptce:publication_list": (named(ptce.PublicationFactory, "title", "Guide"), Search("guide")),
    "ptce:declaration_list": (declarations, Choose("Année", "2020", "annee", "Afficher")),
}
SKIPPED = {
    "gpect:project_list": "not paginated: the GPECT's projects are a handful a year, shown on one page",
    "incubateur:member_list": "no search and no filter: the collective's members are listed whole",
}
NO_RECORD_PAGE = {  # lists whose rows lead to no staff page of the record, and why
    "ptce:declaration_list": "a declaration is filled on the page its member also uses, outside the staff space",
}


def staff_lists():
    """The matrix's lists that coordination opens: a programme's, or the shared directory's."""
    return [
        row.url_name
        for row in every_row()
        if row.url_name.endswith("_list")
        and row.expect("coordination") == OK
        and (
            row.url_name.partition(":")[0] in PROGRAMMES
            or row.url_name in {"cbe_portal:organisation_list", "cbe_portal:person_list"}
        )
    ]


def test_every_staff_list_has_a_recipe_or_a_reason():
    assert sorted(staff_lists()) == sorted([*LISTS, *SKIPPED])


def total(page):
    """The number of rows found, as the page reads it (« 30 résultats, page 1 sur 2 », « 30 membres »)."""
    return page.get_by_text(re.compile(r"^\d+ (résultat|membre)")).first.inner_text().split(",")[0]


@pytest.mark.parametrize("url_name", staff_lists())
def test_page_two_of_a_filtered_list(live_server, page, url_name):
    from django.urls import reverse

    if url_name in SKIPPED:
        pytest.skip(SKIPPED[url_name])
    build, narrowing = LISTS[url_name]
    build()
    log_in_by_cookie(page, live_server, UserFactory(roles=["coordination"]))
    page.goto(f"{live_server.url}{reverse(url_name)}")
    narrowing.apply(page)
    expect(page).to_have_url(re.compile(f"[?&]{narrowing.parameter}="))
    found = total(page)
    assert found.startswith(f"{MATCHING} "), found
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(25)
    first_page = set(rows.all_inner_texts())

    page.get_by_role("link", name="Page suivante").click()
    expect(page).to_have_url(re.compile(f"[?&]{narrowing.parameter}=.*page=2|page=2.*[?&]{narrowing.parameter}="))
    expect(rows).to_have_count(MATCHING - 25)
    assert first_page.isdisjoint(rows.all_inner_texts())
    narrowing.is_kept(page)
    assert total(page) == found

    # A record of page 2 (its correction, where the row offers one), then back to the list by the
    # breadcrumb: page 2, still narrowed.
    if url_name not in NO_RECORD_PAGE:
        correction = rows.first.get_by_role("link", name="Modifier")
        (correction if correction.count() else rows.first.locator("a[href]").first).click()
        page.locator(".breadcrumb").get_by_role("link", name=re.compile(".")).filter(
            has=page.locator(f'xpath=self::a[starts-with(@href, "{reverse(url_name)}")]')
        ).click()
        expect(page).to_have_url(re.compile(r"[?&]page=2"))
        narrowing.is_kept(page)
    assert page.console_errors == []


def test_a_search_typed_but_not_sent_goes_with_the_filters(live_server, page):
    from django.urls import reverse

    pathways()  # 30 « Etcheverry », 3 « Dupont », all under way
    log_in_by_cookie(page, live_server, UserFactory(roles=["plie"]))
    page.goto(f"{live_server.url}{reverse('plie:parcours_list')}")
    page.locator("input[name=q]:not([type=hidden])").fill("dupont")  # no Enter
    Choose("Statut", "En parcours", "statut").apply(page)
    expect(page).to_have_url(re.compile(r"[?&]q=dupont.*statut=en_parcours|statut=en_parcours.*[?&]q=dupont"))
    expect(page.locator("tbody tr")).to_have_count(3)
    expect(page.locator("input[name=q]:not([type=hidden])")).to_have_value("dupont")
    assert page.console_errors == []
