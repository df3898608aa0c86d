"""The charts (colours that mean something, whole labels, values on the bars, text readable on a
320 px screen, data behind a disclosure) and the yearly report's PDF (tagged, a cover and a table of
contents, one chapter per programme, no near-empty page), on the demo's 2020 report."""

import html
import re
import subprocess
import zlib

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from cbe_portal.templatetags.charts import CURRENT, FONT, PREVIOUS, WIDTH, _text_width, bar_chart

CHAPTERS = [
    "Le mot du président", "PLIE", "GPECT", "Circuits alimentaires locaux", "Tube à ESS'ai",
    "PTCE Sud Aquitaine", "Acteurs et partenaires", "Publications",
]  # fmt: skip
PROGRAMMES = CHAPTERS[1:6]
EXIT_CATEGORIES = "positive:Sorties positives,administrative:Sorties administratives,autre:Autres sorties"
EXIT_LABELS = ["Sorties positives", "Sorties administratives", "Autres sorties"]
DISCLOSURE = re.compile(
    r'<details class="chart-data">\s*<summary>Voir les données</summary>(.*?)</details>', re.DOTALL
)
EXITS_CHART = re.compile(r'<figure class="chart">\s*<figcaption[^>]*>Sorties par type.*?</figure>', re.DOTALL)
# The narrowest a chart is drawn: a 320 px screen less the page's margins (296 px measured in Chromium).
NARROWEST_PX = 288


@pytest.fixture(scope="module")
def report_2020(loaded_demo, django_db_blocker, tmp_path_factory):
    """The demo's 2020 report, as a page and as a PDF (its text page by page), made once for the
    module: the PDF takes seconds."""
    with django_db_blocker.unblock():
        client = Client()
        page = client.get(reverse("cbe_portal:report", args=[2020])).content.decode()
        pdf = client.get(reverse("cbe_portal:report_pdf", args=[2020])).content
    path = tmp_path_factory.mktemp("rapport") / "rapport-2020.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = [lines for lines in pages if lines]
    return {"page": page, "pdf": pdf, "pages": pages, "layout": layout.stdout, "info": info}


def pdf_info(report, field):
    return re.search(rf"^{field}:\s*(.*)$", report["info"], re.MULTILINE).group(1)


def test_pdf_is_tagged_in_french_with_a_title_and_fits_14_pages(report_2020):
    assert pdf_info(report_2020, "Tagged") == "yes"
    assert pdf_info(report_2020, "Title") == "Rapport d'activité 2020 — CBE du Seignanx"
    assert int(pdf_info(report_2020, "Pages")) <= 14
    # The document's language is in its catalog, which WeasyPrint compresses with the other objects.
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", report_2020["pdf"], re.DOTALL)
    assert any(b"/Lang (fr)" in zlib.decompress(stream) for stream in streams if stream[:1] == b"x")


def test_pdf_opens_on_a_cover_then_a_table_of_contents_with_page_numbers(report_2020):
    cover, contents = report_2020["pages"][:2]
    assert cover == [
        "Comité de Bassin d'Emploi", "du Seignanx",
        "Animateur du Pôle territorial de coopération économique Sud Aquitaine", "Rapport d'activité", "2020",
    ]  # fmt: skip
    entries = [re.fullmatch(r"\d+\. (.+?) ?\.+ ?(\d+)", line) for line in contents]
    numbered = {entry[1]: int(entry[2]) for entry in entries if entry}
    assert list(numbered) == CHAPTERS


def test_pdf_chapters_come_in_order_each_programme_from_a_new_page(report_2020):
    pages = report_2020["pages"]
    contents = {m[1]: int(m[2]) for line in pages[1] if (m := re.fullmatch(r"\d+\. (.+?) ?\.+ ?(\d+)", line))}
    assert list(contents.values()) == sorted(contents.values())
    for programme in PROGRAMMES:
        page = pages[contents[programme] - 1]
        # The running header (the report, then the chapter), then the chapter's title first on its page.
        assert page[:3] == ["CBE du Seignanx — Rapport d'activité 2020", programme, programme], page[:3]
        assert f"Les chiffres 2020 — {programme}" in " ".join(page)
        assert re.search(rf"^page {contents[programme]} sur \d+$", "\n".join(page), re.MULTILINE)
    assert "Publications" in pages[contents["Publications"] - 1]


def test_pdf_has_no_near_empty_page(report_2020):
    for number, page in enumerate(report_2020["pages"][1:], start=2):
        assert len(page) >= 15, (number, page)


def test_pdf_shows_each_charts_data(report_2020):
    # Set out as tables (the other column may share the line).
    assert re.search(r"Libellé +Catégorie +Nombre\b", report_2020["layout"])
    assert re.search(r"\bCDI +Sorties positives +6\b", report_2020["layout"])
    assert "Voir les données" not in report_2020["layout"]


