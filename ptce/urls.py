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
    # Members (and staff): a member's profile and yearly declarations.
    path("ptce/mon-espace/", views.member_space, name="member_space"),
    path("ptce/membres/<int:pk>/profil/", views.profile_edit, name="profile_edit"),
    path("ptce/membres/<int:pk>/declarations/<year:year>/", views.declaration_create, name="declaration_create"),
    path("ptce/declarations/<int:pk>/", views.declaration_edit, name="declaration_edit"),
    # Staff space.
    path("espace/ptce/", views.home, name="home"),
    path("espace/ptce/adhesions/", views.membership_list, name="membership_list"),
    path("espace/ptce/adhesions/nouvelle/", views.membership_create, name="membership_create"),
    path("espace/ptce/adhesions/<int:pk>/modifier/", views.membership_edit, name="membership_edit"),
    path("espace/ptce/adhesions/<int:pk>/supprimer/", views.membership_delete, name="membership_delete"),
    path("espace/ptce/thematiques/", views.theme_list, name="theme_list"),
    path("espace/ptce/thematiques/nouvelle/", views.theme_create, name="theme_create"),
    path("espace/ptce/thematiques/<int:pk>/modifier/", views.theme_edit, name="theme_edit"),
    path("espace/ptce/thematiques/<int:pk>/supprimer/", views.theme_delete, name="theme_delete"),
    path("espace/ptce/projets/", views.project_list, name="project_list"),
    path("espace/ptce/projets/nouveau/", views.project_create, name="project_create"),
    path("espace/ptce/projets/<int:pk>/modifier/", views.project_edit, name="project_edit"),
    path("espace/ptce/projets/<int:pk>/supprimer/", views.project_delete, name="project_delete"),
    path("espace/ptce/publications/", views.publication_list, name="publication_list"),
    path("espace/ptce/publications/nouvelle/", views.publication_create, name="publication_create"),
    path("espace/ptce/publications/<int:pk>/modifier/", views.publication_edit, name="publication_edit"),
    path("espace/ptce/publications/<int:pk>/supprimer/", views.publication_delete, name="publication_delete"),
    path("espace/ptce/declarations/", views.declaration_list, name="declaration_list"),
    path("espace/ptce/declarations/<int:pk>/supprimer/", views.declaration_delete, name="declaration_delete"),
    path("espace/ptce/declarations/<year:year>/verrouiller/", views.year_lock, name="year_lock"),
]
