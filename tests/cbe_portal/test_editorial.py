from django.urls import reverse

from cbe_portal.editorial import render
from cbe_portal.models import EditorialText


def test_light_formatting():
    html = render("Un **premier** paragraphe\nsur deux lignes.\n\n- un\n- deux\n\nFin.")
    assert html == (
        "<p>Un <strong>premier</strong> paragraphe sur deux lignes.</p>\n"
        "<ul><li>un</li><li>deux</li></ul>\n<p>Fin.</p>"
    )


def test_a_list_item_wrapped_by_the_editor_stays_one_item():
    html = render("- PERF, pour les\n  ateliers de l’été\n- Le CCAS")
    assert html == "<ul><li>PERF, pour les ateliers de l’été</li><li>Le CCAS</li></ul>"


def test_markup_typed_in_a_text_is_shown_not_run():
    html = render('<script>alert("x")</script> **<b>gras</b>**')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<strong>&lt;b&gt;gras&lt;/b&gt;</strong>" in html


def test_a_section_falls_back_on_its_latest_earlier_year():
    EditorialText.objects.create(year=2018, section="president", body="Texte 2018")
    EditorialText.objects.create(year=2019, section="president", body="Texte 2019")
    EditorialText.objects.create(year=2021, section="president", body="Texte 2021")
    assert EditorialText.objects.for_year(2020)["president"].body == "Texte 2019"
    assert "president" not in EditorialText.objects.for_year(2017)


def test_coordination_writes_a_text_and_it_is_escaped_on_the_report(client_as):
    client = client_as("coordination")
    url = reverse("cbe_portal:editorial_edit", args=[2020, "president"])
    response = client.post(url, {"body": "Bonne année <script>alert(1)</script>"})
    assert response.status_code == 302
    page = client.get(reverse("cbe_portal:report", args=[2020]), {"brouillon": "1"}).content.decode()
    assert "Bonne année" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_concurrent_edit_of_a_text_is_refused(client_as):
    text = EditorialText.objects.create(year=2020, section="plie_presentation", body="v1")
    client = client_as("coordination")
    url = reverse("cbe_portal:editorial_edit", args=[2020, "plie_presentation"])
    version = client.get(url).context["form"].initial["loaded_version"]
    assert client.post(url, {"body": "v2", "loaded_version": version}).status_code == 302
    refused = client.post(url, {"body": "v3", "loaded_version": version})
    assert refused.status_code == 200 and refused.context["form"].errors
    text.refresh_from_db()
    assert text.body == "v2"


def test_unknown_section_or_year_is_404(client_as):
    client = client_as("coordination")
    assert client.get(reverse("cbe_portal:editorial_edit", args=[2020, "inconnue"])).status_code == 404
    assert client.get(reverse("cbe_portal:editorial_edit", args=[1999, "president"])).status_code == 404
