from django.urls import path

from . import views

app_name = "ptce"
urlpatterns = [
    path("ptce/", views.public_page, name="public"),
    path("espace/ptce/", views.home, name="home"),
]
