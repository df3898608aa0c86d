from django.urls import path

from . import views

app_name = "ptce"
urlpatterns = [
    # Public pages (partners see more on them) and the partners' extras.
    path("ptce/", views.public_page, name="public"),
    path("ptce/membres/", views.member_list, name="member_list"),
    path("ptce/membres/carte/", views.member_map, name="member_map"),
    path("ptce/membres/export.csv", views.member_export, name="member_export"),
    path("ptce/membres/<int:pk>/", views.member_detail, name="member_detail"),
    path("ptce/chiffres/", views.figures_by_year, name="figures_by_year"),
    # Members: their own profile and yearly declarations.
    path("ptce/mon-espace/", views.member_space, name="member_space"),
    path("ptce/membres/<int:pk>/profil/", views.profile_edit, name="profile_edit"),
    path("ptce/membres/<int:pk>/declarations/<int:year>/", views.declaration_form, name="declaration_form"),
    # Staff space.
    path("espace/ptce/", views.home, name="home"),
    path("espace/ptce/adhesions/", views.membership_list, name="membership_list"),
    path("espace/ptce/adhesions/nouvelle/", views.membership_form, name="membership_create"),
    path("espace/ptce/adhesions/<int:pk>/modifier/", views.membership_form, name="membership_edit"),
    path("espace/ptce/thematiques/", views.theme_list, name="theme_list"),
    path("espace/ptce/thematiques/nouvelle/", views.theme_form, name="theme_create"),
    path("espace/ptce/thematiques/<int:pk>/modifier/", views.theme_form, name="theme_edit"),
    path("espace/ptce/projets/", views.project_list, name="project_list"),
    path("espace/ptce/projets/nouveau/", views.project_form, name="project_create"),
    path("espace/ptce/projets/<int:pk>/modifier/", views.project_form, name="project_edit"),
    path("espace/ptce/publications/", views.publication_list, name="publication_list"),
    path("espace/ptce/publications/nouvelle/", views.publication_form, name="publication_create"),
    path("espace/ptce/publications/<int:pk>/modifier/", views.publication_form, name="publication_edit"),
    path("espace/ptce/declarations/", views.declaration_list, name="declaration_list"),
    path("espace/ptce/declarations/<int:year>/verrouiller/", views.year_lock, name="year_lock"),
]
