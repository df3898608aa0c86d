from django.urls import path

from . import views

app_name = "gpect"
urlpatterns = [
    path("gpect/", views.public_page, name="public"),
    path("espace/gpect/", views.home, name="home"),
]
