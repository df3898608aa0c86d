"""The JSON lookups behind the pickers (cbe_portal.widgets, static/js/combobox.js): the first
records matching `?q=` among those the user may see, as `{"results": [{"id": …, "label": …}]}`."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..forms import SearchForm
from ..models import Organisation, Person
from ..permissions import check_directory
from ..widgets import LOOKUP_MIN_LENGTH, organisation_label, person_label

MAX_RESULTS = 20


def lookup_response(request, queryset, label) -> JsonResponse:
    search = SearchForm(request.GET)
    text = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if len(text) < LOOKUP_MIN_LENGTH:
        return JsonResponse({"results": []})
    found = queryset.search(text).select_related("commune").order_by(*queryset.model._meta.ordering, "pk")
    return JsonResponse({"results": [{"id": obj.pk, "label": label(obj)} for obj in found[:MAX_RESULTS]]})


@require_safe
@never_cache  # names and birth years: no copy in a shared cache
def person_lookup(request):
    check_directory(request.user)
    return lookup_response(request, Person.objects.visible_to(request.user), person_label)


@require_safe
@never_cache
def organisation_lookup(request):
    check_directory(request.user)
    return lookup_response(request, Organisation.objects.visible_to(request.user), organisation_label)
