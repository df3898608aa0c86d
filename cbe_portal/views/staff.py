"""The staff space: a dashboard of what the logged-in user may do."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import figures, registry
from ..permissions import (
    can_edit_directory,
    can_manage_site,
    can_view_directory,
    can_write,
    programme_configs,
    readable_programmes,
)
from ..years import known_years, requested_year


@require_safe
def dashboard(request):
    year, cards = None, []
    if readable := readable_programmes(request.user):
        # The latest year with data only when none is asked for: finding it computes the figures of
        # each year back to the first with records.
        year = (
            requested_year(request, None) or figures.latest_year_with_data(include_current=True) or known_years()[-1]
        )
        year_figures = figures.for_year(year)
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
        "years": reversed(known_years()),
        "cards": cards,
        "can_view_directory": can_view_directory(request.user),
        "can_edit_directory": can_edit_directory(request.user),
        "can_manage_site": can_manage_site(request.user),
        "pieces": registry.pieces(registry.DASHBOARD, request),
        "todo": registry.pieces(registry.TODO, request),
    }
    return render(request, "cbe_portal/dashboard.html", context)
