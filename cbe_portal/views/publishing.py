"""Coordination publishes a year's report, reopens it to correct records, and the public reads the
archive of every published version (see publication.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Length
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .. import publication
from ..models import PublishedReport
from ..permissions import Programme, can_manage_site
from ..years import known_years


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Motif de la réouverture", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text="Par exemple : « sorties de décembre saisies en retard ». Il reste dans l'historique.",
    )  # fmt: skip


def check_coordination(user) -> None:
    if not can_manage_site(user):
        raise PermissionDenied("La publication des rapports est réservée à la coordination.")


@require_safe
def publication_list(request):
    check_coordination(request.user)
    reports = {report.year: report for report in PublishedReport.objects.latest_versions().defer("pdf", "html")}
    years = [{"year": year, "report": reports.get(year)} for year in reversed(known_years())]
    return render(request, "cbe_portal/publication_list.html", {"years": years, "programmes": Programme})


@require_http_methods(["GET", "POST"])
def publication_publish(request, year):
    check_coordination(request.user)
    report = publication.current(year)
    if request.method == "POST":
        try:
            published = publication.publish(year, request.user, request)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"Le rapport {year} est publié (version {published.version}).")
        return redirect("cbe_portal:publication_list")
    return render(request, "cbe_portal/publication_publish.html", {"year": year, "report": report})


@require_http_methods(["GET", "POST"])
def publication_reopen(request, year):
    check_coordination(request.user)
    report = publication.current(year)
    if report is None or report.is_open:
        raise Http404("Cette année n'est pas publiée.")
    form = ReopenForm(request.POST or None)
    if form.is_valid():
        publication.reopen(year, request.user, form.cleaned_data["reason"])
        messages.success(request, f"L'année {year} est rouverte : ses enregistrements peuvent être corrigés.")
        return redirect("cbe_portal:publication_list")
    return render(request, "cbe_portal/publication_reopen.html", {"year": year, "report": report, "form": form})


@login_not_required
@require_safe
def report_archive(request):
    reports = PublishedReport.objects.defer("pdf", "html", "figures", "texts").annotate(pdf_size=Length("pdf"))
    return render(request, "cbe_portal/report_archive.html", {"reports": reports.order_by("-year", "-version")})
