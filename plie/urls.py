from django.urls import path

from . import views

app_name = "plie"
PATHWAY = "espace/plie/participants/<int:pk>/"
urlpatterns = [
    path("plie/", views.public_page, name="public"),
    path("espace/plie/", views.home, name="home"),
    path("espace/plie/participants/", views.parcours_list, name="parcours_list"),
    path("espace/plie/participants/nouveau/", views.parcours_create, name="parcours_create"),
    path(PATHWAY, views.parcours_detail, name="parcours_detail"),
    path(f"{PATHWAY}situation/", views.parcours_edit, name="parcours_edit"),
    path(f"{PATHWAY}supprimer/", views.parcours_delete, name="parcours_delete"),
    path(f"{PATHWAY}sortie/", views.exit_create, name="exit_create"),
    path(f"{PATHWAY}sortie/modifier/", views.exit_edit, name="exit_edit"),
    path(f"{PATHWAY}sortie/annuler/", views.exit_cancel, name="exit_cancel"),
    path(f"{PATHWAY}fse/", views.fse_edit, name="fse_edit"),
    path("espace/plie/fse/", views.fse_indicators, name="fse_indicators"),
    path(f"{PATHWAY}freins/ajouter/", views.frein_create, name="frein_create"),
    path(f"{PATHWAY}etapes/ajouter/", views.step_create, name="step_create"),
    path(f"{PATHWAY}entretiens/ajouter/", views.interview_create, name="interview_create"),
    path("espace/plie/freins/<int:pk>/modifier/", views.frein_edit, name="frein_edit"),
    path("espace/plie/freins/<int:pk>/supprimer/", views.frein_delete, name="frein_delete"),
    path("espace/plie/freins/<int:pk>/lever/", views.frein_lift, name="frein_lift"),
    path("espace/plie/etapes/<int:pk>/modifier/", views.step_edit, name="step_edit"),
    path("espace/plie/etapes/<int:pk>/supprimer/", views.step_delete, name="step_delete"),
    path("espace/plie/entretiens/<int:pk>/modifier/", views.interview_edit, name="interview_edit"),
    path("espace/plie/entretiens/<int:pk>/supprimer/", views.interview_delete, name="interview_delete"),
    path("espace/plie/actions/", views.collective_action_list, name="collective_action_list"),
    path("espace/plie/actions/nouvelle/", views.collective_action_create, name="collective_action_create"),
    path("espace/plie/actions/<int:pk>/", views.collective_action_detail, name="collective_action_detail"),
    path("espace/plie/actions/<int:pk>/modifier/", views.collective_action_edit, name="collective_action_edit"),
    path("espace/plie/actions/<int:pk>/supprimer/", views.collective_action_delete, name="collective_action_delete"),
    path("espace/plie/actions/<int:pk>/seances/ajouter/", views.session_create, name="session_create"),
    path("espace/plie/seances/<int:pk>/modifier/", views.session_edit, name="session_edit"),
    path("espace/plie/seances/<int:pk>/supprimer/", views.session_delete, name="session_delete"),
    path("espace/plie/aides-repas/", views.meal_aid_list, name="meal_aid_list"),
    path("espace/plie/aides-repas/ajouter/", views.meal_aid_create, name="meal_aid_create"),
    path("espace/plie/aides-repas/<int:pk>/modifier/", views.meal_aid_edit, name="meal_aid_edit"),
    path("espace/plie/aides-repas/<int:pk>/supprimer/", views.meal_aid_delete, name="meal_aid_delete"),
]
