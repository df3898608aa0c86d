"""Importing spreadsheets from the staff space: choose a format, download its template, send a file,
read the preview (what would be created, updated, left alone, and every bad cell), apply it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import imports
from ..models import PendingImport
from ..permissions import can_import


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV ou XLSX", help_text="20 Mo au plus. La première ligne porte les en-têtes."
    )


def allowed_format(user, name: str) -> imports.Format:
    fmt = imports.formats().get(name)
    if fmt is None:
        raise Http404("Ce format n'existe pas.")
    if not can_import(user, fmt.programme):
        raise PermissionDenied("Votre rôle ne permet pas d'importer ce type de fichier.")
    return fmt


@require_safe
def import_list(request):
    formats = [fmt for fmt in imports.formats().values() if can_import(request.user, fmt.programme)]
    if not formats:
        raise PermissionDenied("Votre rôle ne permet pas d'importer de fichiers.")
    return render(request, "cbe_portal/import_list.html", {"formats": formats})


@require_safe
def import_template(request, name):
    fmt = allowed_format(request.user, name)
    response = HttpResponse(fmt.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="modele-{fmt.name}.csv"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request, name):
    """The format's page: send a file, read its preview; `?suivi=<pk>`: a large file's progress, then
    its preview or its result."""
    fmt = allowed_format(request.user, name)
    if request.method == "GET" and "suivi" in request.GET:
        return import_status(request, fmt)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = pending = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(imports.MAX_BYTES + 1)
        try:
            lines = imports.line_count(content, upload.name)
            if imports.in_background(lines):
                pending = PendingImport.objects.create(
                    format=fmt.name, filename=upload.name, content=content, created_by=request.user, lines=lines
                )
                imports.start_in_background(pending, dry_run=True)
                return redirect(status_url(pending))
            result = imports.run(fmt, content, upload.name, request.user, dry_run=True)
        except imports.FileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                pending = PendingImport.objects.create(
                    format=fmt.name, filename=upload.name, content=content, created_by=request.user, lines=lines
                )
    context = {"format": fmt, "form": form, "result": result, "pending": pending}
    return render(request, "cbe_portal/import_form.html", context)


def import_status(request, fmt):
    pk = request.GET["suivi"]
    if not pk.isdigit():
        raise Http404("Cet import n'existe pas.")
    pending = get_object_or_404(
        PendingImport.objects.defer("content"), pk=pk, format=fmt.name, created_by=request.user
    )
    pending.interrupt_if_silent()
    result = imports.Result.from_dict(pending.result) if pending.result else None
    context = {"format": fmt, "form": ImportForm(), "result": result, "pending": pending}
    return render(request, "cbe_portal/import_form.html", context)


def status_url(pending) -> str:
    return f"{reverse('cbe_portal:import_upload', args=[pending.format])}?suivi={pending.pk}"


@require_POST
def import_apply(request, pk):
    pending = get_object_or_404(PendingImport, pk=pk, created_by=request.user, status=PendingImport.Status.CHECKED)
    fmt = allowed_format(request.user, pending.format)
    if imports.in_background(pending.lines):
        imports.start_in_background(pending, dry_run=False)
        return redirect(status_url(pending))
    result = imports.run(fmt, bytes(pending.content), pending.filename, request.user, dry_run=False)
    pending.delete()
    if result.ok:
        messages.success(request, f"« {pending.filename} » est importé : {summary(result.counts)}.")
    else:  # the records changed since the preview: nothing was written
        messages.error(
            request, "Les données ont changé depuis la vérification : rien n'est importé, vérifiez à nouveau."
        )
    return redirect("cbe_portal:import_list")


def summary(counts: dict) -> str:
    return f"{counts['created']} créé(s), {counts['updated']} mis à jour, {counts['unchanged']} inchangé(s)"
