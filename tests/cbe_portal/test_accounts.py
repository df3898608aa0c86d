from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory


def test_login_leads_to_the_dashboard_and_logout_to_home(client):
    UserFactory(username="marie", roles=["gpect"])
    response = client.post(reverse("login"), {"username": "marie", "password": "mot-de-passe-de-test"})
    assert response.status_code == 302 and response["Location"] == reverse("cbe_portal:dashboard")
    assert client.post(reverse("logout"))["Location"] == reverse("cbe_portal:home")


def test_wrong_password_is_refused_in_french(client):
    UserFactory(username="marie")
    response = client.post(reverse("login"), {"username": "marie", "password": "faux"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_password_reset_sends_a_link(client):
    UserFactory(username="marie", email="marie@example.org")
    response = client.post(reverse("password_reset"), {"email": "marie@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.org"]
    assert "/comptes/reset/" in message.body


def test_password_change(client):
    user = UserFactory(username="marie")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "mot-de-passe-de-test",
            "new_password1": "Seignanx-2020!x",
            "new_password2": "Seignanx-2020!x",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Seignanx-2020!x")