def test_report_names_each_programmes_figures_once(report_2020):
    page = report_2020["page"]
    names = [
        html.unescape(re.sub(r"<[^>]+>", "", re.search(rf'id="{label}"[^>]*>(.*?)</h\d>', page, re.DOTALL)[1])).strip()
        for label in re.findall(r'<section class="programme-figures" aria-labelledby="([^"]+)"', page)
    ]
    assert names == [f"Les chiffres 2020 — {programme}" for programme in PROGRAMMES]


def test_every_bar_chart_has_its_data_behind_a_disclosure(report_2020):
    page = report_2020["page"]
    charts = re.findall(r'<figure class="chart">.*?</figure>', page, re.DOTALL)
    assert len(charts) >= 15
    for chart in charts:
        details = DISCLOSURE.search(chart)
        assert details and "<table" in details[1] and '<th scope="row">' in details[1]


def test_chart_labels_are_whole_on_the_page(report_2020):
    for svg in re.findall(r"<svg viewBox.*?</svg>", report_2020["page"], re.DOTALL):
        texts = [html.unescape(text) for text in re.findall(r"<(?:text|tspan)[^>]*>([^<]+)<", svg)]
        assert texts and not any(text.rstrip().endswith(("…", "...")) for text in texts), texts
    assert "Durée maximale de" in report_2020["page"] and "parcours atteinte" in report_2020["page"]


def test_chart_text_stays_12_px_on_a_320_px_screen(report_2020):
    for svg in re.findall(r"<svg viewBox.*?</svg>", report_2020["page"], re.DOTALL):
        width = float(re.match(r'<svg viewBox="0 0 ([\d.]+)', svg)[1])
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
        assert min(sizes) * min(NARROWEST_PX / width, 1) >= 12, (width, sizes)


def test_a_long_label_wraps_on_lines_that_fit_its_column():
    label = "Chantier des Trois Fontaines : réhabilitation des logements sociaux intercommunaux"
    chart = bar_chart("Heures", [{"label": label, "value": 1824}, {"label": "Voie verte", "value": 1149}])
    lines = [line["text"] for line in chart["bars"][0]["lines"]]
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(_text_width(line) <= chart["label_x"] for line in lines)
    assert chart["width"] == WIDTH and chart["font_size"] == FONT
    svg = render_to_string("includes/chart_bars.html", chart)
    assert "…" not in svg and all(html.escape(line, quote=False) in svg for line in lines)
    assert ">1\u00a0824</text>" in svg  # the value written at the end of its bar


def test_exits_are_grouped_and_coloured_by_category_with_a_legend():
    rows = [
        {"label": "CDI", "category": "positive", "value": 6},
        {"label": "Déménagement", "category": "administrative", "value": 11},
        {"label": "Abandon", "category": "autre", "value": 4},
        {"label": "Formation qualifiante", "category": "positive", "value": 5},
        {"label": "Retraite", "category": "administrative", "value": 4},
    ]
    chart = bar_chart("Sorties par type", rows, categories=EXIT_CATEGORIES)
    legend = {entry["label"]: entry["colour"] for entry in chart["legend"]}
    assert list(legend) == EXIT_LABELS
    assert len(set(legend.values())) == 3
    assert [(bar["label"], bar["category"]) for bar in chart["bars"]] == [
        ("CDI", "Sorties positives"), ("Formation qualifiante", "Sorties positives"),
        ("Déménagement", "Sorties administratives"), ("Retraite", "Sorties administratives"),
        ("Abandon", "Autres sorties"),
    ]  # fmt: skip
    assert all(bar["colour"] == legend[bar["category"]] for bar in chart["bars"])
    svg = render_to_string("includes/chart_bars.html", chart)
    assert svg.count('<ul class="chart-legend">') == 1 and '<th scope="col">Catégorie</th>' in svg


def test_the_demo_exits_chart_follows_its_categories(report_2020):
    chart = EXITS_CHART.search(report_2020["page"])[0]
    bars = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})" data-category="([^"]*)"', chart)
    categories = [category for _fill, category in bars]
    # Grouped: each category's bars follow one another, positive exits first.
    assert categories == sorted(categories, key=EXIT_LABELS.index)
    colours = {}
    for fill, category in bars:
        assert colours.setdefault(category, fill) == fill
    assert len(set(colours.values())) == len(colours) == 3


def test_a_year_comparison_has_its_two_fixed_colours():
    years = [{"label": "2019", "value": 204}, {"label": "2020", "value": 203}]
    chart = bar_chart("Personnes accompagnées", years, comparison=True)
    assert [bar["colour"] for bar in chart["bars"]] == [PREVIOUS, CURRENT]
    assert chart["legend"] == []
