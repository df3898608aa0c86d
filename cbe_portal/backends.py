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
