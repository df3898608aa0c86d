"""Journeys through the portal as people make them: staff recording their year's work, a partner
in the PTCE directory, a visitor reading the published report, coordination publishing it. Each
step is clicked and typed in Chromium, and screenshotted in test-results/e2e/."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cbe_portal.permissions import Programme
from gpect.models import Match
from incubateur.models import Stage
from plie.models import Parcours
from tests.circuits.factories import FarmFactory, ParticipationFactory, PurchaseFactory, SupplierFactory
from tests.factories import ContactFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import EmployerFactory
from tests.incubateur.factories import ProjectFactory
from tests.plie.factories import ParcoursFactory
from tests.ptce.factories import MembershipFactory, ThemeFactory

from .steps import Camera, log_in, type_date, with_password

pytestmark = pytest.mark.django_db(transaction=True)

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def camera(request):
    return Camera(request.node.name)


def pick(page, label, typed):
    """Choose the first suggestion of a picker: type two letters, arrow down, Enter."""
    picker = page.get_by_role("combobox", name=label)
    picker.focus()
    page.keyboard.type(typed)
    expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).to_have_attribute("aria-expanded", "false")
    return picker


def test_gpect_staff_records_an_offer_and_a_match(live_server, page, camera):
    EmployerFactory(organisation__name="Menuiserie Darrigrand")
    EmployerFactory(organisation__name="Boulangerie Lafitte")
    person = PersonFactory(first_name="Maialen", last_name="Etcheverry")
    PersonFactory(first_name="Paul", last_name="Durand")
    today = timezone.localdate().isoformat()
    log_in(page, live_server, with_password(UserFactory(roles=[Programme.GPECT])))

    page.goto(f"{live_server.url}/espace/gpect/")
    page.get_by_role("link", name="Offres", exact=True).first.click()
    page.get_by_role("link", name="Ajouter une offre").click()
    camera(page, "offre-vide")
    expect(pick(page, "Employeur", "me")).to_have_value(re.compile("^Menuiserie Darrigrand"))
    page.get_by_label("Intitulé").fill("Menuisier poseur")
    page.get_by_label("Date de diffusion").fill(today)
    camera(page, "offre-remplie")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Menuisier poseur")).to_be_visible()
    expect(page.get_by_text("Aucune mise en relation.")).to_be_visible()
    camera(page, "offre-enregistree")

    page.get_by_role("link", name="Mettre quelqu'un en relation").click()
    expect(pick(page, "Personne", "et")).to_have_value(re.compile("ETCHEVERRY Maialen", re.IGNORECASE))
    page.get_by_label(re.compile(r"^\s*Date\b")).fill(today)
    camera(page, "mise-en-relation")
    page.get_by_role("button", name="Enregistrer").click()

    matches = page.get_by_role("table", name="Mises en relation").locator("tbody tr")
    expect(matches).to_have_count(1)
    expect(matches).to_contain_text(re.compile("Etcheverry", re.IGNORECASE))
    expect(matches).to_contain_text("En cours")
    camera(page, "offre-avec-mise-en-relation")
    match = Match.objects.get()
    assert (match.person, match.offer.title, match.offer.employer.organisation.name) == (
        person, "Menuisier poseur", "Menuiserie Darrigrand"
    )  # fmt: skip
    assert page.console_errors == []


def local_organic_share(page):
    row = page.get_by_role("row", name=re.compile("^Part d'achats locaux et bio"))
    return row.get_by_role("cell").first.inner_text()


def test_circuits_staff_records_purchases_and_the_share_follows(live_server, page, camera):
    year = timezone.localdate().year - 1
    restaurant = ParticipationFactory(restaurant__name="Cantine de Tarnos", year=year).restaurant
    farm = SupplierFactory(organisation=FarmFactory(name="Ferme Larrouy")).organisation
    # Already recorded: 1,000 € of conventional vegetables from the (local) farm, so 0 % local and organic.
    PurchaseFactory(restaurant=restaurant, supplier=farm, year=year, amount_ht=1000, is_organic=False)
    log_in(page, live_server, with_password(UserFactory(roles=[Programme.CIRCUITS])))

    page.goto(f"{live_server.url}/espace/circuits/")
    page.get_by_label("Année").select_option(str(year))
    page.get_by_role("button", name="Afficher").click()
    assert local_organic_share(page) == f"0{NBSP}%"
    camera(page, "accueil-avant")

    for amount, family in [("1500", "Fruits et légumes"), ("1500", "Produits laitiers")]:
        page.get_by_role("link", name="Saisir un achat").click()
        pick(page, "Restaurant", "ca")
        page.get_by_label("Année").select_option(str(year))
        page.get_by_label("Début de la période").fill(f"{year}-01-01")
        page.get_by_label("Fin de la période").fill(f"{year}-12-31")
        pick(page, "Fournisseur", "fe")
        page.get_by_label("Famille de produits").select_option(label=family)
        page.get_by_label("Montant HT (€)").fill(amount)
        page.get_by_label("Bio", exact=True).check()
        camera(page, f"achat-{family}")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text("L'achat est enregistré.")).to_be_visible()
        page.goto(f"{live_server.url}/espace/circuits/?annee={year}")

    # 3,000 € local and organic out of 4,000 €.
    expect(page.get_by_role("row", name=re.compile("^Part d'achats locaux et bio"))).to_contain_text(f"75{NBSP}%")
    camera(page, "accueil-apres")
    from cbe_portal import figures

    figures.invalidate()
    assert figures.for_year(year)[Programme.CIRCUITS]["part_local_bio"] == 0.75
    assert page.console_errors == []


def test_a_partner_finds_a_themes_members_but_not_a_plie_pathway(live_server, page, camera):
    food, energy = ThemeFactory(name="Alimentation durable"), ThemeFactory(name="Énergie citoyenne")
    otsokop = MembershipFactory(organisation=OrganisationFactory(name="Otsokop"))
    otsokop.themes.set([food])
    MembershipFactory(organisation=OrganisationFactory(name="Scic Eole")).themes.set([energy])
    ContactFactory(organisation=otsokop.organisation, person__first_name="Ane", person__last_name="Garat")
    pathway = ParcoursFactory()
    log_in(page, live_server, with_password(UserFactory(roles=["partenaire"])))

    page.goto(f"{live_server.url}/espace/")
    page.get_by_role("link", name="Annuaire des membres").click()
    page.get_by_label("Thématique").select_option(label="Alimentation durable")
    page.get_by_role("button", name="Filtrer").click()
    members = page.locator("tbody tr")
    expect(members).to_have_count(1)
    expect(members).to_contain_text("Otsokop")
    camera(page, "annuaire-filtre")
    page.get_by_role("link", name="Otsokop").click()
    contacts = page.get_by_role("region", name="Contacts")
    expect(contacts).to_contain_text(re.compile("Garat", re.IGNORECASE))
    expect(contacts).to_contain_text("Direction")
    camera(page, "fiche-membre")

    response = page.goto(f"{live_server.url}/espace/plie/parcours/{pathway.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    camera(page, "parcours-refuse")
    assert str(pathway.person.last_name) not in page.content()


@pytest.fixture
def published_year():
    from cbe_portal import publication

    year = timezone.localdate().year - 1
    ParticipationFactory(year=year)
    publication.publish(year, UserFactory(roles=["coordination"]), build_pdf=False)
    return year


def test_a_visitor_reads_the_published_report_and_downloads_its_files(live_server, page, camera, published_year):
    year = published_year
    page.goto(f"{live_server.url}/")
    camera(page, "accueil")
    page.get_by_role("link", name="Circuits alimentaires locaux").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Circuits")
    camera(page, "circuits")

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"Lire le rapport d'activité {year}").click()
    expect(page).to_have_url(f"{live_server.url}/rapport/{year}/")
    camera(page, "rapport")
    # The PDF is served inline: Chromium opens it in its viewer, there is no download to wait for.
    with page.expect_response(lambda response: "pdf" in response.url) as pdf:
        page.get_by_role("link", name="Télécharger le PDF").click()
    assert pdf.value.status == 200
    assert pdf.value.headers["content-type"] == "application/pdf"
    assert f'filename="rapport-activite-cbe-seignanx-{year}.pdf"' in pdf.value.headers["content-disposition"]
    # What the viewer reads back is its own page: fetch the file again to look at its bytes.
    assert page.request.get(pdf.value.url).body()[:5] == b"%PDF-"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Les rapports publiés").click()
    camera(page, "archives")
    row = page.get_by_role("row", name=re.compile(f"^{year}"))
    with page.expect_download() as csv:
        row.get_by_role("link", name="CSV").click()
    with open(csv.value.path(), "rb") as file:
        header = file.readline().decode()
    assert header.startswith("annee,programme,cle,valeur"), header
    # The circuits page's map asks for tiles, which the closed network refuses; nothing else may fail.
    assert [error for error in page.console_errors if "Failed to load resource" not in error] == []


def test_coordination_previews_publishes_and_finds_the_report_in_the_archive(live_server, page, camera):
    year = timezone.localdate().year - 1
    ParticipationFactory(year=year, restaurant__name="Cantine de Tarnos")
    log_in(page, live_server, with_password(UserFactory(roles=["coordination"])))

    page.goto(f"{live_server.url}/espace/")
    page.get_by_role("link", name=re.compile("^Publication des rapports")).click()
    row = page.get_by_role("row", name=re.compile(f"^{year}"))
    expect(row).to_contain_text("Brouillon, jamais publié")
    camera(page, "publication-liste")

    row.get_by_role("link", name="Rapport").click()
    expect(page).to_have_url(re.compile(f"/rapport/{year}/\\?brouillon=1$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(year))
    camera(page, "brouillon")
    page.go_back()

    row.get_by_role("link", name=f"Publier {year}").click()
    page.get_by_role("button", name=f"Publier {year}").click()
    expect(page.get_by_text(f"Le rapport {year} est publié (version 1).")).to_be_visible()
    expect(row).to_contain_text("Publiée le")
    camera(page, "publie")

    page.goto(f"{live_server.url}/rapport/archives/")
    archived = page.get_by_role("row", name=re.compile(f"^{year}"))
    expect(archived).to_contain_text("1")
    expect(archived.get_by_role("link", name="page web")).to_have_attribute("href", f"/rapport/{year}/")
    camera(page, "archives")
    assert page.console_errors == []


def figure_in_card(page, programme, label):
    """A figure of the dashboard's card of `programme`, by the start of its label."""
    card = page.get_by_role("article").filter(has=page.get_by_role("heading", name=re.compile(f"^{programme}")))
    return card.locator("dt", has_text=re.compile(f"^{label}")).locator("xpath=following-sibling::dd[1]").inner_text()


