"""The programme's yearly figures, computed in the database."""

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


def for_year(year: int) -> dict:
    """The programme's figures for `year` (open-data keys at least); None where not computable."""
    return dict.fromkeys(OPEN_DATA_KEYS)
