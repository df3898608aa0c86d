"""Local food circuits: restaurants taking part, suppliers and farms, purchases, crop planning,
workshops and awareness actions. Restaurants and suppliers are shared `Organisation`s (their
coordinates live there); these models hold what is specific to the programme."""

import math
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt
from django.urls import reverse

from cbe_portal.audit import track
from cbe_portal.models import Organisation, ProgrammeQuerySet, SearchQuerySet, TimeStampedModel, YearLocked
from cbe_portal.validators import validate_past_date
from cbe_portal.years import known_years

EARTH_RADIUS_KM = 6371.0
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
MEALS_MIN, MEALS_MAX = 10, 20_000
# Plausible bounds: beyond them a figure is a typing error (a kitchen of 6 000 meals a day buys
# about a million euros a year, a school action reaches a few hundred children).
AMOUNT_MAX = 2_000_000
AMOUNT_MESSAGE = "Une ligne d'achat ne peut pas dépasser 2 000 000 € HT : vérifiez le montant."
QUANTITY_MAX = 100_000
QUANTITY_MESSAGE = "La quantité prévue ne peut pas dépasser 100 000 : vérifiez l'unité."
PARTICIPANTS_MAX = 300
PARTICIPANTS_MESSAGE = "Un atelier ne peut pas réunir plus de 300 participants : vérifiez le nombre."
PEOPLE_MAX = 2_000
PEOPLE_MESSAGE = "Une action ne peut pas toucher plus de 2 000 personnes : vérifiez le nombre."


def distance_km(lat1, lon1, lat2, lon2) -> float | None:
    """Great-circle (haversine) distance between two points in km; None when a coordinate is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(float(lon2) - float(lon1)) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_km_expression(lat1, lon1, lat2, lon2):
    """The same haversine formula as `distance_km`, as a database expression over four field paths
    or expressions such as `OuterRef`s (NULL when a coordinate is missing)."""
    phi1, phi2 = Radians(Cast(lat1, FloatField())), Radians(Cast(lat2, FloatField()))
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = (Radians(Cast(lon2, FloatField())) - Radians(Cast(lon1, FloatField()))) / 2
    h = Power(Sin(half_dphi), 2) + Cos(phi1) * Cos(phi2) * Power(Sin(half_dlambda), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h))


def is_local_km(distance: float | None) -> bool:
    """Local means within the radius; an unknown distance is never local."""
    return distance is not None and distance <= settings.LOCAL_RADIUS_KM


def organisation_distance(a: Organisation, b: Organisation) -> float | None:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def restaurants():
    """Collective restaurants (shared organisations): by kind, or because they took part once."""
    participating = Participation.objects.values("restaurant")
    return Organisation.objects.filter(Q(kind=Organisation.Kind.RESTAURANT_COLLECTIF) | Q(pk__in=participating))


class ParticipationQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def without_purchases(self, start: date, end: date):
        """The participations of `start`'s year whose restaurant has no purchase over any day from
        `start` to `end` (a month's or a year's total counts)."""
        # A purchase's period lies in its year (a constraint): the year lets the (year, restaurant) index apply.
        entered = Purchase.objects.filter(
            restaurant=OuterRef("restaurant"), year=start.year, period_start__lte=end, period_end__gte=start
        )
        return self.filter(year=start.year).exclude(Exists(entered))


class Participation(YearLocked, TimeStampedModel):
    """A collective restaurant taking part in the programme for a year."""

    year_dates = {"year": ("restaurant", "meals_per_day")}

    restaurant = models.ForeignKey(
        Organisation, models.PROTECT, related_name="circuits_participations", verbose_name="restaurant"
    )
    year = models.PositiveSmallIntegerField("année", validators=YEAR)
    meals_per_day = models.PositiveIntegerField(
        "repas par jour", help_text=f"Entre {MEALS_MIN} et {MEALS_MAX:_}.".replace("_", " ")
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "restaurant__name"]
        verbose_name = "participation d'un restaurant"
        verbose_name_plural = "participations de restaurants"
        constraints = [
            models.UniqueConstraint(
                fields=["restaurant", "year"], name="circuits_participation_unique_year",
                violation_error_message="Ce restaurant participe déjà au programme cette année-là.",
            ),
            models.CheckConstraint(
                condition=Q(meals_per_day__gte=MEALS_MIN, meals_per_day__lte=MEALS_MAX),
                name="circuits_participation_meals_range",
                violation_error_message=(
                    f"Le nombre de repas par jour doit être compris entre {MEALS_MIN} et 20 000."
                ),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.restaurant} ({self.year})"

    def get_absolute_url(self):
        return reverse("circuits:restaurant_detail", args=[self.restaurant_id])

    def blocking_records(self) -> list[str]:
        """The restaurant's purchases of the year, which need its participation: no foreign key says
        so, hence not in `deletion.consequences`."""
        count = Purchase.objects.filter(restaurant_id=self.restaurant_id, year=self.year).count()
        return [f"{count} achat{'s' if count > 1 else ''} de {self.year} de « {self.restaurant} »"] if count else []


class SupplierQuerySet(ProgrammeQuerySet, SearchQuerySet):
    search_fields = ("organisation__name", "organisation__commune__name", "products")

    def with_nearest_restaurant_km(self, restaurants=None):
        """`nearest_restaurant_km`: the distance to the nearest located restaurant (NULL without
        coordinates or restaurants), one subquery; among `restaurants` (located ones) when given,
        which spares each supplier's subquery the search for the restaurants."""
        places = located_restaurants() if restaurants is None else Organisation.objects.filter(pk__in=restaurants)
        distances = places.annotate(
            distance=distance_km_expression(
                "latitude", "longitude", OuterRef("organisation__latitude"), OuterRef("organisation__longitude")
            )
        )
        return self.annotate(nearest_restaurant_km=Subquery(distances.order_by("distance").values("distance")[:1]))


