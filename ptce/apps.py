import datetime

from django.apps import AppConfig

from cbe_portal import registry
from cbe_portal.permissions import Programme, can_see_member_contacts, is_partner, member_organisation


class PtceConfig(AppConfig):
    name = "ptce"
    verbose_name = "PTCE Sud Aquitaine"
    programme = Programme.PTCE
    # Reverse relations from Person to this programme's records (see permissions.person_filter).
    person_relations: tuple[str, ...] = ()

    def pieces(self, place, request, year=None):
        """The PTCE's fragments of the core pages (see cbe_portal.registry)."""
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
