"""Acceptance: with the demo data, the open data and the yearly report show the 2020 report's figures."""

import json

import pytest
from django.urls import reverse

# The figures of the client's 2020 activity report (rapport-activite-2020.txt), key by key.
REPORT_2020 = {
    "plie": {
        "personnes_accompagnees": 203, "nouveaux_accompagnements": 51, "part_femmes": 0.62,
        "part_deld": 0.39, "part_rsa": 1 / 3, "part_50_ans_et_plus": 0.25, "sorties": 57,
        "taux_sorties_positives_relatif": 0.51, "taux_sorties_positives_absolu": 0.69,
        "evolution_aides_repas_1_an": 0.20, "evolution_aides_repas_depuis_2016": 25.0,
    },
    "gpect": {
        "secteurs": 13, "visites_entreprises": 3, "participants_visites_ateliers": 35,
        "mises_en_relation": 50, "marches_clauses": 5, "personnes_clauses": 29, "heures_insertion": 8264,
        "entreprises_clauses": 26,
    },
    "circuits": {
        "restaurants": 2, "repas_par_jour": 7200, "part_local_bio": 0.32, "fermes_fournisseurs": 19,
        "fermes_planification": 9, "ateliers": 3, "enfants_sensibilises": 800,
    },
    "incubateur": {
        "personnes_accueillies": 116, "idees": 50, "comites_orientation": 2, "projets_presentes": 7,
        "nouveaux_projets_incubes": 5, "projets_accompagnes": 16, "associations_creees": 5,
        "emplois_crees": 6, "temps_collectifs": 11, "formations": 5,
    },
    "ptce": {
        "membres": 24, "nouveaux_membres": 2, "emplois": 533, "emplois_permanents": 347,
        "entreprises_partenaires": 404, "adherents": 967, "partenaires_exterieurs": 165,
        "stagiaires_formes": 1100, "contrats_professionnalisation": 399, "parcours_insertion": 36,
        "porteurs_projet_accompagnes": 220, "chiffre_affaires": 30_000_000,
    },
}  # fmt: skip
# "More than": 390+ employers, 200+ offers, 80 %+ of the pathways with a professionalisation contract.
REPORT_2020_AT_LEAST = {
    "gpect": {"employeurs_mobilises": 390, "offres_diffusees": 200, "part_contrats_professionnalisation": 0.80}
}
# Texts the report page must show (French formatting of the figures above).
REPORT_PAGE_TEXTS = [
    "203", "51", "62\u00a0%", "39\u00a0%", "33\u00a0%", "25\u00a0%", "57", "51\u00a0%", "69\u00a0%",
    "+20\u00a0%", "+2\u00a0500\u00a0%", "8\u00a0264", "7\u00a0200", "32\u00a0%", "116", "533", "347",
    "404", "967", "1\u00a0100", "399", "220", "30\u00a0M€", "Otsokop", "Ferme solidaire Lacoste", "Avec qui ?",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo(loaded_demo, django_db_blocker, tmp_path_factory):
    """What the demo's public side serves for 2020 (and 2019's open data), as a visitor gets it."""
    import subprocess

    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        served = {
            year: json.loads(client.get(reverse("cbe_portal:open_data_json", args=[year])).content)
            for year in (2019, 2020)
        }
        served["page"] = client.get(reverse("cbe_portal:report", args=[2020])).content.decode()
        pdf = client.get(reverse("cbe_portal:report_pdf", args=[2020])).content
    path = tmp_path_factory.mktemp("rapport") / "rapport-2020.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    served["pdf_text"] = " ".join(text.replace("\u00a0", " ").split())
    return served


def test_open_data_2020_equals_the_report(demo):
    document = demo[2020]
    assert document["annee"] == 2020
    for programme, expected in REPORT_2020.items():
        for key, value in expected.items():
            assert document[programme][key] == pytest.approx(value, abs=0.005), (programme, key)
    for programme, minimums in REPORT_2020_AT_LEAST.items():
        for key, minimum in minimums.items():
            assert document[programme][key] >= minimum, (programme, key)
    # The 2019 local organic share the report quotes.
    assert demo[2019]["circuits"]["part_local_bio"] == pytest.approx(0.27, abs=0.005)


def test_report_page_and_pdf_show_the_figures(demo):
    for text in REPORT_PAGE_TEXTS:
        assert text in demo["page"], text
    for figure in ["203", "8 264", "7 200", "533", "30 M€", "Le mot du président", "Otsokop"]:
        assert figure in demo["pdf_text"], figure
