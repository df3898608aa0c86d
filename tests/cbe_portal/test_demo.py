from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from cbe_portal.demo import DEMO_PASSWORD
from cbe_portal.models import User
from cbe_portal.permissions import Role


def test_demo_accounts_are_created_once_and_can_log_in(loaded_demo, client):
    output = StringIO()
    call_command("demo", "--no-serve", stdout=output)  # a second time
    assert "plie-lecture" in output.getvalue()
    # One account per role, not duplicated by the second run (the PLIE demo adds its advisers).
    assert set(User.objects.filter(username__in=Role.values).values_list("username", flat=True)) == set(Role.values)
    assert User.objects.filter(username__in=Role.values).count() == len(Role)
    assert User.objects.get(username="membre").organisation is not None
    assert client.login(username="plie", password=DEMO_PASSWORD)
    response = client.get(reverse("cbe_portal:dashboard"))
    assert "PLIE" in response.content.decode()
