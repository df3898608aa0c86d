"""Demo data of the programme (invented people only): the 24 members of 2020, the six themes,
the projects and publications of the 2020 report, and declarations whose 2020 sums are the
report's figures exactly; then the years since, up to today: a few members joining (one this year)
and one leaving, new projects still open, and each past year's declarations, with some members yet
to declare last year's figures."""

import datetime
import random
import unicodedata
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cbe_portal.models import Commune, Contact, Organisation, Person

from .models import FIGURE_FIELDS, Declaration, LockedYear, Membership, Project, Publication, Theme

SEED = 7

THEMES = [
    ("Pouvoir d'agir et participation citoyenne", "Donner aux habitants les moyens d'agir sur leur territoire."),
    ("Jeunesse", "Des jeunes qui entreprennent et coopèrent, dès l'adolescence."),
    ("Emploi et inclusion", "Des parcours vers l'emploi pour les personnes qui en sont éloignées."),
    ("Circuits alimentaires locaux", "Une alimentation de qualité, produite près de chez soi."),
    ("Éco-construction et éco-habitat", "Bâtir et rénover avec des matériaux sains et locaux."),
    ("Mobilité", "Des solutions de déplacement solidaires pour accéder à l'emploi."),
]

# Name, kind, INSEE code of the commune, date joined, themes (indexes into THEMES), description.
K = Organisation.Kind
MEMBERS = [
    ("CBE du Seignanx", K.ASSOCIATION, "40312", "2014-03-20", [0, 2], "Comité de bassin d'emploi, animateur du PTCE."),
    ("SCIC Eole", K.SCIC, "40312", "2014-03-20", [2, 3], "Restaurant inter-entreprises et d'insertion."),
    ("PERF", K.ASSOCIATION, "40312", "2014-03-20", [2], "Centre territorial de formation professionnelle."),
    ("IDRE", K.ASSOCIATION, "40312", "2014-03-20", [0, 4], "Recherche et développement sur l'économie sociale."),
    ("CPIE Seignanx-Adour", K.ASSOCIATION, "40312", "2014-03-20", [0, 3], "Éducation à l'environnement."),
    ("Habitat Eco-Action", K.ASSOCIATION, "40312", "2015-01-15", [4], "Conseil et animation autour de l'éco-habitat."),
    ("ITEMS", K.ENTREPRISE, "40312", "2015-01-15", [2, 4], "Entreprise d'insertion : déconstruction et réemploi."),
    (
        "Habitat Jeunes Sud Aquitaine",
        K.ASSOCIATION,
        "40312",
        "2015-06-10",
        [1, 4],
        "Logement et accompagnement des jeunes.",
    ),
    (
        "Geiq BTP-A Lundi",
        K.ASSOCIATION,
        "64102",
        "2016-02-01",
        [2, 4],
        "Groupement d'employeurs pour l'insertion dans le bâtiment.",
    ),
    ("Nature et Habitat", K.ASSOCIATION, "40212", "2016-02-01", [4], "Éco-construction et chantiers participatifs."),
    (
        "Solutions Mobilité",
        K.ASSOCIATION,
        "40312",
        "2016-09-12",
        [5, 2],
        "Location solidaire de véhicules et conseil en mobilité.",
    ),
    (
        "Utopies Réelles",
        K.ASSOCIATION,
        "40312",
        "2016-09-12",
        [0],
        "Organise le festival du cinéma des utopies réelles.",
    ),
    (
        "SCIC Interstices",
        K.SCIC,
        "64102",
        "2017-04-03",
        [4, 0],
        "Coopérative d'architecture et d'urbanisme participatif.",
    ),
    ("Patxa'ma", K.ASSOCIATION, "64102", "2017-04-03", [1, 0], "Éducation populaire et engagement des jeunes."),
    (
        "Recyclerie du Seignanx",
        K.ASSOCIATION,
        "40273",
        "2017-10-16",
        [4, 2],
        "Collecte, réparation et revente d'objets.",
    ),
    ("Scop Bâtir Ensemble", K.SCOP, "64102", "2018-01-22", [4], "Entreprise coopérative de rénovation écologique."),
    (
        "Les Jardins de l'Adour",
        K.ASSOCIATION,
        "64140",
        "2018-01-22",
        [3, 2],
        "Maraîchage biologique et jardins partagés.",
    ),
    ("Scop Alter Éco-Bâtiment", K.SCOP, "64024", "2018-05-14", [4], "Bureau d'études en éco-construction."),
    ("SCIC Énergies Citoyennes Seignanx", K.SCIC, "40273", "2018-05-14", [0, 4], "Production citoyenne d'énergie."),
    ("Metroloco", K.ASSOCIATION, "40312", "2019-03-11", [1], "Entreprise coopérative jeunesse."),
    (
        "Vélo-école Sud Landes",
        K.ASSOCIATION,
        "40133",
        "2019-03-11",
        [5],
        "Apprentissage du vélo et ateliers de réparation.",
    ),
    ("Café associatif La Fabrique", K.ASSOCIATION, "40212", "2019-09-02", [0, 1], "Café culturel et lieu de vie."),
    ("Otsokop", K.SCIC, "64102", "2020-02-10", [3], "Supermarché coopératif et participatif, devenu SCIC."),
    (
        "Ferme solidaire Lacoste",
        K.FERME,
        "40312",
        "2020-06-15",
        [3, 2],
        "Maraîchage d'insertion au sein de l'éco-lieu.",
    ),
]
# A member that left before 2020: it counts in 2019, not in 2020.
FORMER_MEMBER = ("Atelier Couture Solidaire", K.ASSOCIATION, "64140", "2015-01-15", [2], "Atelier d'insertion.")
FORMER_MEMBER_LEFT_ON = datetime.date(2019, 12, 31)

