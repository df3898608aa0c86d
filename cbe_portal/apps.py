from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.contrib.admin.apps import SimpleAdminConfig


class CbePortalConfig(AppConfig):
    default = True
    name = "cbe_portal"
    verbose_name = "Portail du CBE"

    def ready(self):
        from .figures import watch_records
        from .storage import watch_files

        watch_records()
        watch_files()


class CbeAdminConfig(SimpleAdminConfig):
    """The admin, open to coordination only (see admin_site.CbeAdminSite).

    It discovers every app's admin module except django-leaflet's, which needs GeoDjango and
    GDAL: we use Leaflet only for its static files, with plain coordinates."""

    default_site = "cbe_portal.admin_site.CbeAdminSite"

    def ready(self):
        super().ready()
        for config in apps.get_app_configs():
            if config.name != "leaflet" and find_spec(f"{config.name}.admin"):
                import_module(f"{config.name}.admin")
