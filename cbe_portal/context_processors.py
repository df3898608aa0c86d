from django.conf import settings

from .permissions import Programme, can_edit_directory, can_write, is_coordination, is_staff_member


def portal(request):
    """What the layout needs on every page: the programmes and what the user may reach, and
    `can_write` for the programme whose URL namespace the page is in (its editors and coordination),
    so that no view has to pass it."""
    user = request.user
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return {
        "nav_programmes": Programme,
        "user_is_staff_member": is_staff_member(user),
        "user_is_coordination": is_coordination(user),
        "user_can_edit_directory": can_edit_directory(user),
        "can_write": can_write(user, Programme(namespace)) if namespace in Programme.values else False,
        "map_tiles_url": settings.MAP_TILES_URL,
    }
