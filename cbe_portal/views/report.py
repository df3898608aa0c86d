"""The yearly activity report, as a web page and as an A4 PDF (WeasyPrint) of the same content. A
published year is served from its snapshot (publication.py): the stored body and the stored PDF,
never rebuilt for a visitor. Coordination previews any year as a draft with `?brouillon=1`."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .. import figures, publication, registry
from ..models import EditorialText
from ..permissions import Programme
from ..sections import sections


def report_body_context(request, year: int, edition) -> dict:
    """What the report's body shows of an edition (publication.Edition)."""
    return {
        "year": year,
        "edition": edition,
        "has_data": figures.has_data({k: v for k, v in edition.figures.items() if k != "annee"}),
        "president": edition.texts.get(EditorialText.Section.PRESIDENT),
        "partners": edition.texts.get(EditorialText.Section.PARTENAIRES),
        "sections": sections(Programme, edition),
        "partner_pieces": registry.pieces(registry.REPORT_PARTNERS, request, year=year),
        "appendices": registry.pieces(registry.REPORT_APPENDICES, request, year=year),
    }


def report_body(request, edition) -> str:
    """The published body as stored, or the draft's rendered now."""
    if edition.report:
        return mark_safe(edition.report.html)
    context = report_body_context(request, edition.year, edition)
    return render_to_string("cbe_portal/report.html#report_body", context, request)


@login_not_required
@require_safe
def report_latest(request):
    """`/rapport/`: the latest published report."""
    years = publication.published_years()
    if not years:
        raise Http404("Aucun rapport n'est encore publié.")
    return report(request, years[0])


@login_not_required
@require_safe
def report(request, year):
    edition = publication.edition_for(request, year)
    return render(
        request, "cbe_portal/report.html", {"year": year, "edition": edition, "body": report_body(request, edition)}
    )


@login_not_required
@require_safe
def report_pdf(request, year):
    edition = publication.edition_for(request, year)
    version = request.GET.get("version", "")
    if edition.report and version.isdigit():
        report = edition.report.__class__.objects.filter(year=year, version=int(version)).first()
        if report is None:
            raise Http404("Cette version n'existe pas.")
        pdf = publication.pdf_of(report)
    elif edition.report:
        pdf = publication.pdf_of(edition.report)
    else:
        pdf = render_pdf(report_body(request, edition), year)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-activite-cbe-seignanx-{year}.pdf"'
    return response


def render_pdf(body: str, year: int) -> bytes:
    # Imported here: WeasyPrint loads Pango, which only the PDF needs.
    from weasyprint import CSS, HTML

    html = render_to_string("cbe_portal/report_pdf.html", {"year": year, "body": mark_safe(body)})
    with open(finders.find("css/report-print.css"), encoding="utf-8") as stylesheet:
        css = CSS(string=stylesheet.read())
    # Everything is in the HTML (the charts are inline SVG) and the stylesheet: nothing to fetch.
    # PDF/UA-1: tagged (headings, lists, tables, figures with their text), in French, with its title.
    return HTML(string=html).write_pdf(stylesheets=[css], pdf_variant="pdf/ua-1")
