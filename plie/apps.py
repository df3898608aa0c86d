from django.apps import AppConfig

from cbe_portal.permissions import Programme


class PLIEConfig(AppConfig):
    name = "plie"
    verbose_name = "Plan local pour l'insertion et l'emploi"
    programme = Programme.PLIE
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.persons_for_user).
    person_relations: tuple[str, ...] = ("plie_parcours", "plie_meal_aids")
