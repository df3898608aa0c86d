import re
import subprocess

from django.template.loader import render_to_string
from django.urls import reverse

from cbe_portal.models import EditorialText
from cbe_portal.templatetags.charts import bar_chart, share_chart


def test_unknown_year_is_404(client):
    assert client.get(reverse("cbe_portal:report", args=[2015])).status_code == 404
    assert client.get(reverse("cbe_portal:report", args=[2200])).status_code == 404
    assert client.get(reverse("cbe_portal:report_pdf", args=[2015])).status_code == 404


def publish(year: int, build_pdf: bool = False) -> None:
    from cbe_portal import publication
    from tests.factories import UserFactory

    publication.publish(year, UserFactory(), build_pdf=build_pdf)


def test_year_without_data_says_so(client):
    publish(2017)
    response = client.get(reverse("cbe_portal:report", args=[2017]))
    assert response.status_code == 200
    assert "Aucune donnée n'est enregistrée pour 2017 :" in response.content.decode()


def test_pdf_is_a_pdf_with_the_report_text(client, tmp_path):
    EditorialText.objects.create(year=2017, section="president", body="Une année de coopération.")
    publish(2017, build_pdf=True)
    response = client.get(reverse("cbe_portal:report_pdf", args=[2017]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Rapport d'activité 2017" in " ".join(text.split())


def test_bar_chart_has_a_title_and_its_data_as_a_table():
    chart = bar_chart("Personnes accompagnées", [{"label": "2019", "value": 180}, {"label": "2020", "value": 203}])
    assert [bar["display"] for bar in chart["bars"]] == ["180", "203"]
    assert chart["bars"][1]["width"] > chart["bars"][0]["width"]


def test_share_chart_of_an_unknown_share():
    assert share_chart("Part de femmes", None)["display"] == "—"
    assert share_chart("Part de femmes", 0.6207)["display"] == "62\u00a0%"


def test_svg_coordinates_use_a_decimal_point_under_the_french_locale():
    chart = bar_chart("Heures", [{"label": "Marché A", "value": 1868}, {"label": "Marché B", "value": 1571}])
    svg = render_to_string("includes/chart_bars.html", chart)
    coordinates = re.findall(r' (?:x|y|width|height)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"[0-9.]+", value) for value in coordinates), coordinates
    assert any("." in value for value in coordinates)
