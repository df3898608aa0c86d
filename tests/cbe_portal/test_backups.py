"""A backup and its restore give back the same records, files and published reports."""

import pytest
from django.core.management import call_command

from cbe_portal.models import Person, PublishedReport, StoredFile
from tests.factories import PersonFactory, UserFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_gives_the_same_records(tmp_path):
    from cbe_portal import publication

    PersonFactory(last_name="Sauvegardée")
    StoredFile.objects.create(name="logos/x.png", content=b"\x89PNG-bytes", size=10, content_type="image/png")
    publication.publish(2019, UserFactory(), build_pdf=False)
    before = (list(Person.objects.values_list("last_name", flat=True)), bytes(StoredFile.objects.get().content))
    path = tmp_path / "cbe.dump"
    call_command("backup", str(path))
    assert path.stat().st_size > 0

    Person.objects.all().delete()
    StoredFile.objects.all().delete()
    PublishedReport.objects.all().delete()
    call_command("restore", str(path), "--yes")

    after = (list(Person.objects.values_list("last_name", flat=True)), bytes(StoredFile.objects.get().content))
    assert after == before
    assert PublishedReport.objects.get().year == 2019
