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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A bulk delete goes through the QuerySet, past each record's delete(): the year lock and
        # the delete pages' checks. Records are deleted one by one, from their own pages.
        self.disable_action("delete_selected")

    def has_permission(self, request):
        return request.user.is_active and is_coordination(request.user)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """The portal's log-in page, not the admin's: it asks for the second factor and counts
        failed passwords."""
        return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))