def key_figure(page, label):
    """A key figure of a public programme page, by its label."""
    return page.locator(".key-figures li").filter(has_text=label).locator(".figure-value").inner_text()


def preview_plie_page(page, live_server, year):
    """Coordination opens the draft PLIE page of `year` from the publication page."""
    page.goto(f"{live_server.url}/espace/")
    page.get_by_role("link", name=re.compile("^Publication des rapports")).click()
    page.get_by_role("row", name=re.compile(f"^{year}")).get_by_role("link", name="PLIE", exact=True).click()
    expect(page).to_have_url(re.compile(f"/plie/\\?annee={year}&brouillon=1$"))
    expect(page.get_by_text("Brouillon").first).to_be_visible()


def test_plie_adviser_opens_a_pathway_and_the_figures_follow(live_server, page, camera):
    year = timezone.localdate().year - 1
    ParcoursFactory(entry_date=datetime.date(year, 1, 6))  # someone already followed that year
    coordination = with_password(UserFactory(roles=["coordination"]))
    adviser = with_password(UserFactory(roles=[Programme.PLIE], first_name="Claire", last_name="Duhalde"))

    log_in(page, live_server, coordination)
    preview_plie_page(page, live_server, year)
    assert key_figure(page, "personnes accompagnées") == "1"
    camera(page, "brouillon-avant")
    page.context.clear_cookies()

    log_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/espace/?annee={year}")
    assert figure_in_card(page, "PLIE", "Personnes accompagnées") == "1"
    assert figure_in_card(page, "PLIE", "Sorties") == "0"
    page.get_by_role("link", name="Ouvrir l'espace PLIE").click()
    page.get_by_role("link", name="Participant·es", exact=True).click()
    page.get_by_role("searchbox").fill("Etxeberria")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_text("Aucun parcours ne correspond.")).to_be_visible()
    camera(page, "recherche-vide")

    page.get_by_role("link", name="Ouvrir un parcours").click()
    page.get_by_label("Prénom").fill("Maite")
    page.get_by_label("Nom", exact=True).fill("Etxeberria")
    page.get_by_label("Genre").select_option(label="Femme")
    page.get_by_label("Date de naissance").fill("1979-05-14")
    page.get_by_label("Date d'entrée").fill(f"{year}-02-03")
    page.get_by_label("Bénéficiaire du RSA").check()
    camera(page, "parcours-nouveau")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Etxeberria", re.IGNORECASE))
    parcours = Parcours.objects.get(person__last_name="Etxeberria")
    assert (parcours.entry_date, parcours.rsa) == (datetime.date(year, 2, 3), True)

    for theme in ["Mobilité", "Garde d'enfant"]:
        page.get_by_role("link", name="Ajouter un frein").click()
        page.get_by_label("Thème").select_option(label=theme)
        page.get_by_label("Repéré le").fill(f"{year}-02-03")
        page.get_by_role("button", name="Enregistrer").click()
    barriers = page.locator("li[id^=frein-]")
    expect(barriers).to_have_count(2)
    expect(barriers.first).to_contain_text("Mobilité : repéré le")
    camera(page, "freins")

    page.get_by_role("link", name="Ajouter une étape").click()
    page.get_by_label("Type d'étape").select_option(label="Emploi")
    page.get_by_label("Intitulé").fill("Agente de restauration")
    page.get_by_label("Début").fill(f"{year - 1}-03-02")  # a year too early, and no contract type
    page.get_by_role("button", name="Enregistrer").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Le formulaire contient 2 erreurs")
    expect(summary).to_be_focused()
    camera(page, "etape-refusee")
    summary.get_by_role("link", name=re.compile("^Début : Cette date précède l'entrée")).click()
    expect(page.get_by_label("Début")).to_be_focused()
    type_date(page, datetime.date(year, 3, 2))
    page.get_by_label("Type de contrat").select_option(label="CDI")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Agente de restauration")).to_be_visible()
    camera(page, "etape")

    page.get_by_role("link", name="Enregistrer la sortie").click()
    page.get_by_label("Date de sortie").fill(f"{year}-09-30")
    page.get_by_label("Type de sortie").select_option(label="CDI")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("link", name="Modifier la sortie")).to_be_visible()
    camera(page, "sortie")
    parcours.refresh_from_db()
    assert (parcours.exit_date, parcours.exit_type.category) == (datetime.date(year, 9, 30), "positive")
    assert list(parcours.freins.values_list("theme", flat=True)) == ["mobilite", "garde_enfant"]
    assert parcours.steps.get().start_date == datetime.date(year, 3, 2)

    page.goto(f"{live_server.url}/espace/?annee={year}")
    assert figure_in_card(page, "PLIE", "Personnes accompagnées") == "2"
    assert figure_in_card(page, "PLIE", "Sorties") == "1"
    assert figure_in_card(page, "PLIE", "Taux de sorties positives") == f"100{NBSP}%"
    camera(page, "tableau-de-bord")
    page.context.clear_cookies()

    log_in(page, live_server, coordination)
    preview_plie_page(page, live_server, year)
    assert key_figure(page, "personnes accompagnées") == "2"
    camera(page, "brouillon-apres")
    assert page.console_errors == []


