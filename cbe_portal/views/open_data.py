"""Open data: every programme's figures of a year as JSON and CSV, and the page documenting them."""

import csv

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .. import figures
from ..open_data import KEYS, scalar_rows
from ..permissions import Programme
from ..years import known_years


def _document(year: int) -> dict:
    if year not in known_years():
        raise Http404("Aucune donnée pour cette année.")
    return figures.open_data(year)


@login_not_required
@require_safe
def open_data_index(request):
    sections = [{"programme": programme, "keys": KEYS[programme.value]} for programme in Programme]
    return render(request, "cbe_portal/open_data.html", {"years": known_years(), "sections": sections})


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def open_data_json(request, year):
    response = JsonResponse(_document(year), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def open_data_csv(request, year):
    document = _document(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cbe-seignanx-chiffres-{year}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.writer(response)
    writer.writerow(["annee", "programme", "cle", "valeur"])
    for programme, key, value in scalar_rows({k: v for k, v in document.items() if k != "annee"}):
        writer.writerow([year, programme, key, "" if value is None else value])
    return response