PROJECTS = [
    (
        "Metroloco",
        1,
        "en_cours",
        "2019-06-01",
        "Deuxième saison de l'entreprise coopérative jeunesse.",
        ["Metroloco", "CBE du Seignanx"],
    ),
    (
        "Éco-lieu Lacoste",
        2,
        "en_cours",
        "2019-01-01",
        "Chantier d'insertion, espace test agricole et espace citoyen.",
        ["Ferme solidaire Lacoste", "CBE du Seignanx"],
    ),
    (
        "Maillage des circuits alimentaires locaux",
        3,
        "en_cours",
        "2018-09-01",
        "Relier producteurs du Sud des Landes et du Pays basque.",
        ["Otsokop", "SCIC Eole", "Les Jardins de l'Adour"],
    ),
    (
        "FILOHA",
        4,
        "termine",
        "2018-03-01",
        "Logements sociaux en éco-habitat : l'étude d'expérimentation.",
        ["Habitat Eco-Action", "Nature et Habitat", "Habitat Jeunes Sud Aquitaine"],
    ),
    (
        "Développement du restaurant Eole",
        2,
        "en_cours",
        "2020-01-01",
        "Un nouveau développement pour le restaurant inter-entreprises.",
        ["SCIC Eole"],
    ),
    (
        "Matières Communes",
        4,
        "emergence",
        "2020-03-01",
        "Négoce de matériaux biosourcés, recyclerie du BTP et atelier partagé.",
        ["SCIC Interstices", "Geiq BTP-A Lundi", "Recyclerie du Seignanx"],
    ),
    (
        "Filière réemploi et déconstruction",
        4,
        "emergence",
        "2020-09-01",
        "Structurer une filière régionale du réemploi dans le bâtiment.",
        ["ITEMS", "Recyclerie du Seignanx"],
    ),
    (
        "Grândola",
        5,
        "emergence",
        "2020-10-01",
        "Un pôle mobilité solidaire et un café culturel en pied d'immeuble à Tarnos.",
        ["Solutions Mobilité", "Café associatif La Fabrique"],
    ),
    (
        "École transfrontalière de l'ESS",
        0,
        "en_cours",
        "2019-09-01",
        "Une école de l'ESS avec nos partenaires espagnols.",
        ["CBE du Seignanx", "IDRE"],
    ),
]

# Members since 2020: name, kind, INSEE code, date joined (None: this year), themes, description.
LATER_MEMBERS = [
    ("Txirrindola", K.ASSOCIATION, "64102", "2021-03-15", [5], "Atelier vélo participatif et solidaire."),
    ("Épicerie solidaire du Seignanx", K.ASSOCIATION, "40273", "2022-01-10", [3, 2], "Épicerie et ateliers cuisine."),
    ("Scop Toits Partagés", K.SCOP, "64024", "2023-05-22", [4], "Charpente et couverture en matériaux biosourcés."),
    ("Repair Café du Seignanx", K.ASSOCIATION, "40312", "2024-09-09", [0, 4], "Réparer ensemble plutôt que jeter."),
    ("Coopérative jeunesse de services", K.ASSOCIATION, "40212", None, [1], "Des jeunes créent leur coopérative."),
]
LEAVERS = {"Vélo-école Sud Landes": datetime.date(2023, 7, 1)}  # the first day out
LATER_PROJECTS = [
    ("Pôle réemploi du Seignanx", 4, "en_cours", "2022-04-01", "Un lieu commun pour collecter, réparer et revendre.",
     ["Recyclerie du Seignanx", "ITEMS", "Scop Toits Partagés"]),
    ("Mobilités douces Sud Landes", 5, "emergence", "2025-02-01", "Des ateliers vélo dans chaque commune du Seignanx.",
     ["Solutions Mobilité", "Txirrindola"]),
]  # fmt: skip
# Members that have not yet declared last year's figures (the staff's « À faire »).
LATE_DECLARANTS = 5

