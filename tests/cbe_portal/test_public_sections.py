"""What the programmes record is shown on their public pages and in the yearly report: the GPECT's and
the PTCE's projects, the incubator's collective and the holders it received in committee, the barriers
the PLIE lifted; and each programme page opens on its headline figures and how they moved."""

import datetime
import html
import re
import subprocess

import pytest
from django.urls import reverse

from cbe_portal import publication
from gpect.models import Project as GpectProject
from tests.circuits.factories import ParticipationFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import EmployerActionFactory
from tests.gpect.factories import ProjectFactory as GpectProjectFactory
from tests.incubateur.factories import CollectiveMemberFactory, PresentationFactory, ReceptionFactory
from tests.plie.factories import FreinFactory, ParcoursFactory
from tests.ptce.factories import MembershipFactory, ThemeFactory
from tests.ptce.factories import ProjectFactory as PtceProjectFactory

D = datetime.date
DRAFT = "?annee=2020&brouillon=1"


def text_of(content: bytes) -> str:
    """A page's text, tags dropped and spaces joined, as a reader gets it."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def figure(page: str, label: str) -> str:
    """The value shown beside `label` in a page's key figures."""
    return re.search(rf"(\S+) {re.escape(label)}", page)[1]


def lists_of(page: str) -> str:
    """The text of the records a section lists (templates/includes/programme_lists.html)."""
    return " ".join(
        text_of(block.encode()) for block in re.findall(r'<div class="programme-list">.*?</div>', page, re.S)
    )


def pages_of(client, programme: str) -> list[str]:
    """The draft 2020 page of a programme and the draft 2020 report, as coordination previews them."""
    return [
        client.get(reverse(f"{programme}:public") + DRAFT).content.decode(),
        client.get(reverse("cbe_portal:report", args=[2020]) + "?brouillon=1").content.decode(),
    ]


def test_gpect_projects_and_their_partners_on_the_page_and_in_the_report(client_as):
    client = client_as("coordination")
    EmployerActionFactory()  # the GPECT has figures in 2020
    filoha = GpectProjectFactory(name="FILOHA", summary="Une filière de logement social bas carbone.")
    filoha.partners.set([OrganisationFactory(name="XL Habitat"), OrganisationFactory(name="Nobatek")])
    for page in pages_of(client, "gpect"):
        assert lists_of(page) == (
            "Projets de territoire en cours FILOHA · En cours Une filière de logement social bas carbone. "
            "Avec Nobatek, XL Habitat"
        )

    filoha.status = GpectProject.Status.TERMINE
    filoha.save()
    GpectProjectFactory(name="Matières Communes", status=GpectProject.Status.EMERGENCE)
    for page in pages_of(client, "gpect"):
        assert lists_of(page) == "Projets de territoire en cours Matières Communes · En émergence"


def test_ptce_projects_of_the_year_on_the_page_and_in_the_report(client_as):
    client = client_as("coordination")
    MembershipFactory()  # a member: the PTCE has figures that year
    theme = ThemeFactory(name="Mobilité")
    project = PtceProjectFactory(name="Grândola", theme=theme, status="emergence", started_on=D(2020, 10, 1))
    for page in pages_of(client, "ptce"):
        assert lists_of(page) == "Projets en cours ou en développement Grândola · Mobilité · En émergence"

    project.started_on = D(2021, 2, 1)  # not yet under way in 2020
    project.save()
    for page in pages_of(client, "ptce"):
        assert lists_of(page) == ""


def test_the_collective_and_the_holders_received_in_committee(client_as):
    client = client_as("coordination")
    CollectiveMemberFactory(organisation=OrganisationFactory(name="SCIC Interstices"))
    presentation = PresentationFactory(project__holders=PersonFactory.create_batch(2))
    for page in pages_of(client, "incubateur"):
        assert figure(text_of(page.encode()), "membres du collectif d'accompagnement") == "1"
        assert figure(text_of(page.encode()), "porteur·ses de projet reçu·es en comité") == "2"
        assert lists_of(page) == "Le collectif d'accompagnement SCIC Interstices"

    CollectiveMemberFactory(organisation=OrganisationFactory(name="Solutions Mobilité"), joined_on=D(2020, 1, 15))
    presentation.project.holders.add(PersonFactory())
    for page in pages_of(client, "incubateur"):
        assert figure(text_of(page.encode()), "membres du collectif d'accompagnement") == "2"
        assert figure(text_of(page.encode()), "porteur·ses de projet reçu·es en comité") == "3"
        assert lists_of(page) == "Le collectif d'accompagnement SCIC Interstices Solutions Mobilité"


