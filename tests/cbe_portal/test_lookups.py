import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cbe_portal.forms import MergeForm
from cbe_portal.models import Person
from cbe_portal.widgets import PersonChoiceField
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.gpect.factories import MatchFactory

PEOPLE = reverse("cbe_portal:person_lookup")
ORGANISATIONS = reverse("cbe_portal:organisation_lookup")


def labels(response) -> list[str]:
    assert response.status_code == 200
    return [result["label"] for result in response.json()["results"]]


def ondres():
    return CommuneFactory(insee_code="40212", name="Ondres", postal_code="40440")


def test_namesakes_are_told_apart_by_commune_and_birth_year(client_as):
    PersonFactory(first_name="Marie", last_name="Dupont", birth_date=datetime.date(1985, 3, 2))
    PersonFactory(first_name="Marie", last_name="Dupont", birth_date=datetime.date(1991, 7, 9), commune=ondres())
    PersonFactory(first_name="Marc", last_name="Dupont", gender="M", birth_date=None, commune=None)
    response = client_as("plie").get(PEOPLE, {"q": "dupont"})
    assert labels(response) == [
        "DUPONT Marc",
        "DUPONT Marie — Tarnos — née en 1985",
        "DUPONT Marie — Ondres — née en 1991",
    ]
    assert set(response.json()["results"][0]) == {"id", "label"}


def test_the_label_never_shows_a_login(client_as):
    UserFactory(username="ietcheverry", person=PersonFactory(first_name="Inès", last_name="Etcheverry"))
    assert labels(client_as("plie").get(PEOPLE, {"q": "etch"})) == ["ETCHEVERRY Inès — Tarnos"]


def test_search_is_accent_and_case_insensitive(client_as):
    PersonFactory(first_name="Hélène", last_name="Dupré")
    OrganisationFactory(name="Économie Solidaire", commune=ondres())
    client = client_as("gpect")
    assert labels(client.get(PEOPLE, {"q": "HELENE dupre"})) == ["DUPRÉ Hélène — Tarnos"]
    assert labels(client.get(ORGANISATIONS, {"q": "economie"})) == ["Économie Solidaire — Ondres"]


def test_fewer_than_two_characters_find_nothing(client_as, django_assert_num_queries):
    PersonFactory(first_name="Zoé", last_name="Zubiri")
    client = client_as("coordination")
    with django_assert_num_queries(3):  # session, user, roles: no search for one letter
        assert labels(client.get(PEOPLE, {"q": " z "})) == []
    assert labels(client.get(PEOPLE, {"q": "zu"})) == ["ZUBIRI Zoé — Tarnos"]


def test_a_programme_does_not_find_another_programmes_people(client_as):
    MatchFactory(person=PersonFactory(first_name="Jon", last_name="Garat"))  # followed by the GPECT only
    PersonFactory(first_name="Ane", last_name="Garat")  # followed by nobody: every staff member sees her
    assert labels(client_as("plie").get(PEOPLE, {"q": "garat"})) == ["GARAT Ane — Tarnos"]
    assert labels(client_as("gpect-lecture").get(PEOPLE, {"q": "garat"})) == [
        "GARAT Ane — Tarnos",
        "GARAT Jon — Tarnos",
    ]
    assert len(labels(client_as("coordination").get(PEOPLE, {"q": "garat"}))) == 2


def test_at_most_twenty_results(client_as):
    OrganisationFactory.create_batch(25, name="Atelier")
    assert len(labels(client_as("circuits").get(ORGANISATIONS, {"q": "atelier"}))) == 20


@pytest.mark.parametrize("url", [PEOPLE, ORGANISATIONS])
def test_anonymous_goes_to_login_and_partners_are_refused(client_as, url):
    response = client_as("anonyme").get(url, {"q": "du"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client_as("partenaire").get(url, {"q": "du"}).status_code == 403
    assert client_as("membre").get(url, {"q": "du"}).status_code == 403


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow_with_the_data(client_as, django_assert_num_queries, size):
    for number in range(size):
        MatchFactory(person=PersonFactory(last_name=f"Durand{number}"))
        OrganisationFactory(name=f"Durance {number}")
    client = client_as("gpect")
    with django_assert_num_queries(4):  # session, user, roles, people with their commune
        assert len(labels(client.get(PEOPLE, {"q": "dur"}))) == size
    with django_assert_num_queries(4):  # session, user, roles, organisations with their commune
        assert len(labels(client.get(ORGANISATIONS, {"q": "dur"}))) == size


def test_the_widget_renders_only_the_chosen_person(django_assert_num_queries):
    PersonFactory.create_batch(5)
    chosen = PersonFactory(first_name="Marie", last_name="Dupont", birth_date=datetime.date(1985, 3, 2))
    field = PersonChoiceField(Person.objects.all(), required=False)
    with django_assert_num_queries(1):  # the chosen person with her commune
        html = field.widget.render("person", chosen.pk)
    assert html.count("<option") == 2  # the empty choice and Marie Dupont
    assert "selected>DUPONT Marie — Tarnos — née en 1985</option>" in html
    assert f'data-combobox-url="{PEOPLE}"' in html
    with django_assert_num_queries(0):
        assert field.widget.render("person", "pas-un-nombre").count("<option") == 1


def test_the_field_accepts_only_its_queryset():
    visible, hidden = PersonFactory(), PersonFactory()
    field = PersonChoiceField(Person.objects.exclude(pk=hidden.pk))
    assert field.clean(str(visible.pk)) == visible
    with pytest.raises(ValidationError, match="Sélectionnez un choix valide"):
        field.clean(str(hidden.pk))


def test_the_merge_form_picks_the_duplicate_by_typing():
    kept = PersonFactory(first_name="Marie", last_name="Dupont")
    other = PersonFactory(first_name="Marie", last_name="Dupont", commune=ondres())
    form = MergeForm({"other": other.pk}, kept=kept)
    assert 'data-combobox-url="/espace/recherche/personnes/"' in str(form["other"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["other"] == other
    assert not MergeForm({"other": kept.pk}, kept=kept).is_valid()
    organisation = OrganisationFactory()
    assert ORGANISATIONS in str(MergeForm(kept=organisation)["other"])
