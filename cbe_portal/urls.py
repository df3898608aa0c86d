from django.contrib import admin
from django.urls import include, path

from .views import directory, editorial, open_data, public, report, staff

portal_patterns = [
    path("", public.home, name="home"),
    path("fichiers/<path:name>", public.stored_file, name="stored_file"),
    path("espace/", staff.dashboard, name="dashboard"),
    path("espace/organisations/", directory.organisation_list, name="organisation_list"),
    path("espace/organisations/nouvelle/", directory.organisation_create, name="organisation_create"),
    path("espace/organisations/<int:pk>/", directory.organisation_detail, name="organisation_detail"),
    path("espace/organisations/<int:pk>/modifier/", directory.organisation_edit, name="organisation_edit"),
    path("espace/personnes/", directory.person_list, name="person_list"),
    path("espace/personnes/nouvelle/", directory.person_create, name="person_create"),
    path("espace/personnes/<int:pk>/", directory.person_detail, name="person_detail"),
    path("espace/personnes/<int:pk>/modifier/", directory.person_edit, name="person_edit"),
    path("espace/textes/", editorial.editorial_list, name="editorial_list"),
    path("espace/textes/<int:year>/<str:section>/", editorial.editorial_edit, name="editorial_edit"),
    path("rapport/", report.report_latest, name="report_latest"),
    path("rapport/<int:year>/", report.report, name="report"),
    path("rapport/<int:year>.pdf", report.report_pdf, name="report_pdf"),
    path("donnees/", open_data.open_data_index, name="open_data"),
    path("donnees/<int:year>.json", open_data.open_data_json, name="open_data_json"),
    path("donnees/<int:year>.csv", open_data.open_data_csv, name="open_data_csv"),
]

urlpatterns = [
    path("", include((portal_patterns, "cbe_portal"))),
    path("comptes/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("plie.urls")),
    path("", include("gpect.urls")),
    path("", include("circuits.urls")),
    path("", include("incubateur.urls")),
    path("", include("ptce.urls")),
]