def test_incubator_staff_admit_a_project_then_change_the_decision(live_server, page, camera):
    year = timezone.localdate().year - 1
    PersonFactory(first_name="Ane", last_name="Garat")
    project = ProjectFactory(name="Épicerie itinérante", history=[(Stage.PRE_INCUBATION, datetime.date(year, 1, 10))])
    log_in(page, live_server, with_password(UserFactory(roles=[Programme.INCUBATEUR])))

    page.goto(f"{live_server.url}/espace/incubateur/")
    page.get_by_role("link", name="Premiers accueils").first.click()
    page.get_by_role("link", name="Nouveau premier accueil").click()
    page.get_by_label("Date").fill(f"{year}-01-20")
    pick(page, "Personnes reçues", "ga")
    page.get_by_label("Idée discutée").fill("Une épicerie qui passe dans les villages")
    page.get_by_label("Connaissance de l'incubateur par").select_option(label="Bouche-à-oreille")
    page.get_by_label("Suite donnée").select_option(label="Entrée en pré-incubation")
    page.get_by_label("Projet").select_option(label="Épicerie itinérante")
    camera(page, "accueil")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(f"Le premier accueil du 20/01/{year} est enregistré.")).to_be_visible()
    expect(page.locator("tbody tr")).to_contain_text("Épicerie itinérante")

    page.get_by_role("link", name="Comités d'orientation").first.click()
    page.get_by_role("link", name=re.compile("^Nouveau comité")).click()
    page.get_by_label("Date").fill(f"{year}-03-12")
    page.get_by_label("Projets présentés").select_option(label="Épicerie itinérante")
    camera(page, "comite")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"12/03/{year}")

    page.get_by_role("link", name="Enregistrer la décision sur Épicerie itinérante").click()
    page.get_by_label("Décision").select_option(label="Admis en incubation")
    page.get_by_role("button", name="Enregistrer").click()
    decisions = page.get_by_role("table", name="Projets présentés et décisions")
    expect(decisions).to_contain_text("Admis en incubation")
    page.get_by_role("link", name="Épicerie itinérante", exact=True).click()
    stage = page.locator("dt", has_text="Étape actuelle").locator("xpath=following-sibling::dd[1]")
    expect(stage).to_have_text("Incubation")
    history = page.get_by_role("table", name=re.compile("^Étapes successives du projet"))
    expect(history.locator("tbody tr")).to_have_count(2)
    camera(page, "projet-admis")

    page.go_back()
    page.get_by_role("link", name="Modifier la décision sur Épicerie itinérante").click()
    page.get_by_label("Décision").select_option(label="Ajourné")
    page.get_by_label("Commentaire").fill("Étude de marché à compléter.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(decisions).to_contain_text("Ajourné")
    camera(page, "decision-modifiee")
    page.get_by_role("link", name="Épicerie itinérante", exact=True).click()
    expect(stage).to_have_text("Pré-incubation")
    expect(history).to_contain_text("« Admis en incubation » → « Ajourné »")
    camera(page, "projet-ajourne")

    project.refresh_from_db()
    assert project.stage == Stage.PRE_INCUBATION
    assert project.presentations.get().decision == "ajourne"
    assert project.receptions.get().persons.get().last_name == "Garat"
    assert page.console_errors == []
