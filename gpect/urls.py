from django.urls import path

from . import views

app_name = "gpect"
urlpatterns = [
    path("gpect/", views.public_page, name="public"),
    path("espace/gpect/", views.home, name="home"),
    path("espace/gpect/employeurs/", views.employer_list, name="employer_list"),
    path("espace/gpect/employeurs/nouveau/", views.employer_form, name="employer_create"),
    path("espace/gpect/employeurs/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("espace/gpect/employeurs/<int:pk>/modifier/", views.employer_form, name="employer_edit"),
    path("espace/gpect/actions/", views.action_list, name="action_list"),
    path("espace/gpect/actions/nouvelle/", views.action_form, name="action_create"),
    path("espace/gpect/actions/<int:pk>/modifier/", views.action_form, name="action_edit"),
    path("espace/gpect/offres/", views.offer_list, name="offer_list"),
    path("espace/gpect/offres/nouvelle/", views.offer_form, name="offer_create"),
    path("espace/gpect/offres/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("espace/gpect/offres/<int:pk>/modifier/", views.offer_form, name="offer_edit"),
    path("espace/gpect/offres/<int:offer_pk>/mise-en-relation/", views.match_create, name="match_create"),
    path("espace/gpect/mises-en-relation/<int:pk>/modifier/", views.match_edit, name="match_edit"),
    path("espace/gpect/visites/", views.visit_list, name="visit_list"),
    path("espace/gpect/visites/nouvelle/", views.visit_form, name="visit_create"),
    path("espace/gpect/visites/<int:pk>/modifier/", views.visit_form, name="visit_edit"),
    path("espace/gpect/marches/", views.market_list, name="market_list"),
    path("espace/gpect/marches/nouveau/", views.market_form, name="market_create"),
    path("espace/gpect/marches/<int:pk>/", views.market_detail, name="market_detail"),
    path("espace/gpect/marches/<int:pk>/modifier/", views.market_form, name="market_edit"),
    path("espace/gpect/marches/<int:market_pk>/heures/", views.hours_create, name="hours_create"),
    path("espace/gpect/heures/<int:pk>/modifier/", views.hours_edit, name="hours_edit"),
    path("espace/gpect/projets/", views.project_list, name="project_list"),
    path("espace/gpect/projets/nouveau/", views.project_form, name="project_create"),
    path("espace/gpect/projets/<int:pk>/modifier/", views.project_form, name="project_edit"),
]
