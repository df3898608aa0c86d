"""Demo data of the programme: the two restaurants of the 2020 report, invented farms of the Sud
Landes and Pays basque (and a few beyond the local radius, in the Gers), their purchases for 2019 and
2020 (27 % and 32 % local organic), crop planning, workshops and awareness actions. From 2021 to
today, the same volumes as 2020 go on (purchases by complete month), so that the staff space has a
live year; the SCIC Eole has not entered its purchases of the last complete month yet."""

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cbe_portal.models import Commune, Organisation

from .models import AwarenessAction, CropPlan, Participation, Purchase, Supplier, Workshop

SEED = 5
FERME = Organisation.Kind.FERME
Category, Family = Supplier.Category, Purchase.Family

# name, kind, INSEE code, latitude, longitude, meals per day by year.
RESTAURANTS = [
    ("SCIC Eole", Organisation.Kind.SCIC, "40312", "43.52870", "-1.48230",
     {2016: 1100, 2017: 1100, 2018: 1150, 2019: 1200, 2020: 1200}),
    ("Cuisine centrale de Tarnos", Organisation.Kind.RESTAURANT_COLLECTIF, "40312", "43.53980", "-1.45710",
     {2016: 5800, 2017: 5800, 2018: 5900, 2019: 6000, 2020: 6000}),
]  # fmt: skip

# name, kind, INSEE code (or None), latitude, longitude, category, organic, families, years supplied.
SUPPLIERS = [
    ("Ferme du Moulin de Biaudos", FERME, "40044", "43.55900", "-1.30500", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Les Jardins de l'Adour", FERME, "40273", "43.53800", "-1.39200", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Ferme Lartigue", FERME, "40249", "43.56100", "-1.35300", Category.ELEVAGE, True,
     [Family.VIANDES], {2019, 2020}),
    ("GAEC des Barthes", FERME, "40251", "43.51500", "-1.33000", Category.MARAICHAGE, False,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Ferme d'Arrigans", FERME, "40266", "43.53100", "-1.27500", Category.PRODUITS_LAITIERS, True,
     [Family.PRODUITS_LAITIERS], {2019, 2020}),
    ("Le Potager des Dunes", FERME, "40133", "43.59800", "-1.42900", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Ferme Bidegain", FERME, "64256", "43.38800", "-1.30900", Category.ELEVAGE, False,
     [Family.VIANDES], {2019, 2020}),
    ("Ferme Etxeberria", FERME, "64547", "43.49000", "-1.30100", Category.PRODUITS_LAITIERS, True,
     [Family.PRODUITS_LAITIERS], {2019, 2020}),
    ("Vergers de la Nive", FERME, None, "43.40200", "-1.45800", Category.ARBORICULTURE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Ferme Haran", FERME, "64125", "43.44100", "-1.58200", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Les Serres du Boudigau", FERME, "40065", "43.63800", "-1.42500", Category.MARAICHAGE, False,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Ferme du Marensin", FERME, "40296", "43.69300", "-1.36800", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Volailles du Tursan", FERME, "40284", "43.66500", "-1.30900", Category.ELEVAGE, False,
     [Family.VIANDES], {2019, 2020}),
    ("Ferme Lalanne", FERME, "40088", "43.71500", "-1.06000", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2020}),
    ("Moulin de Saubusse", FERME, None, "43.67100", "-1.18200", Category.BOULANGERIE, True,
     [Family.BOULANGERIE, Family.EPICERIE], {2020}),
    ("Ferme Ospitalea", FERME, "64483", "43.38300", "-1.65100", Category.MARAICHAGE, True,
     [Family.FRUITS_LEGUMES], {2020}),
    ("Ferme des Landes de Gascogne", FERME, "40192", "43.88100", "-0.51200", Category.ELEVAGE, True,
     [Family.VIANDES], {2020}),
    ("Ferme Iturria", FERME, "64260", "43.36100", "-1.76500", Category.ELEVAGE, False,
     [Family.VIANDES], {2019}),
    # Beyond the local radius: organic, never local.
    ("Ferme de l'Astarac", FERME, None, "43.51500", "0.40400", Category.ELEVAGE, True,
     [Family.VIANDES], {2019, 2020}),
    ("Domaine de Lomagne", FERME, None, "43.93400", "0.62200", Category.ARBORICULTURE, True,
     [Family.FRUITS_LEGUMES, Family.EPICERIE], {2019, 2020}),
    ("Ferme du Bas-Armagnac", FERME, None, "43.86100", "0.10200", Category.PRODUITS_LAITIERS, True,
     [Family.PRODUITS_LAITIERS], {2019}),
    # Not farms.
    ("Légumerie Sud Aquitaine", Organisation.Kind.ENTREPRISE, "40312", "43.52600", "-1.47800",
     Category.LEGUMERIE, True, [Family.FRUITS_LEGUMES], {2019, 2020}),
    ("Criée de Saint-Jean-de-Luz", Organisation.Kind.ENTREPRISE, "64483", "43.38900", "-1.66300",
     Category.PECHE, False, [Family.POISSONS], {2019, 2020}),
    ("Aquitaine Restauration Distribution", Organisation.Kind.ENTREPRISE, None, "44.84200", "-0.64600",
     Category.GROSSISTE, False, [Family.EPICERIE, Family.PRODUITS_LAITIERS, Family.BOISSONS], {2019, 2020}),
]  # fmt: skip

