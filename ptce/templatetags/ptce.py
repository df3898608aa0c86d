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
