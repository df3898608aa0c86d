"""Public pages: the home page, the programme pages' common frame, stored files."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .. import figures, registry
from ..models import EditorialText, StoredFile
from ..open_data import HEADLINES, KEYS
from ..permissions import Programme
from ..sections import sections
from ..years import known_years, latest_complete_year, requested_year


@login_not_required
@require_safe
def home(request):
    year = latest_complete_year()
    year_figures = figures.for_year(year)
    programmes = [
        {
            "programme": programme,
            "headlines": [
                {"key": key, "value": year_figures.get(programme.value, {}).get(key.name)}
                for key in KEYS[programme.value]
                if key.name in HEADLINES[programme.value]
            ],
        }
        for programme in Programme
    ]
    context = {"year": year, "programmes": programmes, "pieces": registry.pieces(registry.HOME, request, year=year)}
    return render(request, "cbe_portal/home.html", context)


def render_programme_page(request, programme: Programme, context=None):
    """A programme's public page: `templates/<programme>/public.html`, which extends
    `cbe_portal/programme_page.html` (presentation, the year's figures and charts, perspectives)."""
    year = requested_year(request)
    [section] = sections([programme], year, EditorialText.objects.for_year(year))
    return render(
        request,
        f"{programme.value}/public.html",
        {
            "programme": programme,
            "year": year,
            "years": known_years(),
            "section": section,
            "has_data": figures.has_data({programme.value: section["figures"]}),
            **(context or {}),
        },
    )


@login_not_required
@require_safe
@cache_control(max_age=86400, public=True)
def stored_file(request, name):
    try:
        stored = StoredFile.objects.get(name=name)
    except StoredFile.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type or "application/octet-stream")
    response["Content-Length"] = stored.size
    response["X-Content-Type-Options"] = "nosniff"
    return response
