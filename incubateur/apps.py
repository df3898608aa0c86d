from django.apps import AppConfig

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_read

# The « À faire » shows this many items of each kind, then the count of the others.
TODO_ITEMS = 10
# It lists the appointments of today and of this many days ahead.
TODO_DAYS = 7


class IncubateurConfig(AppConfig):
    name = "incubateur"
    verbose_name = "Tube à ESS'ai, l'incubateur de l'ESS"
    programme = Programme.INCUBATEUR
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.person_filter).
    person_relations: tuple[str, ...] = (
        "incubateur_receptions",
        "incubateur_projects",
        "incubateur_collective_times",
        "incubateur_training_sessions",
    )

    def pieces(self, place, request, **context):
        """The incubator's fragments of the core pages (see cbe_portal.registry): on the staff home's
        « À faire », the individual appointments of the coming week (two queries)."""
        from .models import Appointment

        if place == registry.TODO and can_read(request.user, self.programme):
            appointments = Appointment.objects.visible_to(request.user).coming(days=TODO_DAYS)
            if count := appointments.count():
                shown = appointments.select_related("project", "member__organisation").order_by("date", "pk")
                todo = {"appointments": shown[:TODO_ITEMS], "days": TODO_DAYS, "more": max(count - TODO_ITEMS, 0)}
                yield "incubateur/todo.html", todo
