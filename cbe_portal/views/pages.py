"""The steps that every staff page repeats: paginate a list, search it, read the year asked for,
bind a form on POST, and the save-or-show-errors end of a create/edit page."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..forms import SearchForm

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page of `queryset` asked for in `?page=` (the last one past the end, the first one if invalid)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def apply_search(request: HttpRequest, queryset: QuerySet) -> tuple[SearchForm, QuerySet]:
    """The search form of `?q=` and `queryset` narrowed by `queryset.search(q)` when there is a `q`."""
    search = SearchForm(request.GET)
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.search(search.cleaned_data["q"])
    return search, queryset


def form_data(request: HttpRequest) -> tuple:
    """`(data, files)` for a form, to pass as `Form(*form_data(request), ...)`: bound on POST, even to
    an empty body (so that a blank submission shows the required-field errors), unbound on GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def year_from(request: HttpRequest, default: int, first: int | None = None, last: int | None = None) -> int:
    """The year asked for in `?annee=`; `default` when it is missing, not a whole number, or outside
    `first`–`last` (bounds included, each optional)."""
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        return default
    if (first is not None and year < first) or (last is not None and year > last):
        return default
    return year


def save_form(
    request: HttpRequest,
    form,
    template: str,
    context: dict,
    message: str,
    redirect_to: Model | str | None = None,
) -> HttpResponse:
    """The end of a create/edit page. On a POST with a valid form: save it, flash `message` (its `{}`
    is the saved record) and redirect to `redirect_to` (a record, URL name or URL), by default the
    saved record's page. Otherwise render `template` with the form (and its errors) and `context`."""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, message.format(saved))
        return redirect(redirect_to or saved)
    return render(request, template, {"form": form, **context})
