"""10 000 PLIE pathways imported from CSV (target: under 20 s on 2 cores) and exported from the
participant list (target: under 5 s). A benchmark: it measures and prints,
`uv run pytest -m bench -s tests/bench/test_imports_at_scale.py`."""

import datetime
import random
import time

import pytest
from django.db import connection
from django.urls import reverse

from cbe_portal import imports
from cbe_portal.models import Person
from plie.models import ExitType, Parcours
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.bench
PATHWAYS = 10_000
HEADERS = (
    "Nom;Prénom;Genre;Date de naissance;Commune;Entrée;Prescripteur;Référent·e;Demandeur·se d'emploi depuis;RSA;"
    "RQTH;Niveau de formation;Sortie;Type de sortie;Situation à l'entrée (FSE+);Sortie : en emploi"
)
LEVELS = ["Sans diplôme (infra niveau 3)", "Niveau 3 (CAP, BEP)", "Niveau 4 (baccalauréat)", ""]
COMMUNES = ["Tarnos", "Ondres", "Saint-Martin-de-Seignanx", "Boucau", ""]


def pathway_lines(rng: random.Random, prescribers: list[str], referents: list[str], exits: list[str]) -> list[str]:
    lines = []
    for n in range(PATHWAYS):
        born = datetime.date(1958, 1, 1) + datetime.timedelta(days=rng.randrange(13_000))
        entry = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(2_900))
        seeking = entry - datetime.timedelta(days=rng.randrange(30, 900)) if rng.random() < 0.7 else None
        leaving = entry + datetime.timedelta(days=rng.randrange(60, 700)) if rng.random() < 0.6 else None
        if leaving and leaving >= datetime.date.today():
            leaving = None
        cells = [
            f"Nom{n}", f"Prénom{n}", rng.choice(["Femme", "Homme"]), f"{born:%d/%m/%Y}", rng.choice(COMMUNES),
            f"{entry:%d/%m/%Y}", rng.choice(prescribers), rng.choice(referents),
            f"{seeking:%d/%m/%Y}" if seeking else "",
            rng.choice(["oui", "non"]), rng.choice(["oui", "non"]), rng.choice(LEVELS),
            f"{leaving:%d/%m/%Y}" if leaving else "", rng.choice(exits) if leaving else "",
            rng.choice(["chomeur", "inactif", "chomeur_longue_duree", ""]),
            rng.choice(["oui", "non"]) if leaving else "",
        ]  # fmt: skip
        lines.append(";".join(cells))
    return lines


def test_10000_pathways_imported_then_exported(client_as, capsys):
    rng = random.Random(1)
    prescribers = [OrganisationFactory(name=f"Prescripteur {n}").name for n in range(5)] + [""]
    referents = [UserFactory(first_name="Référente", last_name=f"N{n}", roles=["plie"]) for n in range(3)]
    exits = list(ExitType.objects.values_list("name", flat=True))
    names = [user.get_full_name() for user in referents] + [""]
    content = "\n".join([HEADERS, *pathway_lines(rng, prescribers, names, exits)]).encode()
    fmt, user, queries = imports.formats()["parcours-plie"], UserFactory(roles=["plie"]), []

    def count(execute, *args):
        queries.append(1)
        return execute(*args)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        result = imports.run(fmt, content, "parcours.csv", user, dry_run=False)
        imported = time.perf_counter() - start
    assert result.counts["created"] == PATHWAYS, result.problems[:5]
    assert Parcours.objects.count() == PATHWAYS and Person.objects.count() == PATHWAYS

    start = time.perf_counter()
    again = imports.run(fmt, content, "parcours.csv", user, dry_run=True)
    checked_again = time.perf_counter() - start
    assert again.counts["unchanged"] == PATHWAYS, again.problems[:5]

    client = client_as("coordination")
    start = time.perf_counter()
    response = client.get(reverse("plie:parcours_list"), {"export": "csv"})
    exported = time.perf_counter() - start
    assert response.status_code == 200 and response.content.count(b"\n") == PATHWAYS + 1
    with capsys.disabled():
        print(
            f"\n{PATHWAYS} parcours importés en {imported:.1f} s ({len(queries)} requêtes, "
            f"{len(queries) / PATHWAYS:.1f} par ligne) ; le même fichier revérifié (tout inchangé) en "
            f"{checked_again:.1f} s ; exportés depuis la liste en {exported:.1f} s"
        )
