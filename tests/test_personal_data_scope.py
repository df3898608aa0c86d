"""No page shows a programme's staff a person that only another programme follows.

Access to people is applied through `Person.objects.visible_to(user)` (docs/architecture.md); a list,
a form's choices, an export or a lookup that starts from `Person.objects` instead leaks them. This
test does not know the pages: it follows one person through each relation a programme declares in
its AppConfig's `person_relations`, then requests, as each programme's editor, every page the
permission matrix opens to that role, with and without a search for those people."""

import re
from importlib import import_module, util

import factory
import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from cbe_portal.models import Person
from tests.permission_matrix import OK, PROGRAMMES, every_row

# Every followed person's last name starts with it: `?q=Zorglub` finds them all in any list.
SURNAME = "Zorglub"
TEXT_TYPES = ("text/", "application/json", "application/javascript")


def factories_by_model() -> dict[type, type]:
    """The factories of tests/factories.py and tests/<app>/factories.py, by model: the one named
    after its model when there are several (variants and subclasses come after)."""
    modules = ["tests.factories"] + [f"tests.{app}.factories" for app in PROGRAMMES]
    found: dict[type, list[type]] = {}
    for name in modules:
        if util.find_spec(name) is None:
            continue
        for value in vars(import_module(name)).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.get_model_class()
                if model is not None and value not in found.setdefault(model, []):
                    found[model].append(value)
    return {
        model: next((f for f in candidates if f.__name__ == f"{model.__name__}Factory"), candidates[0])
        for model, candidates in found.items()
    }


def follow(person: Person, relation: str, factories: dict[type, type]) -> None:
    """Create one record of `relation` (a reverse relation of Person) that points to `person`."""
    rel = Person._meta.get_field(relation)

    def make(model, **kwargs):
        assert model in factories, f"no factory for {model.__name__}, needed to follow a person by {relation}"
        return factories[model](**kwargs)

    if not rel.many_to_many:
        make(rel.related_model, **{rel.field.name: person})
        return
    record = make(rel.related_model)
    through = rel.through
    if through._meta.auto_created:
        getattr(record, rel.field.name).add(person)
    else:  # a through model of the app's own, maybe with fields of its own: its factory fills them
        make(through, **{rel.field.m2m_field_name(): record, rel.field.m2m_reverse_field_name(): person})


def followed_people() -> dict[str, list[str]]:
    """One person per relation, followed by that relation's programme only: {programme: names}."""
    factories = factories_by_model()
    names: dict[str, list[str]] = {}
    for config in apps.get_app_configs():
        programme = getattr(config, "programme", None)
        for relation in getattr(config, "person_relations", ()):
            name = SURNAME + re.sub(r"[^a-z]", "", relation.lower())
            follow(Person.objects.create(first_name="Zéphyrine", last_name=name), relation, factories)
            names.setdefault(str(programme), []).append(name)
    return names


def text_of(response) -> str:
    if not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return ""  # a PDF or an image: nothing to read in it
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(response.charset or "utf-8", errors="replace")


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_a_programme_never_sees_the_people_of_another(client_as, programme):
    names = followed_people()
    assert names, "no programme declares person_relations: nothing to check"
    others = [name for owner, owned in names.items() if owner != programme for name in owned]
    own = names.get(programme, [])
    leaked = re.compile(r"\b(" + "|".join(others) + r")\b", re.IGNORECASE)
    client = client_as(programme)
    # The public figures, computed once here rather than for each page under a rolled-back savepoint.
    client.get(reverse("cbe_portal:home"))
    leaks, seen_own, pages = {}, False, 0
    for row in every_row():
        if row.expect(programme) != OK:
            continue
        # Each row's records in a savepoint rolled back after it: rows expect a database of their own
        # (two rows may publish the same year).
        with transaction.atomic():
            url = reverse(row.url_name, kwargs=row.kwargs())
            for query in ({}, {"q": SURNAME}):
                text = text_of(client.get(url, query))
                if found := sorted({match.lower() for match in leaked.findall(text)}):
                    leaks[f"{row.url_name}{'?q=' if query else ''}"] = found
                seen_own = seen_own or any(name.lower() in text.lower() for name in own)
                pages += 1
                if 'name="q"' not in text and not text.startswith(("{", "[")):
                    break  # no search form (nor a lookup's JSON): `?q=` would change nothing
            transaction.set_rollback(True)
    assert not leaks, f"pages showing {programme} staff the people of other programmes: {leaks}"
    assert pages, f"no page is open to {programme} staff in the matrix"
    # Not a vacuous pass: the pages that list people do show the programme's own.
    assert seen_own or not own, f"no page showed {programme} staff its own people {own}"
