from django.urls import path

from . import views

app_name = "plie"
urlpatterns = [
    path("plie/", views.public_page, name="public"),
    path("espace/plie/", views.home, name="home"),
    path("espace/plie/participants/", views.parcours_list, name="parcours_list"),
    path("espace/plie/participants/nouveau/", views.parcours_create, name="parcours_create"),
    path("espace/plie/participants/<int:pk>/", views.parcours_detail, name="parcours_detail"),
    path("espace/plie/participants/<int:pk>/situation/", views.parcours_edit, name="parcours_edit"),
    path("espace/plie/participants/<int:pk>/sortie/", views.parcours_exit, name="parcours_exit"),
    path("espace/plie/participants/<int:pk>/freins/ajouter/", views.frein_create, name="frein_create"),
    path("espace/plie/participants/<int:pk>/etapes/ajouter/", views.etape_create, name="etape_create"),
    path("espace/plie/participants/<int:pk>/entretiens/ajouter/", views.entretien_create, name="entretien_create"),
    path("espace/plie/freins/<int:pk>/lever/", views.frein_lift, name="frein_lift"),
    path("espace/plie/actions/", views.action_list, name="action_list"),
    path("espace/plie/actions/nouvelle/", views.action_create, name="action_create"),
    path("espace/plie/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("espace/plie/actions/<int:pk>/seances/ajouter/", views.seance_create, name="seance_create"),
    path("espace/plie/aides-repas/", views.aide_list, name="aide_list"),
    path("espace/plie/aides-repas/ajouter/", views.aide_create, name="aide_create"),
]
