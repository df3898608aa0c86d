from django.apps import AppConfig

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_read

# The « À faire » shows this many items of each kind, then the count of the others.
TODO_ITEMS = 10


class GPECTConfig(AppConfig):
    name = "gpect"
    verbose_name = "Gestion prévisionnelle des emplois et des compétences territoriale"
    programme = Programme.GPECT
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.person_filter).
    person_relations: tuple[str, ...] = ("gpect_matches", "gpect_insertion_hours")

    def pieces(self, place, request, **context):
        """The GPECT's fragments of the core pages (see cbe_portal.registry): the offers whose closing
        date has passed without anyone put forward, on the staff home's « À faire » (two queries)."""
        from .models import JobOffer

        if place == registry.TODO and can_read(request.user, self.programme):
            offers = JobOffer.objects.visible_to(request.user).unmatched_past_closing()
            count = offers.count()
            if count:
                shown = offers.select_related("employer__organisation").order_by("-closing_date", "-pk")
                yield "gpect/todo.html", {"offers": shown[:TODO_ITEMS], "more": max(count - TODO_ITEMS, 0)}
