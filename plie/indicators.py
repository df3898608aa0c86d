"""The programme's yearly figures, computed in the database."""

# The open-data keys of DESIGN.md: a public contract, spelled exactly so.
OPEN_DATA_KEYS = (
    "personnes_accompagnees",
    "nouveaux_accompagnements",
    "part_femmes",
    "part_deld",
    "part_rsa",
    "part_50_ans_et_plus",
    "sorties",
    "sorties_positives",
    "sorties_administratives",
    "taux_sorties_positives_relatif",
    "taux_sorties_positives_absolu",
    "aides_repas",
    "evolution_aides_repas_1_an",
    "evolution_aides_repas_depuis_2016",
)


def for_year(year: int) -> dict:
    """The programme's figures for `year` (open-data keys at least); None where not computable."""
    return dict.fromkeys(OPEN_DATA_KEYS)
