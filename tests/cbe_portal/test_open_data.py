import csv
import datetime
import io
import json
from importlib import import_module

import pytest
from django.urls import reverse
from frictionless import Package

from cbe_portal import publication
from cbe_portal.open_data import KEYS
from tests.factories import UserFactory

# DESIGN.md's open-data contract, written out again here so that a renamed key fails a test.
CONTRACT = {
    "plie": {
        "personnes_accompagnees", "nouveaux_accompagnements", "part_femmes", "part_deld", "part_rsa",
        "part_50_ans_et_plus", "sorties", "sorties_positives", "sorties_administratives",
        "taux_sorties_positives_relatif", "taux_sorties_positives_absolu", "aides_repas",
        "evolution_aides_repas_1_an", "evolution_aides_repas_depuis_2016",
    },
    "gpect": {
        "employeurs_mobilises", "secteurs", "offres_diffusees", "mises_en_relation", "visites_entreprises",
        "participants_visites_ateliers", "marches_clauses", "personnes_clauses", "heures_insertion",
        "entreprises_clauses", "part_contrats_professionnalisation",
    },
    "circuits": {
        "restaurants", "repas_par_jour", "part_local_bio", "fermes_fournisseurs", "fermes_planification",
        "ateliers", "enfants_sensibilises",
    },
    "incubateur": {
        "personnes_accueillies", "idees", "comites_orientation", "projets_presentes",
        "nouveaux_projets_incubes", "projets_accompagnes", "associations_creees", "emplois_crees",
        "temps_collectifs", "formations",
    },
    "ptce": {
        "membres", "nouveaux_membres", "emplois", "emplois_permanents", "entreprises_partenaires",
        "adherents", "partenaires_exterieurs", "stagiaires_formes", "contrats_professionnalisation",
        "parcours_insertion", "porteurs_projet_accompagnes", "chiffre_affaires",
    },
}  # fmt: skip


def test_documented_and_computed_keys_follow_the_contract():
    for programme, keys in CONTRACT.items():
        assert keys <= {key.name for key in KEYS[programme]}  # programmes may publish more (DESIGN.md)
        assert keys <= set(import_module(f"{programme}.indicators").for_year(2020)), programme


@pytest.fixture
def published_2018():
    publication.publish(2018, UserFactory(), build_pdf=False)


@pytest.mark.usefixtures("published_2018")
def test_json_of_an_empty_year_has_every_key_with_null_shares(client):
    response = client.get(reverse("cbe_portal:open_data_json", args=[2018]))
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["annee"] == 2018
    for programme, keys in CONTRACT.items():
        assert keys <= set(document[programme])
        for key in KEYS[programme]:
            value = document[programme][key.name]
            if key.kind in {"share", "evolution"}:
                assert value is None, key.name
            else:
                assert value in (0, None), key.name


@pytest.mark.usefixtures("published_2018")
def test_csv_has_one_row_per_key(client):
    response = client.get(reverse("cbe_portal:open_data_csv", args=[2018]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    published = {(row["programme"], row["cle"]) for row in rows}
    assert {(programme, key) for programme, keys in CONTRACT.items() for key in keys} <= published
    assert {row["annee"] for row in rows} == {"2018"}


def test_unknown_year_is_404(client):
    assert client.get(reverse("cbe_portal:open_data_json", args=[2015])).status_code == 404
    assert client.get(reverse("cbe_portal:open_data_csv", args=[2999])).status_code == 404


@pytest.mark.usefixtures("published_2018")
def test_index_documents_every_key(client):
    page = client.get(reverse("cbe_portal:open_data")).content.decode()
    for keys in CONTRACT.values():
        for key in keys:
            assert f"<code>{key}</code>" in page


def test_the_french_csv_opens_back_with_the_same_values(client):
    from tests.plie.factories import ParcoursFactory

    for month in (1, 2, 3):  # 1 woman in 3: a share of 0.3333…
        ParcoursFactory(entry_date=datetime.date(2019, month, 5), person__gender="F" if month == 1 else "M")
    publication.publish(2019, UserFactory(), build_pdf=False)
    document = json.loads(client.get(reverse("cbe_portal:open_data_json", args=[2019])).content)
    assert document["licence"] == "Licence Ouverte / Open Licence version 2.0"
    response = client.get(reverse("cbe_portal:open_data_csv_fr", args=[2019]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = {
        (row["programme"], row["cle"]): row["valeur"] for row in csv.DictReader(io.StringIO(text[1:]), delimiter=";")
    }
    assert rows[("plie", "part_femmes")] == "0,3333"
    assert float(rows[("plie", "part_femmes")].replace(",", ".")) == pytest.approx(
        document["plie"]["part_femmes"], abs=1e-4
    )
    assert rows[("plie", "personnes_accompagnees")] == "3"


def test_the_datapackage_describes_every_published_file(client):
    publication.publish(2018, UserFactory(), build_pdf=False)
    package = json.loads(client.get(reverse("cbe_portal:datapackage")).content)
    assert package["licenses"][0]["name"] == "etalab-2.0"
    paths = [resource["path"] for resource in package["resources"]]
    assert paths == ["http://testserver/donnees/2018.csv", "http://testserver/donnees/2018-fr.csv"]
    report = Package.validate_descriptor(package)
    assert report.valid, [error.message for error in report.errors]
