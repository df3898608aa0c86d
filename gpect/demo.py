"""Demo data of the programme (invented people only).

2020 gives the activity report's figures exactly: 392 employers of 13 sectors mobilised,
3 company visits and workshops with 35 participants, 214 offers, 50 matches, 5 markets,
29 people, 8 264 insertion hours, 26 companies, 24 of 29 people on a professionalisation contract.
2018 and 2019 hold smaller, plausible activity. From 2021 to today, the years run on with 2020's
volumes (the current year pro rata): the staff space has a live year, with offers still open and
others closed without anyone put forward (the « À faire »)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cbe_portal.models import Commune, ContractType, Organisation, Person

from .models import (
    CompanyVisit,
    Employer,
    EmployerAction,
    InsertionHours,
    JobOffer,
    Market,
    Match,
    Project,
    Sector,
)

SEED = 4
EMPLOYERS, MOBILISED_2020 = 430, 392
OFFERS = {2018: 120, 2019: 185, 2020: 214}
MATCHES = {2019: 42, 2020: 50}
HOURS_2020, PEOPLE_2020, COMPANIES_2020, PROFESSIONALISED_2020 = 8264, 29, 26, 24

# Seignanx and the Adour basin.
COMMUNES = ["40312", "40212", "40273", "40249", "40251", "40043", "40044", "40266", "40133", "40065",
            "40284", "64140", "64102", "64024", "64122", "64547"]  # fmt: skip

# Trades of each sector (same order as the 13 sectors of migration 0002), to build employer names.
TRADES = [
    ["Maçonnerie", "Charpente", "Menuiserie", "Plomberie", "Électricité", "Couverture", "Peinture", "Terrassement"],
    ["Chaudronnerie", "Mécanique de précision", "Métallerie", "Plasturgie", "Usinage", "Fonderie"],
    ["Boulangerie", "Épicerie", "Quincaillerie", "Fleuriste", "Librairie", "Optique", "Jardinerie"],
    ["Aide à domicile", "Services à domicile", "Garde d'enfants", "Assistance seniors"],
    ["Restaurant", "Hôtel", "Brasserie", "Crêperie", "Traiteur", "Camping"],
    ["Transports", "Logistique", "Déménagements", "Messagerie", "Taxis"],
    ["Conserverie", "Maraîchage", "Élevage", "Pépinières", "Cave", "Salaisons"],
    ["Pharmacie", "Cabinet infirmier", "EHPAD", "Clinique", "Laboratoire"],
    ["Cabinet comptable", "Agence immobilière", "Assurances", "Conseil", "Secrétariat"],
    ["Informatique", "Web", "Télécoms", "Studio numérique"],
    ["Recyclage", "Paysages", "Espaces verts", "Énergies", "Propreté"],
    ["Atelier d'art", "Salle de sport", "Surf école", "Théâtre", "Médiathèque associative"],
    ["Ressourcerie", "Atelier chantier d'insertion", "Coopérative", "Régie de quartier"],
]
SECTOR_WEIGHTS = [14, 7, 13, 8, 12, 7, 6, 8, 7, 4, 6, 4, 4]
NAMES = ["Etcheverry", "Darrigade", "Lafitte", "Labat", "Hiriart", "Dubourdieu", "Larrieu", "Lalanne",
         "Duhalde", "Bidegain", "Lacoste", "Castaings", "Dupouy", "Lesgourgues", "Saint-Martin", "Garat",
         "Harriet", "Laborde", "Dufau", "Capdeville", "Lartigue", "Ospital", "Barrère", "Cazaux",
         "Destandau", "Mendiboure", "Iriart", "Pétriat", "Sallaberry", "Darracq", "Haristoy", "Lassalle"]  # fmt: skip
PLACES = ["de l'Adour", "du Seignanx", "des Barthes", "Océane", "Atlantique", "du Port", "des Landes",
          "Basque", "de la Forge", "du Moulin", "des Pins", "du Boudigau"]  # fmt: skip

FIRST_NAMES_F = ["Amandine", "Léa", "Maïté", "Sophie", "Claire", "Nadia", "Élodie", "Inès", "Camille",
                 "Julie", "Sandrine", "Fatima", "Laetitia", "Manon", "Chloé", "Aurélie", "Pauline", "Katia",
                 "Émilie"]  # fmt: skip
FIRST_NAMES_M = ["Julien", "Mathieu", "Karim", "Thomas", "Nicolas", "Xabi", "Antoine", "Sébastien", "Yanis",
                 "Pierre", "Kevin", "Romain", "Mehdi", "Olivier", "Lucas", "Jérôme", "Maxime", "Iñaki"]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Garcia", "Fernandes", "Lefebvre", "Roux",
              "Fournier", "Girard", "Bonnet", "Mercier", "Blanc", "Guerin", "Faure", "Dupuy", "Lamarque",
              "Durruty", "Etchegaray", "Pujol", "Sarraute", "Lasserre", "Benali", "Nogueira", "Haramboure",
              "Clavé", "Soulé", "Marty", "Tauzin", "Dufourcq", "Lopez"]  # fmt: skip

# Jobs offered, by sector (same order as TRADES).
JOB_TITLES = [
    ["Maçon·ne", "Plombier·ère chauffagiste", "Électricien·ne", "Menuisier·ère", "Peintre en bâtiment",
     "Manœuvre BTP"],
    ["Opérateur·rice de production", "Soudeur·se", "Chaudronnier·ère", "Technicien·ne de maintenance"],
    ["Vendeur·se", "Employé·e polyvalent·e", "Caissier·ère", "Boulanger·ère"],
    ["Aide à domicile", "Auxiliaire de vie", "Garde d'enfants à domicile"],
    ["Cuisinier·ère", "Serveur·se", "Commis de cuisine", "Réceptionniste"],
    ["Préparateur·rice de commandes", "Cariste", "Chauffeur·se poids lourd", "Chauffeur·se livreur·se"],
    ["Ouvrier·ère agricole", "Maraîcher·ère", "Opérateur·rice de conditionnement"],
    ["Aide-soignant·e", "Agent·e de service hospitalier", "Infirmier·ère", "Préparateur·rice en pharmacie"],
    ["Agent·e administratif·ve", "Comptable", "Assistant·e de gestion"],
    ["Développeur·se web", "Technicien·ne informatique"],
    ["Ouvrier·ère paysagiste", "Agent·e de tri", "Agent·e d'entretien"],
    ["Animateur·rice", "Éducateur·rice sportif·ve", "Agent·e d'accueil"],
    ["Encadrant·e technique", "Agent·e de tri", "Vendeur·se en ressourcerie"],
]  # fmt: skip

# Contracts of the offers, in the order of their weights (a change of order changes the demo's draws).
OFFER_CONTRACTS = [ContractType.CDI, ContractType.CDD, ContractType.INTERIM, ContractType.PROFESSIONNALISATION,
                   ContractType.APPRENTISSAGE, ContractType.CDDI, ContractType.AUTRE]  # fmt: skip

BUYERS = [("Communauté de communes du Seignanx", Organisation.Kind.COLLECTIVITE, "40312"),
          ("Ville de Tarnos", Organisation.Kind.COLLECTIVITE, "40312"),
          ("Ville d'Ondres", Organisation.Kind.COLLECTIVITE, "40212"),
          ("XL Habitat", Organisation.Kind.ETABLISSEMENT_PUBLIC, "40192"),
          ("Habitat Sud Atlantic", Organisation.Kind.ETABLISSEMENT_PUBLIC, "64102")]  # fmt: skip
MARKETS_2020 = [(2, "Chantier des Trois Fontaines : logements sociaux"),
                (0, "Entretien des espaces verts intercommunaux"),
                (1, "Rénovation du groupe scolaire Jean-Jaurès"),
                (4, "Réhabilitation de la résidence Sainte-Croix"),
                (0, "Aménagement de la voie verte du Seignanx")]  # fmt: skip
MARKETS_2019 = [(1, "Extension du centre technique municipal"),
                (3, "Construction de 24 logements à Saint-Martin-de-Seignanx"),
                (0, "Collecte et tri des encombrants")]  # fmt: skip

PROJECTS = [
    ("FILOHA", Project.Status.EN_COURS,
     "Filière locale pour l'habitat social bas carbone : faire émerger une filière de construction de "
     "logements sociaux en éco-habitat, performants et à coûts maîtrisés.",
     ["COL", "XL Habitat", "Habitat Sud Atlantic", "Habitat Eco-Action", "CBE du Seignanx",
      "Conseil régional Nouvelle-Aquitaine", "Odéys", "Nobatek"]),
    ("Matières Communes", Project.Status.EMERGENCE,
     "Un lieu qui réunit un atelier partagé, un négoce de matériaux biosourcés et une recyclerie de "
     "matériaux issus de la déconstruction et du réemploi.",
     ["Patxa'ma", "Habitat Eco-Action", "IDRE", "Geiq BTP - A Lundi", "ITEMS", "CBE du Seignanx",
      "SCIC Interstices", "Nature et Habitat"]),
]  # fmt: skip


# The live years' markets and visits (buyer index in BUYERS, title).
LIVE_MARKETS = [(0, "Entretien des espaces verts intercommunaux"), (1, "Rénovation de la salle des fêtes"),
                (2, "Extension de l'école maternelle"), (3, "Réhabilitation de 40 logements à Tarnos"),
                (4, "Construction d'une résidence seniors"), (0, "Collecte et tri des encombrants"),
                (1, "Réfection des voiries communales"), (3, "Entretien du patrimoine locatif")]  # fmt: skip
LIVE_VISITS = [(CompanyVisit.Kind.VISITE, "Visite d'une entreprise de la zone d'activités de Northon"),
               (CompanyVisit.Kind.ATELIER, "Présentation de la zone d'activités Ambroise-Croizat à Tarnos"),
               (CompanyVisit.Kind.VISITE, "Visite d'une plateforme logistique de Labenne"),
               (CompanyVisit.Kind.ATELIER, "Présentation de la zone d'activités du port de Tarnos")]  # fmt: skip
# Offers diffused in the last OPEN_DAYS days say until when they take applications.
OPEN_DAYS = 90


def day_between(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def day_in(rng, year, first_month=1, last_month=12):
    start = datetime.date(year, first_month, 1)
    end = datetime.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return day_between(rng, start, end - datetime.timedelta(days=1))


@transaction.atomic
def load() -> None:
    """Load the demo data once; a second call changes nothing."""
    if Employer.objects.exists():
        return
    rng = random.Random(SEED)
    communes = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=[*COMMUNES, "40192", "64102"])}
    employers = create_employers(rng, communes)
    create_actions(rng, employers)
    people = create_people(rng, communes)
    create_offers_and_matches(rng, employers, people)
    create_visits(employers)
    create_markets(rng, communes, employers, people)
    create_projects()
    # Drawn last, so that the years of the 2020 report keep their draws.
    for year in range(2021, timezone.localdate().year + 1):
        create_live_year(rng, year, employers, people)


def create_employers(rng, communes) -> list[Employer]:
    sectors = list(Sector.objects.all())
    names, organisations, chosen = set(), [], []
    for index in range(EMPLOYERS):
        # The first 13 cover every sector; the others follow the territory's weights.
        sector = index if index < len(sectors) else rng.choices(range(len(sectors)), SECTOR_WEIGHTS)[0]
        name = ""
        while not name or name in names:
            trade = rng.choice(TRADES[sector])
            name = f"{trade} {rng.choice(NAMES if rng.random() < 0.7 else PLACES)}"
        names.add(name)
        organisations.append(
            Organisation(
                name=name,
                kind=Organisation.Kind.ENTREPRISE,
                sector=sectors[sector].name,
                commune=communes[rng.choice(COMMUNES)],
            )
        )
        chosen.append(sectors[sector])
    Organisation.objects.bulk_create(organisations)
    return Employer.objects.bulk_create(
        Employer(organisation=organisation, sector=sector)
        for organisation, sector in zip(organisations, chosen, strict=True)
    )


def create_actions(rng, employers) -> None:
    kinds, weights = list(EmployerAction.Kind), [40, 15, 8, 7, 5, 25]
    actions = []
    for index, employer in enumerate(employers):
        years = [2020] * rng.randint(1, 3) if index < MOBILISED_2020 else []
        years += [rng.choice([2018, 2019])] * rng.randint(0 if index < MOBILISED_2020 else 1, 2)
        actions += [
            EmployerAction(employer=employer, kind=rng.choices(kinds, weights)[0], date=day_in(rng, year))
            for year in years
        ]
    EmployerAction.objects.bulk_create(actions)


def create_people(rng, communes) -> list[Person]:
    people = []
    for _ in range(140):
        gender = rng.choice([Person.Gender.FEMME, Person.Gender.HOMME])
        first_name = rng.choice(FIRST_NAMES_F if gender == Person.Gender.FEMME else FIRST_NAMES_M)
        people.append(
            Person(
                first_name=first_name,
                last_name=rng.choice(LAST_NAMES),
                gender=gender,
                birth_date=datetime.date(rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28)),
                commune=communes[rng.choice(COMMUNES[:12])],
            )
        )
    return Person.objects.bulk_create(people)


def create_offers_and_matches(rng, employers, people) -> None:
    offers = []
    for year, count in OFFERS.items():
        hiring = employers[:MOBILISED_2020] if year == 2020 else employers
        for employer in (rng.choice(hiring) for _ in range(count)):
            offers.append(
                JobOffer(
                    title=rng.choice(JOB_TITLES[employer.sector.position - 1]),
                    employer=employer,
                    contract_type=rng.choices(OFFER_CONTRACTS, [15, 45, 20, 8, 5, 0, 2])[0],
                    date=day_in(rng, year),
                )
            )
    offers = JobOffer.objects.bulk_create(offers)
    # Job-seekers put forward for offers: the people after those placed through clauses.
    seekers = people[40:]
    outcomes, weights = list(Match.Outcome), [10, 35, 55]
    matches = []
    for year, count in MATCHES.items():
        # Matches of the year are on offers of the year, dated after them and within the year.
        candidates = rng.sample([o for o in offers if o.date.year == year and o.date.month < 12], count)
        for offer, person in zip(candidates, rng.sample(seekers, count), strict=True):
            date = offer.date + datetime.timedelta(days=rng.randint(1, 20))
            date = min(date, datetime.date(year, 12, 31))
            matches.append(Match(offer=offer, person=person, date=date, outcome=rng.choices(outcomes, weights)[0]))
    Match.objects.bulk_create(matches)


def create_visits(employers) -> None:
    labenne = Organisation.objects.get_or_create(
        name="Carrefour Supply Chain Labenne",
        defaults={"kind": Organisation.Kind.ENTREPRISE, "commune": Commune.objects.get(insee_code="40133")},
    )[0]
    Visit, day = CompanyVisit, datetime.date
    CompanyVisit.objects.bulk_create([
        Visit(kind=Visit.Kind.VISITE, title="Visite de l'entrepôt Carrefour Supply Chain", date=day(2020, 2, 13),
              organisation=labenne, participants=14),
        Visit(kind=Visit.Kind.ATELIER, title="Présentation de la zone d'activités Ambroise-Croizat à Tarnos",
              date=day(2020, 7, 9), participants=12),
        Visit(kind=Visit.Kind.VISITE, title="Visite d'une entreprise de la zone d'activités de Northon",
              date=day(2020, 10, 15), organisation=employers[1].organisation, participants=9),
        Visit(kind=Visit.Kind.VISITE, title="Visite d'une entreprise du bâtiment du Seignanx", date=day(2019, 3, 21),
              organisation=employers[0].organisation, participants=8),
        Visit(kind=Visit.Kind.ATELIER, title="Présentation de la zone d'activités du port de Tarnos",
              date=day(2019, 5, 16), participants=11),
        Visit(kind=Visit.Kind.ATELIER, title="Présentation de la zone d'activités de Saint-Martin-de-Seignanx",
              date=day(2019, 11, 7), participants=10),
    ])  # fmt: skip


def organisation(name, kind, commune=None):
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "commune": commune})[0]


def spread(rng, total, count, low, high) -> list[int]:
    """`count` whole numbers of hours between about `low` and `high` summing to `total`."""
    hours = [rng.randint(low, high) for _ in range(count)]
    gap = total - sum(hours)
    return [h + gap // count + (i < gap % count) for i, h in enumerate(hours)]


def create_markets(rng, communes, employers, people) -> None:
    buyers = [organisation(name, kind, communes.get(code)) for name, kind, code in BUYERS]
    # The companies executing the markets: employers of the building, industry and environment sectors.
    builders = [e.organisation for e in employers if e.sector.position in (1, 2, 11)]
    entries = []
    for year, specs, placed, companies, total in [
        (2019, MARKETS_2019, people[29:40] + people[:9], builders[26:40], 5180),
        (2020, MARKETS_2020, people[:PEOPLE_2020], builders[:COMPANIES_2020], HOURS_2020),
    ]:
        markets = [Market(buyer=buyers[b], title=title, year=year, hours_required=0) for b, title in specs]
        # Every person has a period; the first four a second one with another company and market.
        count = len(placed) + 4
        for i, hours in enumerate(spread(rng, total, count, 120, 380)):
            start = day_in(rng, year, 1, 9)
            professional = i % len(placed) < PROFESSIONALISED_2020 if year == 2020 else i % 3 == 0
            entries.append(
                InsertionHours(
                    person=placed[i % len(placed)],
                    company=companies[i % len(companies)],
                    market=markets[(i + i // len(placed)) % len(markets)],
                    hours=hours,
                    period_start=start,
                    period_end=min(
                        start + datetime.timedelta(days=hours // 5 + rng.randint(10, 40)), datetime.date(year, 12, 31)
                    ),
                    contract_type=ContractType.PROFESSIONNALISATION
                    if professional
                    else rng.choice([ContractType.CDDI, ContractType.INTERIM, ContractType.CDD]),
                    is_professionalisation=professional,
                )
            )
            markets[(i + i // len(placed)) % len(markets)].hours_required += hours
        for i, market in enumerate(markets):
            # Some companies did more than the clause asked, others have hours still to do.
            market.hours_required = round(market.hours_required * (0.9 if i % 2 else 1.1), -1)
        Market.objects.bulk_create(markets)
    InsertionHours.objects.bulk_create(entries)


def create_projects() -> None:
    for name, status, summary, partners in PROJECTS:
        project = Project.objects.create(name=name, status=status, summary=summary)
        project.partners.set([organisation(partner, Organisation.Kind.ASSOCIATION) for partner in partners])


def create_live_year(rng, year, employers, people) -> None:
    """A year after the report with 2020's volumes, pro rata up to today for the current year."""
    first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), timezone.localdate())
    share = ((last - first).days + 1) / ((datetime.date(year, 12, 31) - first).days + 1)
    mobilised = rng.sample(employers, round(MOBILISED_2020 * share))
    kinds, weights = list(EmployerAction.Kind), [40, 15, 8, 7, 5, 25]
    EmployerAction.objects.bulk_create(
        EmployerAction(employer=employer, kind=rng.choices(kinds, weights)[0], date=day_between(rng, first, last))
        for employer in mobilised
        for _ in range(rng.randint(1, 3))
    )
    offers = JobOffer.objects.bulk_create(
        live_offer(rng, rng.choice(mobilised), day_between(rng, first, last)) for _ in range(round(214 * share))
    )
    matchable = [offer for offer in offers if offer.date < last]
    candidates = rng.sample(matchable, min(round(50 * share), len(matchable)))
    outcomes, weights = list(Match.Outcome), [10, 35, 55]
    Match.objects.bulk_create(
        Match(offer=offer, person=person, outcome=rng.choices(outcomes, weights)[0],
              date=min(offer.date + datetime.timedelta(days=rng.randint(1, 20)), last))
        for offer, person in zip(candidates, rng.sample(people[40:], len(candidates)), strict=True)
    )  # fmt: skip
    CompanyVisit.objects.bulk_create(
        CompanyVisit(kind=kind, title=title, date=day_between(rng, first, last), participants=rng.randint(8, 15),
                     organisation=rng.choice(mobilised).organisation if kind == CompanyVisit.Kind.VISITE else None)
        for kind, title in rng.sample(LIVE_VISITS, max(1, round(3 * share)))
    )  # fmt: skip
    create_live_markets(rng, year, first, last, share, employers, people)


