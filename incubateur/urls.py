from django.urls import path

from . import views

app_name = "incubateur"
urlpatterns = [
    path("incubateur/", views.public_page, name="public"),
    path("espace/incubateur/", views.home, name="home"),
]
