from django.conf import settings

from .permissions import Programme, can_edit_directory, is_coordination, is_staff_member


def portal(request):
    """What the layout needs on every page: the programmes and what the user may reach."""
    user = request.user
    return {
        "nav_programmes": Programme,
        "user_is_staff_member": is_staff_member(user),
        "user_is_coordination": is_coordination(user),
        "user_can_edit_directory": can_edit_directory(user),
        "map_tiles_url": settings.MAP_TILES_URL,
    }
