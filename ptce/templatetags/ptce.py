from django import template

from cbe_portal.permissions import can_see_member_contacts, is_partner, member_organisation

register = template.Library()


@register.simple_tag
def ptce_access(user) -> dict:
    """What the dashboard's PTCE section offers this user (partners and members only)."""
    return {
        "partner": is_partner(user),
        "partner_view": can_see_member_contacts(user),
        "member": member_organisation(user) is not None,
    }


@register.simple_tag
def ptce_publications(limit=None):
    """The PTCE's publications, newest first (the home page shows a few, the report all)."""
    from ptce.models import Publication

    publications = Publication.objects.all()
    return publications[:limit] if limit else publications


@register.simple_tag
def ptce_members_on(year):
    """The member organisations on 31 December of `year`, by name."""
    import datetime

    from ptce.models import Membership

    memberships = Membership.objects.on(datetime.date(year, 12, 31)).select_related("organisation__commune")
    return memberships.order_by("organisation__name")