# Each restaurant's purchases by year: (total, local organic), euros excl. VAT. All together:
# 2019: 324 000 / 1 200 000 = 27 %; 2020: 400 000 / 1 250 000 = 32 %.
AMOUNTS = {
    ("SCIC Eole", 2019): (200_000, 62_000),
    ("Cuisine centrale de Tarnos", 2019): (1_000_000, 262_000),
    ("SCIC Eole", 2020): (210_000, 75_000),
    ("Cuisine centrale de Tarnos", 2020): (1_040_000, 325_000),
}
# The restaurant inter-entreprises buys from fewer farms than the central kitchen.
EOLE_SUPPLIERS = {
    "Les Jardins de l'Adour", "Ferme Lartigue", "Ferme d'Arrigans", "Ferme Haran", "Ferme du Marensin",
    "Volailles du Tursan", "Ferme de l'Astarac", "Légumerie Sud Aquitaine", "Criée de Saint-Jean-de-Luz",
    "Aquitaine Restauration Distribution", "Ferme Ospitalea", "Ferme solidaire Lacoste",
}  # fmt: skip
# 2019: 6 market gardeners plan their crops with the restaurants, 9 in 2020.
PLANNING = {
    2019: ["Ferme du Moulin de Biaudos", "Les Jardins de l'Adour", "Le Potager des Dunes", "Ferme Haran",
           "GAEC des Barthes", "Ferme du Marensin"],
    2020: ["Ferme du Moulin de Biaudos", "Les Jardins de l'Adour", "Le Potager des Dunes", "Ferme Haran",
           "GAEC des Barthes", "Ferme du Marensin", "Les Serres du Boudigau", "Ferme Lalanne",
           "Ferme Ospitalea"],
}  # fmt: skip
PRODUCTS = ["Carottes", "Pommes de terre", "Courgettes", "Poireaux", "Salades", "Tomates", "Courges", "Choux"]

WORKSHOPS = [
    (date(2018, 11, 20), "Restaurants et maraîchers : se connaître", "Tarnos", 18),
    (date(2019, 3, 12), "Adapter les menus aux saisons maraîchères", "Cuisine centrale de Tarnos", 22),
    (date(2019, 10, 1), "Légumerie : calibres et conditionnements", "Légumerie Sud Aquitaine", 16),
    (date(2020, 1, 28), "Planification des cultures 2020", "Tarnos", 24),
    (date(2020, 7, 7), "Outils communs commandes et livraisons", "SCIC Eole", 14),
    (date(2020, 11, 17), "Bilan de saison et démarche qualité", "Saint-Martin-de-Seignanx", 19),
]
# date, title, audience, people, place.
SCOLAIRES, PERSONNEL, PUBLIC = AwarenessAction.Audience
AWARENESS = [
    (date(2019, 4, 4), "Animation cycle 3 : d'où vient mon repas ?", SCOLAIRES, 26, "École du Bourg, Tarnos"),
    (date(2019, 5, 16), "Animation cycle 3 : d'où vient mon repas ?", SCOLAIRES, 27, "École Jules Ferry, Bayonne"),
    (date(2019, 6, 6), "Animation cycle 3 : d'où vient mon repas ?", SCOLAIRES, 25, "École Arrayade, Ondres"),
    (date(2019, 10, 8), "Semaine du goût", SCOLAIRES, 160, "Écoles de Tarnos"),
    (date(2019, 10, 9), "Semaine du goût", SCOLAIRES, 140, "Écoles d'Ondres"),
    (date(2019, 10, 10), "Semaine du goût", SCOLAIRES, 120, "Écoles de Boucau"),
    (date(2019, 10, 11), "Semaine du goût", SCOLAIRES, 260, "Écoles de Bayonne"),
    (date(2019, 11, 26), "Cuisiner les légumes de saison", PERSONNEL, 18, "Cuisine centrale de Tarnos"),
    (date(2020, 9, 22), "Produits locaux : accueillir les livraisons", PERSONNEL, 24, "SCIC Eole"),
    (date(2020, 10, 12), "Semaine du goût", SCOLAIRES, 180, "École Jean Moulin, Tarnos"),
    (date(2020, 10, 13), "Semaine du goût", SCOLAIRES, 145, "École du Bourg, Tarnos"),
    (date(2020, 10, 14), "Semaine du goût", SCOLAIRES, 130, "École Arrayade, Ondres"),
    (date(2020, 10, 15), "Semaine du goût", SCOLAIRES, 120, "École Jean Jaurès, Boucau"),
    (date(2020, 10, 16), "Semaine du goût", SCOLAIRES, 225, "Écoles de Bayonne"),
    (date(2020, 12, 3), "Drive de produits locaux sur la zone Bertin", PUBLIC, 60, "Zone d'activité Bertin, Tarnos"),
]
MONTHS = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]  # restaurants closed in August
# The live years (2021 to today) repeat 2020: its workshops and its awareness actions on the same
# days, its planning (with the Ferme solidaire Lacoste, which supplies from 2021).
LIVE_FROM = 2021
LACOSTE = "Ferme solidaire Lacoste"
LIVE_WORKSHOPS = [
    ((1, 26), "Planification des cultures {year}", "Tarnos", 23),
    ((6, 15), "Menus de saison : retours des cuisines", "SCIC Eole", 15),
    ((11, 16), "Bilan de saison et démarche qualité", "Saint-Martin-de-Seignanx", 20),
]


