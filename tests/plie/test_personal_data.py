"""Who reads a participant's file is recorded; a person still followed is never anonymised."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cbe_portal import gdpr
from cbe_portal.models import AccessLog, Person

from .factories import ParcoursFactory, exit_type


def test_reading_a_pathway_is_recorded_once_and_correcting_it_is_not(client_as):
    parcours = ParcoursFactory()
    reader = client_as("plie-lecture")
    assert reader.get(parcours.get_absolute_url()).status_code == 200
    log = AccessLog.objects.get()
    assert (log.person, log.action, log.what) == (parcours.person, "view", f"parcours n° {parcours.pk}")
    assert log.user.groups.get().name == "plie-lecture"
    client_as("plie").get(reverse("plie:parcours_edit", args=[parcours.pk]))
    assert AccessLog.objects.count() == 1


def test_a_pathway_still_open_keeps_its_person_from_anonymisation():
    today = timezone.localdate()
    long_ago = today.replace(year=today.year - 6)
    still_followed = ParcoursFactory(entry_date=long_ago).person
    gone = ParcoursFactory(entry_date=long_ago, exit_date=long_ago.replace(year=long_ago.year + 1),
                           exit_type=exit_type("autre")).person  # fmt: skip
    Person.objects.update(created_at=timezone.now() - datetime.timedelta(days=3000))
    assert list(gdpr.people_to_anonymise()) == [gone]
    assert still_followed not in gdpr.people_to_anonymise()
