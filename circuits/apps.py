import datetime

from django.apps import AppConfig
from django.utils import timezone

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_read

TODO_LIMIT = 10


class CircuitsConfig(AppConfig):
    name = "circuits"
    verbose_name = "Circuits alimentaires locaux"
    programme = Programme.CIRCUITS
    # Reverse relations from Person to this programme's records (see permissions.person_filter):
    # none, the programme follows organisations, not people.
    person_relations: tuple[str, ...] = ()

    def pieces(self, place, request, **context):
        """The circuits' fragments of the core pages (see cbe_portal.registry): in « À faire », the
        restaurants taking part whose purchases of the last complete month are not entered (2 queries)."""
        from .models import Participation

        if place != registry.TODO or not can_read(request.user, self.programme):
            return
        end = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
        missing = Participation.objects.visible_to(request.user).without_purchases(end.replace(day=1), end)
        if count := missing.count():
            rows = list(missing.select_related("restaurant").order_by("restaurant__name")[:TODO_LIMIT])
            context = {"month": end, "participations": rows, "count": count, "more": count - len(rows)}
            yield "circuits/todo.html", context