def load() -> None:
    """Load the demo data once; a second call changes nothing."""
    if Participation.objects.exists():
        return
    with transaction.atomic():
        rng = random.Random(SEED)
        today = timezone.localdate()
        communes = Commune.objects.in_bulk(field_name="insee_code")
        restaurants = _restaurants(communes, today)
        suppliers = _suppliers(communes)
        Purchase.objects.bulk_create(_purchases(rng, restaurants, suppliers))
        CropPlan.objects.bulk_create(_crop_plans(rng, suppliers))
        Workshop.objects.bulk_create(
            Workshop(date=day, title=title, place=place, participants=participants)
            for day, title, place, participants in WORKSHOPS
        )
        AwarenessAction.objects.bulk_create(
            AwarenessAction(date=day, title=title, audience=audience, people=people, place=place)
            for day, title, audience, people, place in AWARENESS
        )
        for year in range(LIVE_FROM, today.year + 1):
            _live_year(year, today, restaurants, suppliers)


def _located(name, kind, commune, latitude, longitude, **defaults) -> Organisation:
    """A shared organisation, given coordinates if another programme created it without."""
    organisation, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={"kind": kind, "commune": commune, "latitude": latitude, "longitude": longitude, **defaults},
    )
    if organisation.latitude is None or organisation.longitude is None:
        organisation.latitude, organisation.longitude = Decimal(latitude), Decimal(longitude)
        organisation.save(update_fields=["latitude", "longitude", "updated_at"])
    return organisation


def _restaurants(communes, today) -> dict[str, Organisation]:
    """The restaurants, taking part every year from 2016 to this one (as many meals as in 2020 from 2021)."""
    restaurants = {}
    for name, kind, insee_code, latitude, longitude, meals in RESTAURANTS:
        restaurant = _located(
            name, kind, communes[insee_code], latitude, longitude, is_ess=kind == Organisation.Kind.SCIC,
            sector="Restauration collective",
        )  # fmt: skip
        meals = meals | dict.fromkeys(range(LIVE_FROM, today.year + 1), meals[2020])
        Participation.objects.bulk_create(
            Participation(restaurant=restaurant, year=year, meals_per_day=count) for year, count in meals.items()
        )
        restaurants[name] = restaurant
    return restaurants


def _suppliers(communes) -> dict[str, tuple]:
    """{name: (organisation, organic, families, years)}, years up to 2020; the Ferme solidaire
    Lacoste, installed in 2020, supplies nothing before 2021."""
    lacoste = _located(
        LACOSTE, FERME, communes["40312"], "43.54450", "-1.45400", is_ess=True,
        description="Atelier chantier d'insertion en maraîchage biologique.",
    )  # fmt: skip
    Supplier.objects.get_or_create(
        organisation=lacoste, defaults={"category": Category.MARAICHAGE, "is_organic_certified": True}
    )
    suppliers = {}
    for name, kind, insee_code, latitude, longitude, category, organic, families, years in SUPPLIERS:
        commune = communes[insee_code] if insee_code else None
        organisation = _located(name, kind, commune, latitude, longitude, sector="Agriculture et alimentation")
        products = ", ".join(str(family.label).lower() for family in families)
        Supplier.objects.create(
            organisation=organisation, category=category, is_organic_certified=organic, products=products
        )
        suppliers[name] = (organisation, organic, families, years)
    suppliers[LACOSTE] = (lacoste, True, [Family.FRUITS_LEGUMES], set())
    return suppliers


