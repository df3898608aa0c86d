"""The circuits' import format (see cbe_portal/imports.py): the restaurants' purchases. Each line is
matched against what is recorded, never duplicated, and saved through the staff form, so that its
rules (the restaurant takes part that year, the period lies in the year, the local box for « autres »
only), its pickers' choices and the published-year lock apply."""

import datetime
from decimal import Decimal

from cbe_portal.import_formats import by_siret_or_name, resolve, save_with_form, siret, year
from cbe_portal.imports import Column, Format, boolean, choice, date, decimal
from cbe_portal.permissions import Programme

from .forms import PurchaseForm, suppliers
from .models import Purchase, restaurants

FAMILIES = ", ".join(str(label) for label in Purchase.Family.labels)


def euros(value: str) -> Decimal:
    """An amount as a spreadsheet shows it: « 1 234,50 € »."""
    return decimal(value.replace("€", ""))


def one_of(organisations, name: str | None, siret: str | None, columns: tuple[str, str], unknown: str):
    """The organisation of `organisations` with this SIRET, else the only one of this name; refused on
    the column that names it, `unknown` saying where to record it."""
    return by_siret_or_name(
        organisations, name, siret, columns=columns, unknown_siret=f"Le SIRET {{siret}} n'est pas celui d'{unknown}.",
        unknown_name=f"« {{name}} » n'est pas le nom d'{unknown}.",
    )  # fmt: skip


def restaurant(row: dict):
    names = ("restaurant", "restaurant_siret")
    unknown = "un restaurant collectif de l'annuaire"
    return one_of(restaurants(), row[names[0]], row.get(names[1]), names, unknown)


def supplier(row: dict, user):
    """None for « autres fournisseurs »."""
    names = ("supplier", "supplier_siret")
    if not (row.get(names[0]) or row.get(names[1])):
        return None
    unknown = "un fournisseur du programme (menu « Fournisseurs et fermes »)"
    return one_of(suppliers(user), row.get(names[0]), row.get(names[1]), names, unknown)


def save_purchase(row: dict, user) -> str:
    found = resolve(restaurant=lambda: restaurant(row), supplier=lambda: supplier(row, user))
    period = {
        "period_start": row.get("period_start") or datetime.date(row["year"], 1, 1),
        "period_end": row.get("period_end") or datetime.date(row["year"], 12, 31),
    }
    purchase = Purchase.objects.filter(**found, **period, family=row["family"]).first() or Purchase()
    fields = {name: row.get(name) for name in ("year", "family", "amount_ht", "is_organic", "local_declared")}
    return save_with_form(PurchaseForm, purchase, {**fields, **found, **period}, user=user)


FORMATS = [
    Format(
        name="achats-circuits",
        label="Achats des restaurants (circuits alimentaires)",
        programme=Programme.CIRCUITS,
        description="Les achats d'un restaurant auprès d'un fournisseur pour une famille de produits sur une "
        "période, une ligne chacun ; retrouvés par le restaurant, le fournisseur, la période et la famille. Le "
        "restaurant (un restaurant collectif qui participe au programme cette année-là) et le fournisseur (déjà "
        "enregistré dans le programme) sont retrouvés par leur SIRET s'il est donné, sinon par leur nom ; sans "
        "fournisseur, l'achat compte parmi les « autres fournisseurs ». Sans période, l'achat couvre l'année "
        "entière. Montants en euros HT, avec une virgule décimale.",
        columns=[
            Column("Restaurant", "restaurant"),
            Column("SIRET du restaurant", "restaurant_siret", siret, required=False),
            Column("Fournisseur", "supplier", required=False),
            Column("SIRET du fournisseur", "supplier_siret", siret, required=False),
            Column("Année", "year", year),
            Column("Début de période", "period_start", date, required=False),
            Column("Fin de période", "period_end", date, required=False),
            Column("Famille de produits", "family", choice(Purchase.Family), help=FAMILIES),
            Column("Montant HT", "amount_ht", euros, help="en euros hors taxes, par exemple 1 234,50"),
            Column("Bio", "is_organic", boolean, required=False),
            Column(
                "Local (achats « autres »)",
                "local_declared",
                boolean,
                required=False,
                help="oui ou non, pour les achats sans fournisseur seulement",
            ),
        ],
        save_row=save_purchase,
    ),
]
