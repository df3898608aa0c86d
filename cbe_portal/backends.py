from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .permissions import is_coordination


class RoleBackend(ModelBackend):
    """Coordination may do everything, in the admin too, without listing model permissions."""

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and is_coordination(user_obj):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and is_coordination(user_obj):
            return True
        return super().has_module_perms(user_obj, app_label)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for log-ins through a page (they all pass the request).
    Code that checks a password without a request (tests, the shell) is no visitor to count."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request) -> str:
    """The visitor's address for django-axes: behind our proxy, the last X-Forwarded-For entry (the
    one our proxy added; the ones before it come from the visitor); else the connection's."""
    if settings.BEHIND_PROXY and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