def _live_year(year, today, restaurants, suppliers) -> None:
    """A year from 2021 on like 2020, dated up to today: purchases of the complete months (but the
    SCIC Eole's of the last one), crop planning, workshops and awareness actions already held."""
    rng = random.Random(SEED * 10_000 + year)  # a year's records do not depend on the day they are loaded
    live = {
        name: (organisation, organic, families, {year} if name == LACOSTE or 2020 in years else set())
        for name, (organisation, organic, families, years) in suppliers.items()
    }
    amounts = {(name, year): AMOUNTS[name, 2020] for name in restaurants}
    last_month = today.replace(day=1) - timedelta(days=1)
    Purchase.objects.bulk_create(
        purchase
        for purchase in _purchases(rng, restaurants, live, amounts)
        if purchase.period_end <= last_month
        and not (purchase.restaurant.name == "SCIC Eole" and purchase.period_end == last_month)
    )
    CropPlan.objects.bulk_create(_crop_plans(rng, live, {year: [*PLANNING[2020], LACOSTE]}))
    Workshop.objects.bulk_create(
        Workshop(date=day, title=title.format(year=year), place=place, participants=participants)
        for (month, day_of_month), title, place, participants in LIVE_WORKSHOPS
        if (day := date(year, month, day_of_month)) <= today
    )
    AwarenessAction.objects.bulk_create(
        AwarenessAction(date=day, title=title, audience=audience, people=people + rng.randint(-10, 10), place=place)
        for old_day, title, audience, people, place in AWARENESS
        if old_day.year == 2020 and (day := old_day.replace(year=year)) <= today
    )


def _purchases(rng, restaurants, suppliers, amounts=AMOUNTS) -> list[Purchase]:
    purchases = []
    for (restaurant_name, year), (total, local_organic) in amounts.items():
        restaurant = restaurants[restaurant_name]
        lines = {True: [], False: []}  # local organic or not: (supplier or None, family, organic, local)
        for name, (organisation, organic, families, years) in suppliers.items():
            if year in years and (restaurant_name != "SCIC Eole" or name in EOLE_SUPPLIERS):
                is_local_organic = organic and _is_local_supplier(name)
                lines[is_local_organic] += [(organisation, family, organic, False) for family in families]
        # « Autres »: a local organic bakery entered by hand, and wholesale groceries not local.
        lines[True].append((None, Family.BOULANGERIE, True, True))
        lines[False] += [(None, Family.EPICERIE, False, False), (None, Family.BOULANGERIE, False, True)]
        for is_local_organic, amount in ((True, local_organic), (False, total - local_organic)):
            weights = [rng.randint(2, 10) for _ in lines[is_local_organic]]
            for line, line_amount in zip(lines[is_local_organic], _split(amount, weights), strict=True):
                purchases += _monthly(restaurant, year, line, line_amount)
    return purchases


def _is_local_supplier(name: str) -> bool:
    return name not in {"Ferme de l'Astarac", "Domaine de Lomagne", "Ferme du Bas-Armagnac",
                        "Aquitaine Restauration Distribution"}  # fmt: skip


def _split(amount: int, weights: list[int]) -> list[int]:
    """Whole euros in proportion to `weights`, summing exactly to `amount`."""
    shares = [amount * weight // sum(weights) for weight in weights]
    shares[0] += amount - sum(shares)
    return shares


def _monthly(restaurant, year, line, amount) -> list[Purchase]:
    supplier, family, organic, local = line
    return [
        Purchase(
            restaurant=restaurant,
            supplier=supplier,
            year=year,
            family=family,
            is_organic=organic,
            local_declared=local,
            amount_ht=Decimal(month_amount),
            period_start=date(year, month, 1),
            period_end=date(year, month, calendar.monthrange(year, month)[1]),
        )
        for month, month_amount in zip(MONTHS, _split(amount, [1] * len(MONTHS)), strict=True)
    ]


def _crop_plans(rng, suppliers, planning=PLANNING) -> list[CropPlan]:
    plans = []
    for year, farms in planning.items():
        for name in farms:
            for product in rng.sample(PRODUCTS, 3):
                season = rng.choice(list(CropPlan.Season))
                plans.append(
                    CropPlan(
                        farm=suppliers[name][0], year=year, season=season, product=product,
                        quantity=Decimal(rng.randrange(200, 3000, 50)),
                    )
                )  # fmt: skip
    return plans
