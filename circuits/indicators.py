"""The programme's yearly figures, computed in the database."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from cbe_portal.models import Organisation

from .models import AwarenessAction, CropPlan, Participation, Purchase, Workshop

# The open-data keys of DESIGN.md: a public contract, spelled exactly so.
OPEN_DATA_KEYS = (
    "restaurants",
    "repas_par_jour",
    "part_local_bio",
    "fermes_fournisseurs",
    "fermes_planification",
    "ateliers",
    "enfants_sensibilises",
)

LOCAL_ORGANIC = Q(is_local=True, is_organic=True)
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def _share(part, whole) -> float | None:
    return float(Decimal(part) / Decimal(whole)) if whole else None


def _by_year(year: int, aggregates: dict, year_field: str = "year") -> dict:
    """Each aggregate for the year and the previous one, keys suffixed `_0` and `_1`.
    `aggregates`: {name: (aggregate function, expression, condition, extra arguments)}."""
    result = {}
    for name, (function, expression, condition, extra) in aggregates.items():
        for back in (0, 1):
            in_year = condition & Q(**{year_field: year - back})
            result[f"{name}_{back}"] = function(expression, filter=in_year, **extra)
    return result


def for_year(year: int) -> dict:
    """The circuits figures of `year`, in 7 queries (5 for both
    years' headline figures, 2 for the breakdowns).

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
      organic share, None without purchases; total and local_bio in euros), by decreasing total;
    - `annee_precedente`: the open-data keys and the two amounts for `year - 1`;
    - `evolution_part_local_bio` (float or None): `part_local_bio` minus last year's, in points (0.05).
    """
    every, distinct = Q(), {"distinct": True}
    restaurants = Participation.objects.aggregate(
        **_by_year(year, {"restaurants": (Count, "pk", every, {}), "meals": (Sum, "meals_per_day", every, {})})
    )
    purchases = (
        Purchase.objects.filter(year__in=[year, year - 1])
        .with_is_local()
        .aggregate(
            **_by_year(
                year,
                {
                    "total": (Sum, "amount_ht", every, {}),
                    "local_bio": (Sum, "amount_ht", LOCAL_ORGANIC, {}),
                    "farms": (Count, "supplier", Q(supplier__kind=Organisation.Kind.FERME), distinct),
                },
            )
        )
    )
    planning = CropPlan.objects.aggregate(**_by_year(year, {"farms": (Count, "farm", every, distinct)}))
    workshops = Workshop.objects.aggregate(**_by_year(year, {"count": (Count, "pk", every, {})}, "date__year"))
    schoolchildren = Q(audience=AwarenessAction.Audience.SCOLAIRES)
    children = AwarenessAction.objects.aggregate(
        **_by_year(year, {"people": (Sum, "people", schoolchildren, {})}, "date__year")
    )

    def figures(back: int) -> dict:
        total = purchases[f"total_{back}"] or Decimal(0)
        local_bio = purchases[f"local_bio_{back}"] or Decimal(0)
        return {
            "restaurants": restaurants[f"restaurants_{back}"],
            "repas_par_jour": restaurants[f"meals_{back}"] or 0,
            "part_local_bio": _share(local_bio, total),
            "fermes_fournisseurs": purchases[f"farms_{back}"],
            "fermes_planification": planning[f"farms_{back}"],
            "ateliers": workshops[f"count_{back}"],
            "enfants_sensibilises": children[f"people_{back}"] or 0,
            "achats_total": total,
            "achats_local_bio": local_bio,
        }

    current, previous = figures(0), figures(1)
    evolution = None
    if current["achats_total"] and previous["achats_total"]:
        evolution = float(
            current["achats_local_bio"] / current["achats_total"]
            - previous["achats_local_bio"] / previous["achats_total"]
        )
    return {
        **current,
        "part_local_bio_par_restaurant": _shares_by(year, "restaurant__name"),
        "part_local_bio_par_famille": _shares_by(year, "family", labels=dict(Purchase.Family.choices)),
        "annee_precedente": previous,
        "evolution_part_local_bio": evolution,
    }


def _shares_by(year: int, field: str, labels: dict | None = None) -> list[dict]:
    """Local organic share of the year's purchases grouped by `field` (one query)."""
    rows = (
        Purchase.objects.for_year(year)
        .with_is_local()
        .values(field)
        .annotate(
            total=Coalesce(Sum("amount_ht"), ZERO),
            local_bio=Coalesce(Sum("amount_ht", filter=LOCAL_ORGANIC), ZERO),
        )
        .order_by("-total", field)
    )
    return [
        {
            "label": labels.get(row[field], row[field]) if labels else row[field],
            "value": _share(row["local_bio"], row["total"]),
            "total": row["total"],
            "local_bio": row["local_bio"],
        }
        for row in rows
    ]