# The report's 2020 figures; 2019 is not quoted by the report for the PTCE.
TOTALS = {
    2020: {
        "emplois_permanents": 347, "emplois_non_permanents": 533 - 347, "entreprises_partenaires": 404,
        "adherents": 967, "partenaires_exterieurs": 165, "stagiaires_formes": 1100,
        "contrats_professionnalisation": 399, "parcours_insertion": 36, "porteurs_projet_accompagnes": 220,
        "chiffre_affaires": 30_000_000,
    },
    2019: {
        "emplois_permanents": 331, "emplois_non_permanents": 178, "entreprises_partenaires": 381,
        "adherents": 902, "partenaires_exterieurs": 158, "stagiaires_formes": 1240,
        "contrats_professionnalisation": 412, "parcours_insertion": 31, "porteurs_projet_accompagnes": 205,
        "chiffre_affaires": 31_500_000,
    },
}  # fmt: skip

PUBLICATIONS = [
    ("Le PTCE Sud Aquitaine : mémoire, territoires, gouvernance, mode de développement", Publication.Kind.LIVRE, 2019,
     "Un livre écrit entre chercheurs et acteurs du PTCE. En vente à la Librairie des territoires.",
     "https://www.lires.org/la-librairie-des-territoires"),
    ("Coopérations, acteurs et territoires", Publication.Kind.BROCHURE, 2020, "« Faire ensemble et autrement ».",
     "https://www.ptcesudaquitaine.coop/"),
    ("La coopération, source de richesses", Publication.Kind.LIVRE_PHOTOS, 2020,
     "Un livre de photographies sur les coopérations du territoire.", "https://www.ptcesudaquitaine.coop/"),
]  # fmt: skip

FIRST_NAMES = ["Maite", "Iñaki", "Claire", "Julien", "Amaia", "Thomas", "Sophie", "Mathieu", "Laura", "Xabi",
               "Camille", "Nicolas", "Élodie", "Pierre", "Anne", "Jon", "Marion", "Benoît", "Léa", "Hugo"]  # fmt: skip
LAST_NAMES = ["Etcheverry", "Lafitte", "Dufau", "Larrieu", "Bordes", "Harriet", "Castaing", "Mendiondo",
              "Lacoste", "Dupouy", "Irigoyen", "Labat", "Sallaberry", "Darrigrand", "Pédebernade"]  # fmt: skip
ROLES = ["Direction", "Coordination", "Présidence", "Chargée de développement"]


def ascii_slug(text: str) -> str:
    """« Café Lacoste » → « cafelacoste », for invented e-mail addresses."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalnum())


def split(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights`, in whole units summing exactly to `total`."""
    shares = [int(total * w / sum(weights)) for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: total * weights[i] / sum(weights) - shares[i], reverse=True)
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def later_totals(year: int) -> dict[str, int]:
    """A year after 2020: the 2020 volumes, growing by 4 % a year."""
    return {name: round(total * (1 + 0.04 * (year - 2020))) for name, total in TOTALS[2020].items()}


def declarations(year: int, memberships: list[Membership], rng: random.Random) -> list[Declaration]:
    sizes = [rng.uniform(0.5, 6) for _ in memberships]
    by_field = {}
    for name, total in (TOTALS.get(year) or later_totals(year)).items():
        by_field[name] = split(total, [size * rng.uniform(0.3, 1.7) for size in sizes])
    rows = []
    for i, membership in enumerate(memberships):
        figures = {name: by_field[name][i] for name in FIGURE_FIELDS if name in by_field}
        figures["emplois"] = figures["emplois_permanents"] + by_field["emplois_non_permanents"][i]
        rows.append(Declaration(membership=membership, year=year, **figures))
    return rows


