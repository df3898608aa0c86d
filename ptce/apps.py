import datetime

from django.apps import AppConfig
from django.utils import timezone

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_read, can_see_member_contacts, is_partner, member_organisation
from cbe_portal.years import known_years

# The « À faire » shows this many items of each kind, then the count of the others.
TODO_ITEMS = 10


class PtceConfig(AppConfig):
    name = "ptce"
    verbose_name = "PTCE Sud Aquitaine"
    programme = Programme.PTCE
    # Reverse relations from Person to this programme's records (see permissions.person_filter).
    person_relations: tuple[str, ...] = ()

    def pieces(self, place, request, year=None, **context):
        """The PTCE's fragments of the core pages (see cbe_portal.registry); in « À faire », for PTCE
        staff, the members that have not declared last year's figures (two queries)."""
        from .models import Membership, Publication

        if place == registry.HOME:
            publications = list(Publication.objects.all()[:3])
            if publications:
                yield "ptce/home_publications.html", {"publications": publications}
        elif place == registry.REPORT_PARTNERS:
            members = Membership.objects.on(datetime.date(year, 12, 31)).select_related("organisation__commune")
            yield "ptce/report_members.html", {"memberships": members.order_by("organisation__name")}
        elif place == registry.REPORT_APPENDICES:
            yield "ptce/report_publications.html", {"publications": Publication.objects.all()}
        elif place == registry.DASHBOARD:
            user = request.user
            if is_partner(user) or member_organisation(user):
                member, partner_view = member_organisation(user) is not None, can_see_member_contacts(user)
                yield "ptce/dashboard_extra.html", {"member": member, "partner_view": partner_view}
        elif place == registry.TODO and can_read(request.user, self.programme):
            last_year = timezone.localdate().year - 1
            if last_year in known_years():
                missing = Membership.objects.visible_to(request.user).missing_declaration(last_year)
                if count := missing.count():
                    rows = list(missing.select_related("organisation").order_by("organisation__name")[:TODO_ITEMS])
                    todo = {"year": last_year, "memberships": rows, "count": count, "more": count - len(rows)}
                    yield "ptce/todo.html", todo
