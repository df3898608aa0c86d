"""Coordination writes the editorial texts of the public pages and the yearly report."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from .. import figures
from ..forms import ConcurrentEditForm
from ..models import EditorialText
from ..permissions import can_manage_site
from .pages import form_data, save_form


class EditorialTextForm(ConcurrentEditForm):
    class Meta:
        model = EditorialText
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


def _check(user):
    if not can_manage_site(user):
        raise PermissionDenied("Les textes sont rédigés par la coordination.")


@require_safe
def editorial_list(request):
    _check(request.user)
    written = set(EditorialText.objects.values_list("year", "section"))
    years = [
        {
            "year": year,
            "sections": [(section, (year, section.value) in written) for section in EditorialText.Section],
        }
        for year in reversed(figures.known_years())
    ]
    return render(request, "cbe_portal/editorial_list.html", {"years": years})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def editorial_edit(request, year, section):
    _check(request.user)
    if year not in figures.known_years() or section not in EditorialText.Section.values:
        raise Http404
    text = EditorialText.objects.filter(year=year, section=section).first()
    text = text or EditorialText(year=year, section=section)
    form = EditorialTextForm(*form_data(request), instance=text)
    return save_form(
        request, form, "cbe_portal/editorial_form.html", {"text": text},
        "Le texte « {} » est enregistré.", "cbe_portal:editorial_list",
    )  # fmt: skip
