from django.urls import path

from . import views

app_name = "circuits"
urlpatterns = [
    path("circuits/", views.public_page, name="public"),
    path("espace/circuits/", views.home, name="home"),
]
