"""What every staff list does the same way: search it, sort it, cut it into pages. Forms, saving
and redirects are plain Django in each view (see docs/architecture.md)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from ..forms import SearchForm

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page of `queryset` asked for in `?page=` (the last one past the end, the first one if invalid)."""
    remember_list(request)
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def remember_list(request: HttpRequest) -> None:
    """The list's search, filters, sort and page, kept in the session of who is logged in: the way
    back from one of its records (`{% list_url %}` in the breadcrumb) finds the list as it was left."""
    if not request.user.is_authenticated:
        return
    query = request.GET.copy()
    query.pop("export", None)
    key, value = list_key(request.path), query.urlencode()
    if request.session.get(key, "") != value:  # unchanged, the session is not written again
        request.session[key] = value


def list_key(path: str) -> str:
    return f"list:{path}"


def apply_search(request: HttpRequest, queryset: QuerySet) -> tuple[SearchForm, QuerySet]:
    """The search form of `?q=` and `queryset` narrowed by `queryset.search(q)` when there is a `q`."""
    search = SearchForm(request.GET)
    if search.is_valid() and search.cleaned_data["q"]:
        queryset = queryset.search(search.cleaned_data["q"])
    return search, queryset


@dataclass(frozen=True)
class Sorting:
    """The sort order of a list, as `?tri=` writes it: a column key, `-` first for descending."""

    value: str

    @property
    def key(self) -> str:
        return self.value.removeprefix("-")

    @property
    def descending(self) -> bool:
        return self.value.startswith("-")


def apply_sort(
    request: HttpRequest, queryset: QuerySet, columns: dict[str, tuple[str, ...]], default: str
) -> tuple[Sorting, QuerySet]:
    """`queryset` ordered by the column asked for in `?tri=` (a key of `columns`, each naming the
    fields it orders by; `-key` for descending), else by `default`; `pk` last so that pages never
    overlap. An index should match each column's order (see docs/architecture.md)."""
    sorting = Sorting(request.GET.get("tri", default))
    if sorting.key not in columns:
        sorting = Sorting(default)
    sign = "-" if sorting.descending else ""
    fields = [f"{sign}{field}" for field in (*columns[sorting.key], "pk")]
    return sorting, queryset.order_by(*fields)
