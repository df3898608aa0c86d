from django.urls import path

from . import views

app_name = "incubateur"
urlpatterns = [
    path("incubateur/", views.public_page, name="public"),
    path("espace/incubateur/", views.home, name="home"),
    path("espace/incubateur/accueils/", views.accueil_list, name="accueil_list"),
    path("espace/incubateur/accueils/nouveau/", views.accueil_form, name="accueil_create"),
    path("espace/incubateur/accueils/<int:pk>/modifier/", views.accueil_form, name="accueil_edit"),
    path("espace/incubateur/projets/", views.projet_list, name="projet_list"),
    path("espace/incubateur/projets/parcours/", views.projet_pipeline, name="projet_pipeline"),
    path("espace/incubateur/projets/nouveau/", views.projet_create, name="projet_create"),
    path("espace/incubateur/projets/<int:pk>/", views.projet_detail, name="projet_detail"),
    path("espace/incubateur/projets/<int:pk>/modifier/", views.projet_edit, name="projet_edit"),
    path("espace/incubateur/projets/<int:pk>/etape/", views.projet_stage, name="projet_stage"),
    path("espace/incubateur/projets/<int:pk>/rendez-vous/", views.rendezvous_create, name="rendezvous_create"),
    path("espace/incubateur/projets/<int:pk>/structure/", views.structure_create, name="structure_create"),
    path("espace/incubateur/projets/<int:pk>/emplois/", views.emploi_create, name="emploi_create"),
    path("espace/incubateur/comites/", views.comite_list, name="comite_list"),
    path("espace/incubateur/comites/nouveau/", views.comite_form, name="comite_create"),
    path("espace/incubateur/comites/<int:pk>/", views.comite_detail, name="comite_detail"),
    path("espace/incubateur/comites/<int:pk>/modifier/", views.comite_form, name="comite_edit"),
    path("espace/incubateur/comites/<int:pk>/decision/", views.comite_decision, name="comite_decision"),
    path("espace/incubateur/temps-collectifs/", views.temps_collectif_list, name="temps_collectif_list"),
    path("espace/incubateur/temps-collectifs/nouveau/", views.temps_collectif_form, name="temps_collectif_create"),
    path(
        "espace/incubateur/temps-collectifs/<int:pk>/modifier/",
        views.temps_collectif_form,
        name="temps_collectif_edit",
    ),
    path("espace/incubateur/formations/", views.formation_list, name="formation_list"),
    path("espace/incubateur/formations/nouvelle/", views.formation_form, name="formation_create"),
    path("espace/incubateur/formations/<int:pk>/", views.formation_detail, name="formation_detail"),
    path("espace/incubateur/formations/<int:pk>/modifier/", views.formation_form, name="formation_edit"),
    path(
        "espace/incubateur/formations/<int:formation_pk>/sessions/nouvelle/", views.session_form, name="session_create"
    ),
    path(
        "espace/incubateur/formations/<int:formation_pk>/sessions/<int:pk>/modifier/",
        views.session_form,
        name="session_edit",
    ),
    path("espace/incubateur/collectif/", views.membre_list, name="membre_list"),
    path("espace/incubateur/collectif/nouveau/", views.membre_form, name="membre_create"),
    path("espace/incubateur/collectif/<int:pk>/modifier/", views.membre_form, name="membre_edit"),
]
