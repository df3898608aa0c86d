"""The staff space: a dashboard of what the logged-in user may do."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import figures
from ..permissions import (
    can_edit_directory,
    can_manage_site,
    can_view_directory,
    can_write,
    programme_configs,
    readable_programmes,
)


@require_safe
def dashboard(request):
    year = timezone.localdate().year
    readable = readable_programmes(request.user)
    year_figures = figures.for_year(year) if readable else {}
    cards = [
        {
            "programme": config.programme,
            "template": f"{config.label}/dashboard_card.html",
            "figures": year_figures[config.programme.value],
            "can_write": can_write(request.user, config.programme),
        }
        for config in programme_configs()
        if config.programme in readable
    ]
    context = {
        "year": year,
        "cards": cards,
        "can_view_directory": can_view_directory(request.user),
        "can_edit_directory": can_edit_directory(request.user),
        "can_manage_site": can_manage_site(request.user),
    }
    return render(request, "cbe_portal/dashboard.html", context)
