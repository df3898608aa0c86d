"""Demo data of the programme (invented people only)."""


def load() -> None:
    """Load the demo data once; a second call changes nothing."""
