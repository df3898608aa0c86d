"""Public pages: the home page, the programme pages' common frame, stored files."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from .. import figures, publication, registry, storage, uploads
from ..models import StoredFile
from ..open_data import HEADLINES, KEYS
from ..permissions import Programme
from ..sections import programme_section
from ..years import known_years
from .errors import database_unavailable


@login_not_required
@require_safe
def home(request):
    edition = publication.requested_edition(request, publication.published_years())
    year = edition.year if edition else None
    year_figures = edition.figures if edition else {}
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
    pieces = registry.pieces(registry.HOME, request, year=year)
    context = {"year": year, "edition": edition, "programmes": programmes, "pieces": pieces}
    return render(request, "cbe_portal/home.html", context)


def render_programme_page(request, programme: Programme, context=None):
    """A programme's public page: `templates/<programme>/public.html`, which extends
    `cbe_portal/programme_page.html` (presentation, the year's figures and charts, perspectives)."""
    published = publication.published_years()
    edition = publication.requested_edition(request, published)
    section = programme_section(programme, edition) if edition else None
    years = list(reversed(known_years())) if edition and edition.draft else published
    return render(
        request,
        f"{programme.value}/public.html",
        {
            "programme": programme,
            "edition": edition,
            "year": edition.year if edition else None,
            "years": years,
            "section": section,
            "has_data": bool(section) and figures.has_data({programme.value: section["figures"]}),
            **(context or {}),
        },
    )


LEGAL_PAGES = ("mentions-legales", "accessibilite", "donnees-personnelles", "plan-du-site")


@login_not_required
@require_safe
def legal(request, page):
    """The footer's pages: legal notice, accessibility statement, personal data, site map."""
    if page not in LEGAL_PAGES:
        raise Http404
    return render(request, f"cbe_portal/legal/{page}.html")


@login_not_required
@require_safe
@cache_control(max_age=86400, public=True)
def stored_file(request, name):
    """An uploaded file, with the type read from its content when it was stored: images are shown,
    anything else is downloaded, and a sandbox keeps any script in it from running on our domain."""
    stored = get_object_or_404(StoredFile.objects.defer("content"), name=name)
    content_type = stored.content_type if stored.content_type in uploads.KNOWN_TYPES else uploads.UNKNOWN
    response = StreamingHttpResponse(storage.chunks(stored), content_type=content_type)
    response["Content-Length"] = stored.size
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    filename = name.rpartition("/")[2]
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=content_type not in uploads.IMAGE_TYPES, filename=filename
    )
    return response


@login_not_required
@require_safe
@never_cache
def health(request):
    """`/sante/` for load balancers and monitoring: 200 when the database answers, else the 503 page
    every page answers while the database is out of reach (DatabaseGate answers it before this view
    once the outage is known; this view, when it is the first to meet it)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return database_unavailable(error)
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
