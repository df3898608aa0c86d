from django.urls import path

from . import views

app_name = "plie"
urlpatterns = [
    path("plie/", views.public_page, name="public"),
    path("espace/plie/", views.home, name="home"),
]
