"""Log-ins throttled per account and per address, a second factor, short sessions."""

import datetime
import html
import runpy
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

PROJECT_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "mot-de-passe-de-test"


def text(response) -> str:
    return html.unescape(response.content.decode())


# Log-ins: throttled per account and per address, a second factor, short sessions.


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_ten_wrong_passwords_lock_the_account_even_with_the_right_one(client):
    UserFactory(username="coordination", roles=["coordination"])
    for _ in range(30):
        response = log_in(client, "coordination", "faux")
    assert response.status_code == 429
    # The 31st try, with the right password, from another address.
    response = log_in(client, "coordination", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Connexion momentanément bloquée" in text(response)
    assert "30 minutes" in text(response)
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_address_lock_it_for_every_account(client):
    UserFactory(username="marie")
    for number in range(10):
        log_in(client, f"inconnu{number}", "faux")
    assert log_in(client, "marie").status_code == 429
    # Another address is not locked out.
    assert log_in(client, "marie", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_the_lock_ends_after_30_minutes(client):
    from axes.models import AccessAttempt

    UserFactory(username="marie")
    for _ in range(10):
        log_in(client, "marie", "faux")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert log_in(client, "marie").status_code == 302


def test_a_success_resets_the_count(client):
    UserFactory(username="marie")
    for _ in range(9):
        log_in(client, "marie", "faux")
    assert log_in(client, "marie").status_code == 302
    client.logout()
    for _ in range(9):
        log_in(client, "marie", "faux")
    assert log_in(client, "marie").status_code == 302


def code_at(key_hex: str, offset_steps: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time() + 30 * offset_steps
    return f"{totp.token():06d}"


def turn_on_two_factor(client) -> tuple[str, list[str]]:
    """Through the pages, as a person does: the set-up page, then the first code."""
    response = client.get(reverse("cbe_portal:two_factor_setup"))
    assert response.status_code == 200
    key = client.session["two_factor_setup_key"]
    response = client.post(reverse("cbe_portal:two_factor_setup"), {"code": code_at(key)})
    assert response["Location"] == reverse("cbe_portal:two_factor")
    page = client.get(reverse("cbe_portal:two_factor"))
    return key, page.context["new_codes"]


def test_staff_turn_on_the_second_factor_from_the_staff_space(client):
    user = UserFactory(roles=["plie"])
    client.force_login(user)
    page = client.get(reverse("cbe_portal:two_factor_setup"))
    shown = text(page)
    assert "<svg" in shown and "QR code" in shown  # drawn here, no outside service
    secret = page.context["secret"]
    assert len(secret.replace(" ", "")) == 32 and secret in shown

    wrong = client.post(reverse("cbe_portal:two_factor_setup"), {"code": "000000"})
    assert "Ce code ne correspond pas" in text(wrong)

    _key, codes = turn_on_two_factor(client)
    assert len(codes) == 10
    # The codes are shown once only.
    assert client.get(reverse("cbe_portal:two_factor")).context["new_codes"] == []
    assert "activée" in text(client.get(reverse("cbe_portal:two_factor")))


def test_log_in_asks_for_the_code_once_turned_on(client):
    user = UserFactory(username="marie", roles=["plie"])
    client.force_login(user)
    key, codes = turn_on_two_factor(client)
    client.logout()

    response = log_in(client, "marie")
    assert response["Location"].startswith(reverse("login_verify"))
    assert "_auth_user_id" not in client.session  # not logged in before the code
    wrong = client.post(reverse("login_verify"), {"code": "123456"})
    assert "Ce code n'est pas valide" in text(wrong)
    assert "_auth_user_id" not in client.session

    # django-otp's throttling: after a failure, even the right code waits (a second, then 2, 4…).
    assert client.post(reverse("login_verify"), {"code": code_at(key, 1)}).status_code == 200
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=5))
    response = client.post(reverse("login_verify"), {"code": code_at(key, 1)})
    assert response["Location"] == reverse("cbe_portal:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("cbe_portal:dashboard")).wsgi_request.user.is_verified()

    # A recovery code works once.
    client.logout()
    log_in(client, "marie")
    assert client.post(reverse("login_verify"), {"code": codes[0]})["Location"] == reverse("cbe_portal:dashboard")
    client.logout()
    log_in(client, "marie")
    assert client.post(reverse("login_verify"), {"code": codes[0]}).status_code == 200


def test_the_code_page_needs_a_password_just_checked(client):
    user = UserFactory(username="marie")
    client.force_login(user)
    turn_on_two_factor(client)
    client.logout()
    log_in(client, "marie")
    session = client.session
    session["two_factor_pending"]["at"] -= 301
    session.save()
    assert client.get(reverse("login_verify"))["Location"] == reverse("login")


def test_the_admin_logs_in_through_the_portal_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/comptes/login/?next=/admin/"


def test_turning_it_off_needs_a_code(client):
    client.force_login(UserFactory())
    _key, codes = turn_on_two_factor(client)
    client.post(reverse("cbe_portal:two_factor_disable"), {"code": "000000"})
    assert client.get(reverse("cbe_portal:two_factor")).context["enabled"]
    client.post(reverse("cbe_portal:two_factor_disable"), {"code": codes[1]})
    assert not client.get(reverse("cbe_portal:two_factor")).context["enabled"]


def test_new_recovery_codes_replace_the_old_ones(client):
    client.force_login(UserFactory())
    _key, codes = turn_on_two_factor(client)
    client.post(reverse("cbe_portal:two_factor_codes"), {"code": codes[0]})
    page = client.get(reverse("cbe_portal:two_factor"))
    assert len(page.context["new_codes"]) == 10 and not set(codes) & set(page.context["new_codes"])


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_staff_without_a_device_are_sent_to_the_set_up_page(client):
    UserFactory(username="marie", roles=["gpect"])
    response = log_in(client, "marie")
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == reverse("cbe_portal:two_factor_setup")
    assert client.get(reverse("cbe_portal:person_list"))["Location"] == reverse("cbe_portal:two_factor_setup")
    assert "obligatoire" in text(client.get(reverse("cbe_portal:two_factor_setup")))
    turn_on_two_factor(client)
    assert client.get(reverse("cbe_portal:dashboard")).status_code == 200


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_a_session_without_the_code_is_closed(client):
    user = UserFactory(roles=["gpect"])
    client.force_login(user)
    turn_on_two_factor(client)
    other = Client()
    other.force_login(user)  # a password alone, as before the second factor was turned on
    response = other.get(reverse("cbe_portal:dashboard"))
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in other.session


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_when_mandatory_partners_are_not_asked(client):
    client.force_login(UserFactory(roles=["partenaire"]))
    assert client.get(reverse("cbe_portal:dashboard")).status_code == 200


def test_the_demo_accounts_log_in_with_a_password_alone(client, settings):
    assert settings.OTP_REQUIRED_FOR_STAFF is False
    UserFactory(username="plie", roles=["plie"])
    assert log_in(client, "plie")["Location"] == reverse("cbe_portal:dashboard")


def test_a_session_ends_after_30_minutes_without_a_request(client):
    from django.contrib.sessions.models import Session

    client.force_login(UserFactory(roles=["plie"]))
    # Just logged in: the expiry is fresh, a request does not write it again.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("cbe_portal:dashboard"))
    assert not [query for query in queries if 'UPDATE "django_session"' in query["sql"]]
    # Two minutes later, a request pushes the expiry back to 30 minutes from now.
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=28))
    response = client.get(reverse("cbe_portal:dashboard"))
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
    expiry = Session.objects.get().expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < expiry <= datetime.timedelta(minutes=30)
    # Past it, the session is over.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("cbe_portal:dashboard"))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ["cbe_portal:dashboard", "cbe_portal:person_list", "cbe_portal:home"])
def test_no_page_seen_logged_in_is_kept_in_a_cache(client, url_name):
    client.force_login(UserFactory(roles=["coordination"]))
    assert client.get(reverse(url_name))["Cache-Control"] == "no-store, private"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_it_saw(client):
    from cbe_portal.backends import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"  # the first one is whatever the visitor wrote
    with override_settings(BEHIND_PROXY=False):
        assert client_ip(request) == "10.0.0.1"


def test_the_proxy_header_is_trusted_only_behind_a_proxy(monkeypatch):
    settings_file = str(PROJECT_DIR / "cbe_portal" / "settings.py")
    monkeypatch.delenv("BEHIND_PROXY", raising=False)
    assert "SECURE_PROXY_SSL_HEADER" not in runpy.run_path(settings_file)
    monkeypatch.setenv("BEHIND_PROXY", "1")
    assert runpy.run_path(settings_file)["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
