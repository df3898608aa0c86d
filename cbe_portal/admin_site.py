from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.decorators import method_decorator

from .permissions import is_coordination


class CbeAdminSite(admin.AdminSite):
    """The Django admin, for coordination only."""

    site_header = "Administration du portail du CBE du Seignanx"
    site_title = "Portail du CBE"

    def has_permission(self, request):
        return request.user.is_active and is_coordination(request.user)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """The portal's log-in page, not the admin's: it asks for the second factor and counts
        failed passwords."""
        return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))
