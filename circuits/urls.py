from django.urls import path

from . import views

app_name = "circuits"
urlpatterns = [
    path("circuits/", views.public_page, name="public"),
    path("espace/circuits/", views.home, name="home"),
    path("espace/circuits/carte/", views.supplier_map, name="supplier_map"),
    path("espace/circuits/restaurants/", views.restaurant_list, name="restaurant_list"),
    path("espace/circuits/restaurants/<int:pk>/", views.restaurant_detail, name="restaurant_detail"),
    path("espace/circuits/participations/ajouter/", views.participation_create, name="participation_create"),
    path("espace/circuits/participations/<int:pk>/modifier/", views.participation_edit, name="participation_edit"),
    path(
        "espace/circuits/participations/<int:pk>/supprimer/", views.participation_delete, name="participation_delete"
    ),
    path("espace/circuits/fournisseurs/", views.supplier_list, name="supplier_list"),
    path("espace/circuits/fournisseurs/ajouter/", views.supplier_create, name="supplier_create"),
    path("espace/circuits/fournisseurs/<int:pk>/", views.supplier_detail, name="supplier_detail"),
    path("espace/circuits/fournisseurs/<int:pk>/modifier/", views.supplier_edit, name="supplier_edit"),
    path("espace/circuits/fournisseurs/<int:pk>/supprimer/", views.supplier_delete, name="supplier_delete"),
    path("espace/circuits/achats/", views.purchase_list, name="purchase_list"),
    path("espace/circuits/achats/ajouter/", views.purchase_create, name="purchase_create"),
    path("espace/circuits/achats/grille/", views.purchase_grid, name="purchase_grid"),
    path("espace/circuits/achats/<int:pk>/modifier/", views.purchase_edit, name="purchase_edit"),
    path("espace/circuits/achats/<int:pk>/supprimer/", views.purchase_delete, name="purchase_delete"),
    path("espace/circuits/planification/", views.cropplan_list, name="cropplan_list"),
    path("espace/circuits/planification/ajouter/", views.cropplan_create, name="cropplan_create"),
    path("espace/circuits/planification/<int:pk>/modifier/", views.cropplan_edit, name="cropplan_edit"),
    path("espace/circuits/planification/<int:pk>/supprimer/", views.cropplan_delete, name="cropplan_delete"),
    path("espace/circuits/ateliers/", views.workshop_list, name="workshop_list"),
    path("espace/circuits/ateliers/ajouter/", views.workshop_create, name="workshop_create"),
    path("espace/circuits/ateliers/<int:pk>/modifier/", views.workshop_edit, name="workshop_edit"),
    path("espace/circuits/ateliers/<int:pk>/supprimer/", views.workshop_delete, name="workshop_delete"),
    path("espace/circuits/sensibilisation/", views.awareness_list, name="awareness_list"),
    path("espace/circuits/sensibilisation/ajouter/", views.awareness_create, name="awareness_create"),
    path("espace/circuits/sensibilisation/<int:pk>/modifier/", views.awareness_edit, name="awareness_edit"),
    path("espace/circuits/sensibilisation/<int:pk>/supprimer/", views.awareness_delete, name="awareness_delete"),
]
