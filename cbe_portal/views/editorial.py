"""Coordination writes the editorial texts of the public pages and the yearly report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from ..forms import ConcurrentEditForm
from ..models import EditorialText
from ..permissions import can_manage_site
from ..years import known_years


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
        for year in reversed(known_years())
    ]
    return render(request, "cbe_portal/editorial_list.html", {"years": years})


@require_http_methods(["GET", "POST"])
@transaction.atomic
def editorial_edit(request, year, section):
    _check(request.user)
    if section not in EditorialText.Section.values:
        raise Http404
    text = EditorialText.objects.filter(year=year, section=section).first()
    text = text or EditorialText(year=year, section=section)
    form = EditorialTextForm(request.POST or None, instance=text)
    if form.is_valid():
        form.save()
        messages.success(request, f"Le texte « {text} » est enregistré.")
        return redirect("cbe_portal:editorial_list")
    return render(request, "cbe_portal/editorial_form.html", {"form": form, "text": text})
