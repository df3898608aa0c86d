from django.apps import AppConfig

from cbe_portal.permissions import Programme


class GPECTConfig(AppConfig):
    name = "gpect"
    verbose_name = "Gestion prévisionnelle des emplois et des compétences territoriale"
    programme = Programme.GPECT
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.persons_for_user).
    person_relations: tuple[str, ...] = ("gpect_matches", "gpect_insertion_hours")
