from django.apps import AppConfig

from cbe_portal.permissions import Programme


class PtceConfig(AppConfig):
    name = "ptce"
    verbose_name = "PTCE Sud Aquitaine"
    programme = Programme.PTCE
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.persons_for_user).
    person_relations: tuple[str, ...] = ()
