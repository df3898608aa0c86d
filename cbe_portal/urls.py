from django.contrib import admin
from django.urls import include, path, register_converter

from .views import accounts, directory, editorial, imports, lookups, open_data, public, publishing, report, staff
from .years import KnownYearConverter

register_converter(KnownYearConverter, "year")

portal_patterns = [
    path("", public.home, name="home"),
    path("fichiers/<path:name>", public.stored_file, name="stored_file"),
    path("sante/", public.health, name="health"),
    path("espace/", staff.dashboard, name="dashboard"),
    path("espace/securite/", accounts.two_factor_status, name="two_factor"),
    path("espace/securite/activer/", accounts.two_factor_setup, name="two_factor_setup"),
    path("espace/securite/desactiver/", accounts.two_factor_disable, name="two_factor_disable"),
    path("espace/securite/codes-de-secours/", accounts.two_factor_codes, name="two_factor_codes"),
    path("espace/organisations/", directory.organisation_list, name="organisation_list"),
    path("espace/organisations/nouvelle/", directory.organisation_create, name="organisation_create"),
    path("espace/organisations/<int:pk>/", directory.organisation_detail, name="organisation_detail"),
    path("espace/organisations/<int:pk>/modifier/", directory.organisation_edit, name="organisation_edit"),
    path("espace/organisations/<int:pk>/fusionner/", directory.organisation_merge, name="organisation_merge"),
    path("espace/personnes/", directory.person_list, name="person_list"),
    path("espace/personnes/nouvelle/", directory.person_create, name="person_create"),
    path("espace/personnes/<int:pk>/", directory.person_detail, name="person_detail"),
    path("espace/personnes/<int:pk>/modifier/", directory.person_edit, name="person_edit"),
    path("espace/recherche/personnes/", lookups.person_lookup, name="person_lookup"),
    path("espace/recherche/organisations/", lookups.organisation_lookup, name="organisation_lookup"),
    path("espace/personnes/<int:pk>/fusionner/", directory.person_merge, name="person_merge"),
    path("espace/personnes/<int:pk>/donnees/", directory.person_privacy, name="person_privacy"),
    path("espace/personnes/<int:pk>/anonymiser/", directory.person_anonymise, name="person_anonymise"),
    path("espace/textes/", editorial.editorial_list, name="editorial_list"),
    path("espace/textes/<year:year>/<str:section>/", editorial.editorial_edit, name="editorial_edit"),
    path("espace/imports/", imports.import_list, name="import_list"),
    path("espace/imports/<slug:name>/", imports.import_upload, name="import_upload"),
    path("espace/imports/<slug:name>/modele.csv", imports.import_template, name="import_template"),
    path("espace/imports/appliquer/<int:pk>/", imports.import_apply, name="import_apply"),
    path("espace/publication/", publishing.publication_list, name="publication_list"),
    path("espace/publication/<year:year>/publier/", publishing.publication_publish, name="publication_publish"),
    path("espace/publication/<year:year>/rouvrir/", publishing.publication_reopen, name="publication_reopen"),
    path("rapport/", report.report_latest, name="report_latest"),
    path("rapport/archives/", publishing.report_archive, name="report_archive"),
    path("rapport/<year:year>/", report.report, name="report"),
    path("rapport/<year:year>.pdf", report.report_pdf, name="report_pdf"),
    path("informations/<slug:page>/", public.legal, name="legal"),
    path("donnees/", open_data.open_data_index, name="open_data"),
    path("donnees/<year:year>.json", open_data.open_data_json, name="open_data_json"),
    path("donnees/<year:year>.csv", open_data.open_data_csv, name="open_data_csv"),
    path("donnees/<year:year>-fr.csv", open_data.open_data_csv_fr, name="open_data_csv_fr"),
    path("donnees/datapackage.json", open_data.datapackage, name="datapackage"),
]

urlpatterns = [
    path("", include((portal_patterns, "cbe_portal"))),
    path("comptes/login/", accounts.LoginView.as_view(), name="login"),
    path("comptes/verification/", accounts.login_verify, name="login_verify"),
    path("comptes/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("plie.urls")),
    path("", include("gpect.urls")),
    path("", include("circuits.urls")),
    path("", include("incubateur.urls")),
    path("", include("ptce.urls")),
]

handler400 = "cbe_portal.views.errors.bad_request"
handler500 = "cbe_portal.views.errors.server_error"
