from django.apps import AppConfig

from cbe_portal.permissions import Programme


class IncubateurConfig(AppConfig):
    name = "incubateur"
    verbose_name = "Tube à ESS'ai, l'incubateur de l'ESS"
    programme = Programme.INCUBATEUR
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.persons_for_user).
    person_relations: tuple[str, ...] = (
        "incubateur_receptions",
        "incubateur_projects",
        "incubateur_collective_times",
        "incubateur_training_sessions",
    )
