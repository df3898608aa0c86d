"""The programme's yearly figures, computed in the database."""

# The open-data keys of DESIGN.md: a public contract, spelled exactly so.
OPEN_DATA_KEYS = (
    "personnes_accueillies",
    "idees",
    "comites_orientation",
    "projets_presentes",
    "nouveaux_projets_incubes",
    "projets_accompagnes",
    "associations_creees",
    "emplois_crees",
    "temps_collectifs",
    "formations",
)


def for_year(year: int) -> dict:
    """The programme's figures for `year` (open-data keys at least); None where not computable."""
    return dict.fromkeys(OPEN_DATA_KEYS)
