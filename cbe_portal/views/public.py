"""Public pages: the home page, the programme pages' common frame, stored files."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..models import StoredFile
from ..permissions import Programme


@login_not_required
@require_safe
def home(request):
    return render(request, "cbe_portal/home.html", {"programmes": Programme})


def render_programme_page(request, programme: Programme, context=None):
    """A programme's public page: `templates/<programme>/public.html`, which extends
    `cbe_portal/programme_page.html`."""
    return render(request, f"{programme.value}/public.html", {"programme": programme, **(context or {})})


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
