from django.apps import AppConfig

from cbe_portal.permissions import Programme


class CircuitsConfig(AppConfig):
    name = "circuits"
    verbose_name = "Circuits alimentaires locaux"
    programme = Programme.CIRCUITS
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.persons_for_user).
    person_relations: tuple[str, ...] = ()
