"""Template filters for French figures, and the way back to a staff list, available in every
template (a builtin)."""

from django import template
from django.urls import reverse
from django.utils.formats import number_format

register = template.Library()

NBSP = "\u00a0"


@register.filter
def percent(ratio, decimals=0):
    """0.6207 → « 62 % » (French spacing); None → « — »."""
    if ratio is None or ratio == "":
        return "—"
    return f"{number(float(ratio) * 100, decimals)}{NBSP}%"


@register.filter
def number(value, decimals=0):
    """8264 → « 8 264 »; None → « — »."""
    if value is None or value == "":
        return "—"
    # Rounded first: number_format truncates (0.389 would print « 38 % »).
    return number_format(round(value, int(decimals)), int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def evolution(ratio):
    """A growth ratio: 0.2 → « +20 % », -0.05 → « −5 % »."""
    if ratio is None:
        return "—"
    percent = round(float(ratio) * 100)
    sign = "+" if percent > 0 else "−" if percent < 0 else ""  # −0.4 % is « 0 % », never « −0 % »
    return f"{sign}{number(abs(percent))}{NBSP}%"


@register.filter
def editorial(text):
    """An editorial text's light formatting, rendered safely (see cbe_portal.editorial)."""
    from cbe_portal.editorial import render

    return render(getattr(text, "body", text))


@register.filter
def figure(value, kind):
    """A figure formatted by its open-data kind: count, share, euros or evolution."""
    if kind == "share":
        return percent(value)
    if kind == "evolution":
        return evolution(value)
    if kind == "euros" and value is not None:
        if value >= 1_000_000:
            return f"{number(value / 1_000_000, 1 if value % 1_000_000 else 0)}{NBSP}M€"
        return f"{number(value)}{NBSP}€"
    return number(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, sorting, key, label):
    """A list's column header that sorts by `key` (see views.pages.apply_sort): a link that keeps
    the other parameters, goes back to page 1 and flips the order, with `aria-sort` on the active
    column."""
    active = sorting is not None and sorting.key == key
    descending = active and sorting.descending
    return {
        "request": context["request"],
        "label": label,
        "active": active,
        "aria_sort": ("descending" if descending else "ascending") if active else None,
        "next": key if descending or not active else f"-{key}",
    }


@register.filter
def verbose_name(record):
    """A record's kind as its model names it (« entretien »)."""
    return record._meta.verbose_name


@register.filter
def error_summary(form):
    """A refused form's errors in the order of its fields, for the summary at its top
    (templates/bootstrap5/errors.html): `anchor` is the id of the field to go to ("" for the
    form's own errors and hidden fields), `label` its label."""
    errors = [{"anchor": "", "label": "", "message": message} for message in form.non_field_errors()]
    for field in form:
        visible = not field.is_hidden
        for message in field.errors:
            if visible:
                errors.append({"anchor": field.id_for_label, "label": field.label, "message": message})
            else:
                errors.append({"anchor": "", "label": "", "message": message})
    return errors


@register.simple_tag(takes_context=True)
def list_url(context, name: str, *args) -> str:
    """The staff list `name`, with the search, filters, sort and page it was last left with
    (`views.pages.remember_list`): the breadcrumb's way back from one of its records."""
    from ..views.pages import list_key

    url = reverse(name, args=args)
    request = context.get("request")
    query = request.session.get(list_key(url), "") if request and hasattr(request, "session") else ""
    return f"{url}?{query}" if query else url
