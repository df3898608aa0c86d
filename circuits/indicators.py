"""The programme's yearly figures, computed in the database."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from cbe_portal.models import Organisation
from cbe_portal.open_data import keys_of

from .models import AwarenessAction, CropPlan, Participation, Purchase, Workshop

# The open-data keys this module computes: spelled once, in cbe_portal/open_data.py.
OPEN_DATA_KEYS = keys_of("circuits")

LOCAL_ORGANIC = Q(is_local=True, is_organic=True)
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def _share(part, whole) -> float | None:
    return float(Decimal(part) / Decimal(whole)) if whole else None


def for_year(year: int) -> dict:
    """The circuits figures of `year`, in 6 queries that read only the year's records. The previous
    year's are `for_year(year - 1)`: the public pages and the report put both side by side
    (`cbe_portal.sections`), from the cache.

    Open-data keys (DESIGN.md):
    - `restaurants` (int): restaurants taking part in the year (a `Participation`);
    - `repas_par_jour` (int): their meals per day summed;
    - `part_local_bio` (float 0–1 or None): amount excl. VAT of the purchases both local (supplier
      within `LOCAL_RADIUS_KM` of that restaurant, or entered local for « autres ») and organic ÷ all
      purchases of the year, all restaurants together; None without purchases;
    - `fermes_fournisseurs` (int): distinct farms (organisations of kind `ferme`) with purchases in the year;
    - `fermes_planification` (int): distinct farms (whatever their kind) in the year's crop planning;
    - `ateliers` (int): workshops dated in the year;
    - `enfants_sensibilises` (int): people reached by awareness actions for schoolchildren in the year.
    More keys:
    - `achats_total`, `achats_local_bio` (Decimal, euros excl. VAT): the two amounts of `part_local_bio`;
    - `part_local_bio_par_restaurant`, `part_local_bio_par_famille`: lists of
      `{"label", "value", "total", "local_bio"}` (value: that restaurant's or product family's local
      organic share, None without purchases; total and local_bio in euros), by decreasing total.
    """
    restaurants = Participation.objects.for_year(year).aggregate(count=Count("pk"), meals=Sum("meals_per_day"))
    # The year's purchases summed once by restaurant and family (the distance to each supplier is
    # the costly part); the totals and both breakdowns are added up from those few rows.
    sums = list(
        Purchase.objects.for_year(year)
        .with_is_local()
        .values("restaurant__name", "family")
        .annotate(
            total=Coalesce(Sum("amount_ht"), ZERO), local_bio=Coalesce(Sum("amount_ht", filter=LOCAL_ORGANIC), ZERO)
        )
        .order_by()
    )
    farms = (
        Purchase.objects.for_year(year)
        .filter(supplier__kind=Organisation.Kind.FERME)
        .aggregate(count=Count("supplier", distinct=True))
    )
    planning = CropPlan.objects.for_year(year).aggregate(farms=Count("farm", distinct=True))
    workshops = Workshop.objects.for_year(year).count()
    children = AwarenessAction.objects.for_year(year).aggregate(
        people=Sum("people", filter=Q(audience=AwarenessAction.Audience.SCOLAIRES))
    )
    total = sum((row["total"] for row in sums), Decimal(0))
    local_bio = sum((row["local_bio"] for row in sums), Decimal(0))
    return {
        "restaurants": restaurants["count"],
        "repas_par_jour": restaurants["meals"] or 0,
        "part_local_bio": _share(local_bio, total),
        "fermes_fournisseurs": farms["count"],
        "fermes_planification": planning["farms"],
        "ateliers": workshops,
        "enfants_sensibilises": children["people"] or 0,
        "achats_total": total,
        "achats_local_bio": local_bio,
        "part_local_bio_par_restaurant": _shares_by(sums, "restaurant__name"),
        "part_local_bio_par_famille": _shares_by(sums, "family", labels=dict(Purchase.Family.choices)),
    }


def _shares_by(sums: list[dict], field: str, labels: dict | None = None) -> list[dict]:
    """Local organic share of the year's purchases grouped by `field`, by decreasing total."""
    grouped = {}
    for row in sums:
        amounts = grouped.setdefault(row[field], {"total": Decimal(0), "local_bio": Decimal(0)})
        amounts["total"] += row["total"]
        amounts["local_bio"] += row["local_bio"]
    return [
        {
            "label": labels.get(key, key) if labels else key,
            "value": _share(amounts["local_bio"], amounts["total"]),
            "total": amounts["total"],
            "local_bio": amounts["local_bio"],
        }
        for key, amounts in sorted(grouped.items(), key=lambda item: (-item[1]["total"], item[0]))
    ]