class Supplier(TimeStampedModel):
    """What the programme knows of a supplier or farm beyond the shared directory."""

    class Category(models.TextChoices):
        MARAICHAGE = "maraichage", "Maraîchage"
        ARBORICULTURE = "arboriculture", "Arboriculture"
        ELEVAGE = "elevage", "Élevage"
        PRODUITS_LAITIERS = "produits_laitiers", "Produits laitiers"
        BOULANGERIE = "boulangerie", "Boulangerie, meunerie"
        PECHE = "peche", "Pêche"
        LEGUMERIE = "legumerie", "Légumerie, transformation"
        GROSSISTE = "grossiste", "Grossiste, plateforme"
        AUTRE = "autre", "Autre"

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="circuits_supplier", verbose_name="organisation"
    )
    category = models.CharField("activité", max_length=30, choices=Category, default=Category.MARAICHAGE)
    is_organic_certified = models.BooleanField("certifié agriculture biologique", default=False)
    products = models.CharField("produits", max_length=250, blank=True)

    objects = SupplierQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "fournisseur"

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("circuits:supplier_detail", args=[self.pk])

    def distances(self, places) -> list[tuple[Organisation, float | None]]:
        """Each of `places` (restaurants) with its distance to this supplier in km."""
        return [(place, organisation_distance(self.organisation, place)) for place in places]

    def blocking_records(self) -> list[str]:
        """Purchases from it and its crop plans point to its organisation, not to this record: without
        it they would name a supplier the programme no longer has (hence not in `deletion.consequences`)."""
        purchases = Purchase.objects.filter(supplier_id=self.organisation_id).count()
        plans = CropPlan.objects.filter(farm_id=self.organisation_id).count()
        return [
            *([f"{purchases} achat{'s' if purchases > 1 else ''} auprès de ce fournisseur"] if purchases else []),
            *([f"{plans} planification{'s' if plans > 1 else ''} de culture"] if plans else []),
        ]


class PurchaseQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def with_distance(self):
        """`distance_km` between the restaurant and the supplier (NULL for « autres » or no coordinates)."""
        return self.annotate(
            distance_km=distance_km_expression(
                "restaurant__latitude", "restaurant__longitude", "supplier__latitude", "supplier__longitude"
            )
        )

    def with_is_local(self):
        """`is_local`: within the radius of the restaurant, or entered by hand for « autres »."""
        return self.with_distance().annotate(
            is_local=Case(
                When(supplier__isnull=True, then=F("local_declared")),
                When(distance_km__lte=settings.LOCAL_RADIUS_KM, then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def summary(self):
        """Summed by year, restaurant and supplier, with the distance and the local and local organic
        amounts (one query)."""
        return (
            self.with_is_local()
            .values("year", "restaurant__name", "supplier", "supplier__name", "distance_km")
            .annotate(
                total=models.Sum("amount_ht"),
                local=models.Sum("amount_ht", filter=Q(is_local=True)),
                local_bio=models.Sum("amount_ht", filter=Q(is_local=True, is_organic=True)),
            )
            .order_by("-year", "restaurant__name", "supplier__name")
        )


class Purchase(YearLocked, TimeStampedModel):
    """Purchases of a restaurant over a period (a month, a year) from one supplier or « autres »,
    for one product family. Whether it is local follows from the supplier's distance."""

    # The period lies in the purchase's year (a constraint): every field counts in that year.
    year_dates = {
        "year": (
            "restaurant", "supplier", "period_start", "period_end", "family", "amount_ht", "is_organic",
            "local_declared",
        )
    }  # fmt: skip

    class Family(models.TextChoices):
        FRUITS_LEGUMES = "fruits_legumes", "Fruits et légumes"
        VIANDES = "viandes", "Viandes et volailles"
        POISSONS = "poissons", "Poissons"
        PRODUITS_LAITIERS = "produits_laitiers", "Produits laitiers"
        BOULANGERIE = "boulangerie", "Boulangerie"
        EPICERIE = "epicerie", "Épicerie"
        BOISSONS = "boissons", "Boissons"
        AUTRES = "autres", "Autres produits"

    restaurant = models.ForeignKey(
        Organisation, models.PROTECT, related_name="circuits_purchases", verbose_name="restaurant"
    )
    supplier = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="circuits_sales",
        verbose_name="fournisseur", help_text="Laisser vide pour « autres » fournisseurs.",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField("année", validators=YEAR)
    period_start = models.DateField("début de la période", validators=[validate_past_date])
    period_end = models.DateField("fin de la période")
    family = models.CharField("famille de produits", max_length=30, choices=Family)
    amount_ht = models.DecimalField(
        "montant HT (€)", max_digits=12, decimal_places=2,
        validators=[
            MinValueValidator(0, "Le montant ne peut pas être négatif."),
            MaxValueValidator(AMOUNT_MAX, AMOUNT_MESSAGE),
        ],
    )  # fmt: skip
    is_organic = models.BooleanField("bio", default=False)
    local_declared = models.BooleanField(
        "local (achats « autres » seulement)", default=False,
        help_text="Pour un fournisseur de l'annuaire, le caractère local se calcule avec sa distance.",
    )  # fmt: skip

    objects = PurchaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-period_start", "restaurant__name"]
        verbose_name = "achat"
        indexes = [
            models.Index(fields=["year", "restaurant"], name="circuits_purchase_year_idx"),
            # The list's default order (`views.PURCHASE_COLUMNS["periode"]`), read backwards.
            models.Index(fields=["year", "period_start", "restaurant", "id"], name="circuits_purchase_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_ht__gte=0), name="circuits_purchase_amount_positive",
                violation_error_message="Le montant ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(amount_ht__lte=AMOUNT_MAX), name="circuits_purchase_amount_bound",
                violation_error_message=AMOUNT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="circuits_purchase_period_order",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=Q(period_start__year=F("year"), period_end__year=F("year")),
                name="circuits_purchase_period_in_year",
                violation_error_message="La période doit être comprise dans l'année de l'achat.",
            ),
            models.CheckConstraint(
                condition=Q(supplier__isnull=True) | Q(local_declared=False),
                name="circuits_purchase_local_declared_for_others_only",
                violation_error_message=(
                    "Le caractère local ne se saisit que pour les achats « autres » : "
                    "pour un fournisseur, il se calcule avec sa distance."
                ),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.restaurant} — {self.supplier or 'autres'} — {self.period_label}"

    def get_absolute_url(self):
        """The list of the purchases of its restaurant and year, where it shows."""
        query = urlencode({"restaurant": self.restaurant_id, "annee": self.year})
        return f"{reverse('circuits:purchase_list')}?{query}"

    @property
    def period_label(self) -> str:
        if (self.period_start, self.period_end) == (date(self.year, 1, 1), date(self.year, 12, 31)):
            return f"année {self.year}"
        return f"du {self.period_start:%d/%m/%Y} au {self.period_end:%d/%m/%Y}"


class CropPlanQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)


class CropPlan(YearLocked, TimeStampedModel):
    """A planned production of a market gardener for the restaurants."""

    year_dates = {"year": ("farm",)}

    class Season(models.TextChoices):
        ANNEE = "annee", "Année entière"
        PRINTEMPS = "printemps", "Printemps"
        ETE = "ete", "Été"
        AUTOMNE = "automne", "Automne"
        HIVER = "hiver", "Hiver"

    class Unit(models.TextChoices):
        KG = "kg", "kg"
        PIECES = "pieces", "pièces"
        BOTTES = "bottes", "bottes"

    farm = models.ForeignKey(Organisation, models.PROTECT, related_name="circuits_crop_plans", verbose_name="ferme")
    year = models.PositiveSmallIntegerField("année", validators=YEAR)
    season = models.CharField("saison", max_length=10, choices=Season, default=Season.ANNEE)
    product = models.CharField("produit", max_length=150)
    quantity = models.DecimalField(
        "quantité prévue", max_digits=10, decimal_places=1,
        validators=[
            MinValueValidator(0, "La quantité ne peut pas être négative."),
            MaxValueValidator(QUANTITY_MAX, QUANTITY_MESSAGE),
        ],
    )  # fmt: skip
    unit = models.CharField("unité", max_length=10, choices=Unit, default=Unit.KG)

    objects = CropPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "farm__name", "product"]
        verbose_name = "planification de culture"
        verbose_name_plural = "planifications de culture"
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="circuits_cropplan_quantity_positive",
                violation_error_message="La quantité ne peut pas être négative.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.product} — {self.farm} ({self.year})"

    def get_absolute_url(self):
        """The list of the year's plans (all plans for next year's, which the year filter does not offer)."""
        url = reverse("circuits:cropplan_list")
        return f"{url}?{urlencode({'annee': self.year})}" if self.year in known_years() else url


class DatedQuerySet(ProgrammeQuerySet):
    def for_year(self, year: int):
        return self.filter(date__year=year)


class Workshop(YearLocked, TimeStampedModel):
    """An « atelier d'interconnaissance » between restaurants, vegetable processors and farmers, once
    held (with its report): its date is past."""

    year_dates = {"date": ()}

    date = models.DateField("date", validators=[validate_past_date])
    title = models.CharField("intitulé", max_length=200)
    place = models.CharField("lieu", max_length=200, blank=True)
    participants = models.PositiveIntegerField(
        "participants", default=0, validators=[MaxValueValidator(PARTICIPANTS_MAX, PARTICIPANTS_MESSAGE)]
    )
    description = models.TextField("compte rendu", blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "atelier d'interconnaissance"
        verbose_name_plural = "ateliers d'interconnaissance"

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return f"{reverse('circuits:workshop_list')}?{urlencode({'annee': self.date.year})}"


class AwarenessAction(YearLocked, TimeStampedModel):
    """An awareness action on local and sustainable food."""

    year_dates = {"date": ("audience", "people")}

    class Audience(models.TextChoices):
        SCOLAIRES = "scolaires", "Scolaires"
        PERSONNEL = "personnel", "Personnel des restaurants"
        PUBLIC = "public", "Grand public"

    date = models.DateField("date", validators=[validate_past_date])
    title = models.CharField("intitulé", max_length=200)
    audience = models.CharField("public", max_length=20, choices=Audience, default=Audience.SCOLAIRES)
    people = models.PositiveIntegerField(
        "personnes sensibilisées", validators=[MaxValueValidator(PEOPLE_MAX, PEOPLE_MESSAGE)]
    )
    place = models.CharField("école ou lieu", max_length=200)
    restaurant = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="circuits_awareness_actions",
        verbose_name="restaurant associé",
    )  # fmt: skip

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "action de sensibilisation"
        verbose_name_plural = "actions de sensibilisation"

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return f"{reverse('circuits:awareness_list')}?{urlencode({'annee': self.date.year})}"


def located_restaurants():
    """Restaurants with coordinates: those distances can be computed from."""
    return restaurants().filter(latitude__isnull=False, longitude__isnull=False).select_related("commune")


def restaurants_with_meals():
    """Restaurants with the year and meals per day of their latest participation."""
    latest = Participation.objects.filter(restaurant=models.OuterRef("pk")).order_by("-year")
    return (
        restaurants()
        .select_related("commune")
        .annotate(
            last_year=models.Subquery(latest.values("year")[:1]),
            last_meals=models.Subquery(latest.values("meals_per_day")[:1]),
        )
    )


def map_points(limit: int | None = None) -> list[dict]:
    """The restaurants, then the suppliers with coordinates and their distance to the nearest
    restaurant, computed in the database: for the map and the list beside it (two queries). With
    `limit`, that many points at most (restaurants first, then suppliers by name), so that the page
    does not grow with the data."""
    restaurants = list(located_restaurants().order_by("name", "pk"))
    places = restaurants[:limit] if limit else restaurants
    suppliers = (
        Supplier.objects.filter(organisation__latitude__isnull=False, organisation__longitude__isnull=False)
        .with_nearest_restaurant_km([restaurant.pk for restaurant in restaurants])
        .select_related("organisation__commune")
        .order_by("organisation__name", "pk")
    )
    if limit:
        suppliers = suppliers[: max(limit - len(places), 0)]
    points = [_point(restaurant, "Restaurant collectif") for restaurant in places]
    for supplier in suppliers:
        point = _point(supplier.organisation, supplier.get_category_display())
        distance = supplier.nearest_restaurant_km
        point["distance_km"] = round(distance) if distance is not None else None
        point["local"] = is_local_km(distance)
        point["organic"] = supplier.is_organic_certified
        points.append(point)
    return points


def _point(organisation: Organisation, kind: str) -> dict:
    return {
        "name": organisation.name,
        "kind": kind,
        "commune": organisation.commune.name if organisation.commune else "",
        "latitude": float(organisation.latitude),
        "longitude": float(organisation.longitude),
    }


track(Participation, Supplier, Purchase, CropPlan, Workshop, AwarenessAction)