def organisation(rng: random.Random, name, kind, insee_code, description) -> Organisation:
    commune = Commune.objects.get(insee_code=insee_code)
    found, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={"kind": kind, "is_ess": True, "commune": commune, "description": description},
    )
    # Another programme's demo may have created it bare: give it what the directory shows.
    if found.latitude is None:
        found.commune = found.commune or commune
        found.description = found.description or description
        jitter = Decimal(f"{rng.uniform(-0.008, 0.008):.5f}")
        found.latitude = found.commune.latitude + jitter if found.commune.latitude else None
        found.longitude = found.commune.longitude - jitter if found.commune.longitude else None
        found.save(update_fields=["commune", "description", "latitude", "longitude", "updated_at"])
    return found


def member(rng: random.Random, themes, name, kind, insee_code, joined_on, theme_indexes, description) -> Membership:
    """A membership with its themes and one named contact."""
    membership = Membership.objects.create(
        organisation=organisation(rng, name, kind, insee_code, description), joined_on=joined_on
    )
    membership.themes.set([themes[i] for i in theme_indexes])
    person = Person.objects.create(first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES))
    Contact.objects.create(
        person=person,
        organisation=membership.organisation,
        role=rng.choice(ROLES),
        email=f"{ascii_slug(person.first_name)}@{ascii_slug(name)[:20]}.example.org",
        phone="05 59 " + " ".join(str(rng.randint(10, 99)) for _ in range(3)),
    )
    return membership


def load_since_2020(rng: random.Random, themes: list[Theme], memberships: dict[str, Membership]) -> None:
    """The years after the report, up to today: the 2016–2020 figures stay those of the report."""
    today = timezone.localdate()
    this_year = datetime.date(today.year, 1, 1)
    for name, kind, insee_code, joined_on, theme_indexes, description in LATER_MEMBERS:
        day = datetime.date.fromisoformat(joined_on) if joined_on else this_year + (today - this_year) // 2
        if day <= today:
            memberships[name] = member(rng, themes, name, kind, insee_code, day, theme_indexes, description)
    for name, left_on in LEAVERS.items():
        if left_on <= today:
            memberships[name].left_on = left_on
            memberships[name].save(update_fields=["left_on", "updated_at"])
    rows = []
    for year in range(2021, today.year):
        declaring = [m for m in memberships.values() if year in m.declaration_years()]
        if year == today.year - 1:
            late = set(rng.sample(range(len(declaring)), min(LATE_DECLARANTS, len(declaring))))
            declaring = [m for i, m in enumerate(declaring) if i not in late]
        rows += declarations(year, declaring, rng)
    Declaration.objects.bulk_create(rows)
    for name, theme, status, started_on, description, members in LATER_PROJECTS:
        if (started_on := datetime.date.fromisoformat(started_on)) <= today:
            project = Project.objects.create(
                name=name, theme=themes[theme], status=status, description=description, started_on=started_on
            )
            project.organisations.set([memberships[m].organisation for m in members if m in memberships])


@transaction.atomic
def load() -> None:
    """Load the demo data once; a second call changes nothing."""
    if Theme.objects.exists():
        return
    rng = random.Random(SEED)
    themes = [Theme.objects.create(name=name, description=text, position=i) for i, (name, text) in enumerate(THEMES)]
    memberships = {}
    for name, kind, insee_code, joined_on, theme_indexes, description in [*MEMBERS, FORMER_MEMBER]:
        joined_on = datetime.date.fromisoformat(joined_on)
        memberships[name] = member(rng, themes, name, kind, insee_code, joined_on, theme_indexes, description)
    former = memberships[FORMER_MEMBER[0]]
    former.left_on = FORMER_MEMBER_LEFT_ON
    former.save(update_fields=["left_on", "updated_at"])

    members_2020 = [memberships[name] for name, *_ in MEMBERS]
    members_2019 = [m for m in memberships.values() if m.joined_on.year <= 2019]
    Declaration.objects.bulk_create(declarations(2020, members_2020, rng) + declarations(2019, members_2019, rng))
    LockedYear.objects.bulk_create([LockedYear(year=2019), LockedYear(year=2020)])

    for name, theme, status, started_on, description, members in PROJECTS:
        project = Project.objects.create(
            name=name, theme=themes[theme], status=status, description=description,
            started_on=datetime.date.fromisoformat(started_on),
        )  # fmt: skip
        project.organisations.set([memberships[member].organisation for member in members])
    Publication.objects.bulk_create(
        Publication(title=title, kind=kind, year=year, description=description, link=link)
        for title, kind, year, description, link in PUBLICATIONS
    )
    load_since_2020(rng, themes, memberships)
