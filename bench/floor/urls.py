from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from .models import Row


def table(request):
    page = Paginator(Row.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "floor/table.html", {"page": page})


urlpatterns = [path("", table)]
