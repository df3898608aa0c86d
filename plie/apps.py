from django.apps import AppConfig
from django.utils import timezone

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_read, is_coordination

# The « À faire » shows this many items of each kind, then the count of the others.
TODO_ITEMS = 10


class PLIEConfig(AppConfig):
    name = "plie"
    verbose_name = "Plan local pour l'insertion et l'emploi"
    programme = Programme.PLIE
    # Reverse relations from Person to this programme's records: the people it follows
    # (see cbe_portal.permissions.person_filter).
    person_relations: tuple[str, ...] = ("plie_parcours", "plie_meal_aids")

    def pieces(self, place, request, **context):
        """The PLIE's fragments of the core pages (see cbe_portal.registry): on the staff home's « À faire »,
        the user's participants (coordination: all of them) without an interview or a step for three
        months, their barriers open for six, and their pathways exited six months ago or more whose FSE+
        situation six months later is not recorded (a count, then the first ten, of each: six queries at most)."""
        from .models import NO_NEWS_MONTHS, OLD_BARRIER_MONTHS, Frein, Parcours, months_before

        if place != registry.TODO or not can_read(request.user, self.programme):
            return
        user = request.user
        today = timezone.localdate()
        pathways = Parcours.objects.visible_to(user).followed_by(user).open()
        pathways = pathways.without_news_since(months_before(today, NO_NEWS_MONTHS))
        barriers = Frein.objects.visible_to(user).followed_by(user)
        barriers = barriers.open_since(months_before(today, OLD_BARRIER_MONTHS))
        awaiting = Parcours.objects.visible_to(user).followed_by(user).awaiting_six_month_situation(today)
        found = {"all_referents": is_coordination(user)}
        if count := pathways.count():
            pathways = pathways.select_related("person", "referent").order_by("last_news", "pk")
            found |= {"pathways": pathways[:TODO_ITEMS], "more_pathways": max(count - TODO_ITEMS, 0)}
        if count := barriers.count():
            barriers = barriers.select_related("parcours__person", "parcours__referent")
            barriers = barriers.order_by("identified_on", "pk")
            found |= {"barriers": barriers[:TODO_ITEMS], "more_barriers": max(count - TODO_ITEMS, 0)}
        if count := awaiting.count():
            awaiting = awaiting.select_related("person", "referent").order_by("exit_date", "pk")
            found |= {"awaiting_fse": awaiting[:TODO_ITEMS], "more_awaiting_fse": max(count - TODO_ITEMS, 0)}
        if {"pathways", "barriers", "awaiting_fse"} & found.keys():
            yield "plie/todo.html", found