def test_the_barriers_lifted_in_the_year(client_as):
    client = client_as("coordination")
    barrier = FreinFactory(parcours=ParcoursFactory(entry_date=D(2020, 1, 15)), lifted_on=D(2020, 6, 1))
    FreinFactory(parcours=barrier.parcours)  # still there
    for page in pages_of(client, "plie"):
        assert figure(text_of(page.encode()), "freins périphériques levés") == "1"

    barrier.lifted_on = None
    barrier.save()
    for page in pages_of(client, "plie"):
        assert figure(text_of(page.encode()), "freins périphériques levés") == "0"


@pytest.mark.parametrize(
    ("programme", "headlines"),
    [
        ("plie", ["personnes accompagnées", "nouveaux accompagnements", "de sorties positives (taux absolu)"]),
        (
            "gpect",
            ["employeurs contactés ou mobilisés", "personnes en clause d'insertion", "heures d'insertion réalisées"],
        ),
        ("circuits", ["repas par jour", "d'achats locaux et bio", "fermes fournisseuses"]),
        ("incubateur", ["personnes rencontrées en premier accueil", "projets accompagnés", "emplois créés"]),
        ("ptce", ["organisations membres", "emplois", "de chiffre d'affaires cumulé"]),
    ],
)
def test_every_programme_page_opens_on_its_headline_figures(client, programme, headlines):
    for year in (2019, 2020):  # each programme has figures both years
        ParcoursFactory(entry_date=D(year, 3, 1))
        EmployerActionFactory(date=D(year, 3, 1))
        ParticipationFactory(year=year)
        ReceptionFactory(date=D(year, 3, 1))
    MembershipFactory()
    for year in (2019, 2020):
        publication.publish(year, UserFactory(), build_pdf=False)
    content = client.get(reverse(f"{programme}:public")).content.decode()
    lead = re.search(r'<section class="lead-figures".*?</section>', content, re.DOTALL)[0]
    assert "L'essentiel de 2020" in text_of(lead.encode())
    labels = re.findall(r'<span class="figure-label">(.*?)</span>', lead)
    assert [html.unescape(label) for label in labels] == headlines
    # The headlines open the page and are not listed again with the other figures.
    figures = content[content.index('class="programme-figures"') :]
    assert all(f'<span class="figure-label">{label}</span>' not in figures for label in labels)


def test_a_headline_says_how_it_moved_since_the_previous_published_year(client):
    ParcoursFactory(entry_date=D(2019, 3, 1))
    publication.publish(2019, UserFactory(), build_pdf=False)
    ParcoursFactory.create_batch(4, entry_date=D(2020, 2, 1))
    publication.publish(2020, UserFactory(), build_pdf=False)
    page = text_of(client.get(reverse("plie:public")).content)
    # 1 person accompanied in 2019, 5 in 2020; 1 new pathway, then 4.
    assert "5 personnes accompagnées +400 % par rapport à 2019" in page
    assert "4 nouveaux accompagnements +300 % par rapport à 2019" in page

    publication.reopen(2020, UserFactory(), "Une entrée oubliée")
    ParcoursFactory(entry_date=D(2020, 6, 1))
    publication.publish(2020, UserFactory(), build_pdf=False)
    page = text_of(client.get(reverse("plie:public")).content)
    assert "6 personnes accompagnées +500 % par rapport à 2019" in page


