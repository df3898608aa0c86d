"""Pickers of the shared directory: a person or an organisation chosen by typing part of its name
(static/js/combobox.js asks cbe_portal.views.lookups), among the records the field's queryset
allows. How an app uses them: docs/pickers.md."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from .models import Person

# The lookups answer from this many characters on; the widget tells the script.
LOOKUP_MIN_LENGTH = 2

BORN = {Person.Gender.FEMME: "née", Person.Gender.HOMME: "né"}


def person_label(person: Person) -> str:
    """« DUPONT Marie — Tarnos — née en 1985 »: enough to tell namesakes apart, never a login.
    Needs `commune` loaded (select_related) to stay one query for a list."""
    parts = [f"{person.last_name.upper()} {person.first_name}"]
    if person.commune_id:
        parts.append(person.commune.name)
    if person.birth_date:
        parts.append(f"{BORN.get(person.gender, 'né·e')} en {person.birth_date.year}")
    return " — ".join(parts)


def organisation_label(organisation) -> str:
    """« Otsokop — Bayonne »."""
    return f"{organisation.name} — {organisation.commune.name}" if organisation.commune_id else organisation.name


class Autocomplete(forms.Select):
    """A `<select>` holding only the chosen option(s), so that a page does not grow with the table;
    combobox.js turns it into a combobox that asks the JSON view named `lookup`. What is accepted
    is still decided by the field's queryset."""

    def __init__(self, lookup: str, attrs=None):
        super().__init__(attrs)
        self.lookup = lookup

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-combobox-url"] = reverse(self.lookup)
        attrs["data-combobox-min"] = LOOKUP_MIN_LENGTH
        return attrs

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", field.empty_label or "", False, 0))
        for obj in self.chosen(field, value):
            label = field.label_from_instance(obj)
            options.append(self.create_option(name, field.prepare_value(obj), label, True, len(options), attrs=attrs))
        return [(None, options, 0)]

    def chosen(self, field, values):
        """The records of `values` (strings from the form's data or initial) that the queryset
        holds, in one query; values that are not even keys are left out, as the field refuses them."""
        key = field.to_field_name or "pk"
        model_field = (
            field.queryset.model._meta.get_field(key) if field.to_field_name else field.queryset.model._meta.pk
        )
        keys = []
        for value in values:
            try:
                keys.append(model_field.to_python(value))
            except ValidationError:
                continue
        keys = [key_value for key_value in keys if key_value not in (None, "")]
        return field.queryset.filter(**{f"{key}__in": keys}) if keys else []


class AutocompleteMultiple(Autocomplete, forms.SelectMultiple):
    allow_multiple_selected = True


class DirectoryChoice:
    """What the four picker fields share: the widget, and `commune` fetched with the records
    because both labels show it."""

    lookup: str
    widget_class = Autocomplete

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("widget", self.widget_class(self.lookup))
        super().__init__(queryset, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else queryset.select_related("commune"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)


class PersonChoiceField(DirectoryChoice, forms.ModelChoiceField):
    """A person of `queryset`: pass `Person.objects.visible_to(user)`."""

    lookup = "cbe_portal:person_lookup"

    def label_from_instance(self, obj):
        return person_label(obj)


class PersonMultipleChoiceField(DirectoryChoice, forms.ModelMultipleChoiceField):
    lookup = "cbe_portal:person_lookup"
    widget_class = AutocompleteMultiple

    def label_from_instance(self, obj):
        return person_label(obj)


class OrganisationChoiceField(DirectoryChoice, forms.ModelChoiceField):
    """An organisation of `queryset`: pass `Organisation.objects.visible_to(user)`."""

    lookup = "cbe_portal:organisation_lookup"

    def label_from_instance(self, obj):
        return organisation_label(obj)


class OrganisationMultipleChoiceField(DirectoryChoice, forms.ModelMultipleChoiceField):
    lookup = "cbe_portal:organisation_lookup"
    widget_class = AutocompleteMultiple

    def label_from_instance(self, obj):
        return organisation_label(obj)
