"""The yearly activity report, assembled from the editorial texts and every programme's figures,
as a web page and as an A4 PDF (WeasyPrint) of the same content."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from .. import figures, registry
from ..models import EditorialText
from ..permissions import Programme
from ..sections import sections
from ..years import known_years, latest_complete_year


def report_context(request, year: int) -> dict:
    if year not in known_years():
        raise Http404("Aucun rapport pour cette année.")
    texts = EditorialText.objects.for_year(year)
    return {
        "year": year,
        "has_data": figures.has_data(figures.for_year(year)),
        "president": texts.get(EditorialText.Section.PRESIDENT),
        "partners": texts.get(EditorialText.Section.PARTENAIRES),
        "sections": sections(Programme, year, texts),
        "partner_pieces": registry.pieces(registry.REPORT_PARTNERS, request, year=year),
        "appendices": registry.pieces(registry.REPORT_APPENDICES, request, year=year),
    }


@login_not_required
@require_safe
def report_latest(request):
    return redirect("cbe_portal:report", latest_complete_year())


@login_not_required
@require_safe
def report(request, year):
    return render(request, "cbe_portal/report.html", report_context(request, year))


@login_not_required
@require_safe
def report_pdf(request, year):
    context = report_context(request, year)
    key = f"report-pdf:{figures.cache_version()}:{year}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(render_to_string("cbe_portal/report_pdf.html", context, request=request))
        cache.set(key, pdf, 24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rapport-activite-cbe-seignanx-{year}.pdf"'
    return response


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango, which only the PDF needs.
    from weasyprint import CSS, HTML

    with open(finders.find("css/report-print.css"), encoding="utf-8") as stylesheet:
        css = CSS(string=stylesheet.read())
    # Everything is in the HTML (the charts are inline SVG) and the stylesheet: nothing to fetch.
    return HTML(string=html).write_pdf(stylesheets=[css])
