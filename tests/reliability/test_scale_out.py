"""Two application servers on one database, as behind a load balancer: a person goes from one to the
other without noticing, and two people saving the same record on the two servers do not overwrite
each other. The servers read committed rows: these tests are transactional."""

import datetime
import threading

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse
from django.utils.module_loading import import_string

from cbe_portal.forms import CONCURRENT_EDIT_MESSAGE
from cbe_portal.storage import DatabaseStorage
from tests.factories import UserFactory
from tests.plie.factories import ParcoursFactory
from tests.reliability.servers import Visitor, database_url, gunicorn, new_secret_key, page_form, page_text
from tests.reliability.servers import production_env as server_env

PASSWORD = "mot-de-passe-de-test"


def test_nothing_a_server_needs_is_kept_on_its_own():
    """Sessions, the cache (figures, pages), uploads and published reports live in the database."""
    assert issubclass(import_string(f"{settings.SESSION_ENGINE}.SessionStore"), DatabaseSessionStore)
    assert all(isinstance(caches[alias], DatabaseCache) for alias in settings.CACHES)
    assert isinstance(storages["default"], DatabaseStorage)
    assert not getattr(settings, "MEDIA_ROOT", "")  # no upload ever written to a server's disk


@pytest.fixture(scope="module")
def servers(django_db_setup):
    """Two servers with one SECRET_KEY, on the test database. No static manifest: the static files
    are not what these tests are about, and `collectstatic` may not have run."""
    env = server_env(database_url(connection.settings_dict), new_secret_key(), STATIC_MANIFEST="0")
    with gunicorn(env, count=2, workers=1) as pair:
        yield pair


@pytest.mark.django_db(transaction=True)
def test_logged_in_on_one_server_a_person_carries_on_on_the_other(servers):
    first, second = servers
    user = UserFactory(roles=["plie"], first_name="Odile", last_name="Darrigrand")
    visitor = Visitor(first.port)

    answer = visitor.log_in(user.username, PASSWORD)
    assert (answer.status, answer.location) == (302, reverse("cbe_portal:dashboard")), page_text(answer)[:2000]

    visitor.port = second.port
    dashboard = visitor.get(reverse("cbe_portal:dashboard"))
    assert dashboard.status == 200 and "Odile Darrigrand" in page_text(dashboard)
    assert visitor.get(reverse("plie:parcours_list")).status == 200
    # A form of the second server, sent to the first: its CSRF token is good there too.
    logout = page_form(visitor.get(reverse("cbe_portal:dashboard")), "csrfmiddlewaretoken")
    visitor.port = first.port
    assert visitor.post(reverse("logout"), logout).status == 302
    # Logged out on the first, the session is gone on the second too.
    visitor.port = second.port
    assert visitor.get(reverse("cbe_portal:dashboard")).location == reverse("login")


def edit_form(visitor: Visitor, parcours) -> dict:
    return page_form(visitor.get(reverse("plie:parcours_edit", args=[parcours.pk])), "loaded_version")


@pytest.mark.django_db(transaction=True)
def test_two_staff_saving_the_same_pathway_on_two_servers_do_not_overwrite_each_other(servers):
    parcours = ParcoursFactory(job_seeker_since=None)
    url = reverse("plie:parcours_edit", args=[parcours.pk])
    anne, bruno = Visitor(servers[0].port, "203.0.113.1"), Visitor(servers[1].port, "203.0.113.2")
    for visitor, user in zip((anne, bruno), UserFactory.create_batch(2, roles=["plie"]), strict=True):
        assert visitor.log_in(user.username, PASSWORD).status == 302
    forms = {anne: edit_form(anne, parcours), bruno: edit_form(bruno, parcours)}

    saved = anne.post(url, {**forms[anne], "job_seeker_since": "2019-03-01"})
    refused = bruno.post(url, {**forms[bruno], "job_seeker_since": "2018-05-01"})

    assert (saved.status, saved.location) == (302, parcours.get_absolute_url())
    assert refused.status == 200 and CONCURRENT_EDIT_MESSAGE in page_text(refused)
    parcours.refresh_from_db()
    assert parcours.job_seeker_since == datetime.date(2019, 3, 1)

    # At the same instant: the row lock makes one wait for the other, which then refuses it.
    forms = {anne: edit_form(anne, parcours), bruno: edit_form(bruno, parcours)}
    dates = {anne: "2017-01-02", bruno: "2017-06-07"}
    answers = {}

    def save(visitor):
        answers[visitor] = visitor.post(url, {**forms[visitor], "job_seeker_since": dates[visitor]})

    both = [threading.Thread(target=save, args=(visitor,)) for visitor in (anne, bruno)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    statuses = sorted(answer.status for answer in answers.values())
    assert statuses == [200, 302], statuses
    winner = next(visitor for visitor, answer in answers.items() if answer.status == 302)
    loser = anne if winner is bruno else bruno
    assert CONCURRENT_EDIT_MESSAGE in page_text(answers[loser])
    parcours.refresh_from_db()
    assert parcours.job_seeker_since.isoformat() == dates[winner]
