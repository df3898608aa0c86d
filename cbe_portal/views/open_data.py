"""Open data: every programme's published figures of a year as JSON and CSV, and the page documenting
them. A year exists here once published; coordination gets the draft with `?brouillon=1`."""

import csv
import io
import json

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .. import disclosure, publication
from ..models import PublishedReport
from ..open_data import KEYS, LISTS, scalar_rows
from ..permissions import Programme

DECIMALS = 4  # shares and growth ratios are rounded to four decimals in the files
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
METADATA = ("annee", "licence", "source")


def _document(request, year: int) -> dict:
    """The published document of `year` (`?version=N` for an earlier one), or the draft's."""
    edition = publication.edition_for(request, year)
    version = request.GET.get("version", "")
    if edition.report and version.isdigit():
        report = PublishedReport.objects.filter(year=year, version=int(version)).first()
        if report is None:
            raise Http404("Cette version n'existe pas.")
        return _document_of(report)
    return _document_of(edition)


def _document_of(snapshot) -> dict:
    """An open-data file's document: the figures without masked rows, with the licence."""
    return {**disclosure.for_open_data(snapshot.figures), "licence": LICENCE["title"], "source": "CBE du Seignanx"}


@login_not_required
@require_safe
def open_data_index(request):
    sections = [
        {"programme": programme, "keys": KEYS[programme.value] + LISTS[programme.value]} for programme in Programme
    ]
    years = [{"year": year, "files": year_files(year)} for year in publication.published_years()]
    context = {"years": years, "sections": sections, "licence": LICENCE}
    return render(request, "cbe_portal/open_data.html", context)


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def open_data_json(request, year):
    response = HttpResponse(json_content(_document(request, year)), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


CSV_URLS = {False: "cbe_portal:open_data_csv", True: "cbe_portal:open_data_csv_fr"}


def year_files(year: int) -> list[tuple[str, str, int]]:
    """(label, URL, size in bytes) of a published year's files, for the index's links."""
    document = _document_of(publication.current(year))
    return [
        ("JSON", reverse("cbe_portal:open_data_json", args=[year]), len(json_content(document).encode())),
        *(
            (label, reverse(CSV_URLS[french], args=[year]), len(csv_content(year, document, french).encode()))
            for label, french in (("CSV", False), ("CSV pour tableur français", True))
        ),
    ]


def json_content(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1)


def csv_rows(year: int, document: dict, french: bool):
    for programme, key, value in scalar_rows({k: v for k, v in document.items() if k not in METADATA}):
        if isinstance(value, float):
            value = round(value, DECIMALS)
            value = str(value).replace(".", ",") if french else value
        yield [year, programme, key, "" if value is None else value]


def csv_content(year: int, document: dict, french: bool) -> str:
    """The CSV of a year: international (`,` and decimal point) or French (`;`, decimal comma, BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(["annee", "programme", "cle", "valeur"])
    writer.writerows(csv_rows(year, document, french))
    return ("\ufeff" if french else "") + buffer.getvalue()


def csv_response(request, year: int, french: bool) -> HttpResponse:
    suffix = "-fr" if french else ""
    response = HttpResponse(
        csv_content(year, _document(request, year), french), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="cbe-seignanx-chiffres-{year}{suffix}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def open_data_csv(request, year):
    return csv_response(request, year, french=False)


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def open_data_csv_fr(request, year):
    return csv_response(request, year, french=True)


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def datapackage(request):
    """A Frictionless data package describing every published year's CSV files."""
    fields = [
        {"name": "annee", "type": "integer", "title": "Année"},
        {"name": "programme", "type": "string", "title": "Programme", "constraints": {"enum": Programme.values}},
        {"name": "cle", "type": "string", "title": "Clé (voir /donnees/)"},
    ]
    value = {"name": "valeur", "type": "number", "title": f"Valeur (parts de 0 à 1, à {DECIMALS} décimales)"}
    resources = [
        {
            "name": f"cbe-seignanx-chiffres-{year}{'-fr' if french else ''}",
            "path": request.build_absolute_uri(reverse(CSV_URLS[french], args=[year])),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig" if french else "utf-8",
            "dialect": {"delimiter": ";" if french else ","},
            "schema": {"fields": [*fields, {**value, "decimalChar": "," if french else "."}]},
        }
        for year in publication.published_years()
        for french in (False, True)
    ]
    package = {
        "name": "cbe-seignanx-chiffres",
        "title": "Chiffres annuels du Comité de Bassin d'Emploi du Seignanx",
        "description": "Les chiffres publiés de chaque programme du CBE du Seignanx, année par année.",
        "licenses": [LICENCE],
        "sources": [{"title": "CBE du Seignanx", "path": request.build_absolute_uri(reverse("cbe_portal:open_data"))}],
        "resources": resources,
    }
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