def test_the_pdf_lists_the_projects_and_the_collective(client_as, tmp_path):
    client = client_as("coordination")
    MembershipFactory()
    PtceProjectFactory(name="Metroloco", theme=ThemeFactory(name="Jeunesse"))
    GpectProjectFactory(name="FILOHA")
    CollectiveMemberFactory(organisation=OrganisationFactory(name="SCIC Interstices"))
    path = tmp_path / "rapport.pdf"
    path.write_bytes(client.get(reverse("cbe_portal:report_pdf", args=[2020]) + "?brouillon=1").content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    for shown in ["Projets de territoire en cours", "FILOHA", "Le collectif d'accompagnement", "SCIC Interstices",
                  "Projets en cours ou en développement", "Metroloco · Jeunesse · En cours"]:  # fmt: skip
        assert shown in text, shown


def test_a_programme_page_keeps_its_size_whatever_the_records_the_report_lists_them_all(client_as):
    """Markets and projects grow with the years of records: the page draws the 11 largest markets and
    one bar for the others, and lists 12 projects; the report lists every project."""
    from tests.gpect.factories import InsertionHoursFactory, MarketFactory

    client = client_as("coordination")
    EmployerActionFactory()
    for n in range(15):  # 15 markets of 2020, the n-th with 100 + n hours
        InsertionHoursFactory(market=MarketFactory(title=f"Marché {n:02d}", year=2020), hours=100 + n)
    for n in range(14):
        GpectProjectFactory(name=f"Projet {n:02d}")
    page, report = pages_of(client, "gpect")
    chart = re.search(r"Heures d'insertion réalisées par marché.*?</table>", page, re.S)[0]
    bars = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>', chart)
    assert [label for label, _ in bars] == [f"Marché {n:02d}" for n in range(14, 3, -1)] + ["4 autres marchés"]
    assert text_of(bars[-1][1].encode()) == "406"  # 100 + 101 + 102 + 103
    assert lists_of(page).count("Projet ") == 12 and "Et 2 autres" in text_of(page.encode())
    assert lists_of(report).count("Projet ") == 14


def test_the_ptce_page_lists_its_latest_publications_and_a_share_chart_groups_the_smallest(client):
    from decimal import Decimal

    from cbe_portal.templatetags.charts import bar_chart
    from tests.ptce.factories import PublicationFactory

    for year in range(2010, 2022):
        PublicationFactory(title=f"Lettre {year}", year=year)
    page = text_of(client.get(reverse("ptce:public")).content)
    assert "Lettre 2021" in page and "Lettre 2012" in page and "Lettre 2011" not in page
    assert "Les 10 plus récentes" in page

    # Restaurants by decreasing purchases: the three smallest become one bar, their share of their sum.
    rows = [{"label": f"R{n}", "value": 0.5, "total": Decimal(1000 - n), "local_bio": Decimal(0)} for n in range(5)]
    rows[3]["local_bio"], rows[4]["local_bio"] = Decimal(997), Decimal(996)
    bars = bar_chart("Part", rows, kind="share", limit=3, others="autres restaurants")["bars"]
    assert [(bar["label"], bar["display"].replace("\u00a0", " ")) for bar in bars] == [
        ("R0", "50 %"), ("R1", "50 %"), ("3 autres restaurants", "67 %"),
    ]  # fmt: skip


def test_a_change_that_rounds_to_nothing_reads_stable():
    from cbe_portal.sections import change

    assert change("count", 203, 204, 2019) == "stable par rapport à 2019"  # −0.5 %, never « −0 % »
    assert change("count", 210, 204, 2019) == "+3\u00a0% par rapport à 2019"
    assert change("count", 5, 0, 2019) == ""


def test_a_figure_added_after_a_publication_is_left_out_of_that_year_not_shown_empty(client):
    CollectiveMemberFactory()
    ReceptionFactory(date=D(2020, 3, 2))
    report = publication.publish(2020, UserFactory(roles=["coordination"]), build_pdf=False)
    del report.figures["incubateur"]["membres_collectif"]  # as a year published before the figure existed
    report.save()
    page = text_of(client.get(reverse("incubateur:public") + "?annee=2020").content)
    assert figure(page, "idées décryptées") == "1"
    assert "membres du collectif d'accompagnement" not in page