def live_offer(rng, employer, day) -> JobOffer:
    contract = rng.choices(OFFER_CONTRACTS, [15, 45, 20, 8, 5, 0, 2])[0]
    recent = (timezone.localdate() - day).days <= OPEN_DAYS
    return JobOffer(
        title=rng.choice(JOB_TITLES[employer.sector.position - 1]),
        employer=employer,
        contract_type=contract,
        contract_months=rng.choice([3, 6, 6, 12]) if contract == ContractType.CDD else None,
        date=day,
        closing_date=day + datetime.timedelta(days=rng.randint(21, 45)) if recent else None,
    )


def create_live_markets(rng, year, first, last, share, employers, people) -> None:
    """Five markets of the year; each person placed has one period with one company, at most 7 hours a day."""
    buyers = {o.name: o for o in Organisation.objects.filter(name__in=[name for name, _kind, _code in BUYERS])}
    builders = [e.organisation for e in employers if e.sector.position in (1, 2, 11)]
    markets = [
        Market(buyer=buyers[BUYERS[b][0]], title=title, year=year, hours_required=0)
        for b, title in rng.sample(LIVE_MARKETS, 5)
    ]
    last_start = max(first, min(datetime.date(year, 9, 30), last - datetime.timedelta(days=30)))
    entries = []
    for index, person in enumerate(people[: max(1, round(PEOPLE_2020 * share))]):
        start = day_between(rng, first, last_start)
        end = min(start + datetime.timedelta(days=rng.randint(30, 90)), last)
        hours = min(rng.randint(120, 380), 7 * ((end - start).days + 1))
        professional = rng.random() < PROFESSIONALISED_2020 / PEOPLE_2020
        market = markets[index % len(markets)]
        market.hours_required += hours
        entries.append(
            InsertionHours(person=person, company=builders[index % COMPANIES_2020], market=market, hours=hours,
                           period_start=start, period_end=end, is_professionalisation=professional,
                           contract_type=ContractType.PROFESSIONNALISATION if professional else ContractType.CDDI)
        )  # fmt: skip
    for market in markets:
        # The clause asks for the whole year: more than realised so far.
        market.hours_required = round(max(market.hours_required, 200) * 1.2, -1)
    Market.objects.bulk_create(markets)
    InsertionHours.objects.bulk_create(entries)
