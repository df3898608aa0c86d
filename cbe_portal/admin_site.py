from django.contrib import admin

from .permissions import is_coordination


class CbeAdminSite(admin.AdminSite):
    """The Django admin, for coordination only."""

    site_header = "Administration du portail du CBE du Seignanx"
    site_title = "Portail du CBE"

    def has_permission(self, request):
        return request.user.is_active and is_coordination(request.user)
