"""The second factor of a log-in (django-otp): a code from an authenticator application (TOTP), or
one of ten single-use recovery codes for the day the phone is lost.

A user who has turned it on logs in in two steps: the password (`start_login`), then a code
(`finish_login`). When `OTP_REQUIRED_FOR_STAFF` is on, staff members must turn it on
(`middleware.TwoFactorMiddleware`)."""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .permissions import is_staff_member

RECOVERY_CODES = 10
# Between the password and the code: long enough to open the application, no longer.
PENDING_SECONDS = 300
PENDING_KEY, SETUP_KEY, NEW_CODES_KEY = "two_factor_pending", "two_factor_setup_key", "two_factor_new_codes"
WRONG_CODE = (
    "Ce code n'est pas valide ou a expiré : saisissez le code affiché maintenant par votre application, "
    "ou un code de secours. Après plusieurs erreurs, attendez quelques secondes entre deux essais."
)


def has_device(user) -> bool:
    return user_has_device(user)


def required_for(user) -> bool:
    """Whether this user must use a second factor: staff members, once coordination turned
    `OTP_REQUIRED_FOR_STAFF` on. Partners and members are never required to."""
    return settings.OTP_REQUIRED_FOR_STAFF and is_staff_member(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, code: str):
    """The device that accepts `code` (an application's code or a recovery code, which is then
    used up), or None. django-otp slows down guesses: each failure doubles the wait before the next
    try is even checked."""
    code = "".join(code.split()).lower()
    # Six digits go to the application's device, anything else to the recovery codes: a failure
    # slows down only the kind of code that was tried.
    from_application = code.isdigit() and len(code) == 6
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, TOTPDevice) == from_application and device.verify_token(code):
                return device
    return None


# Log-in in two steps: the password checked, the user is kept in the session until the code.


def start_login(request, user) -> None:
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "at": time.time()}


def pending_user(request):
    """The user whose password was right a few minutes ago, waiting for the code; else None."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def finish_login(request, user, device) -> None:
    backend = request.session.pop(PENDING_KEY)["backend"]
    # django-otp records the device in the session when the user logs in with `otp_device` set.
    user.otp_device = device
    auth_login(request, user, backend=backend)


# Turning it on: a secret kept in the session until a first code proves the application has it.


def setup_key(request) -> str:
    if SETUP_KEY not in request.session:
        request.session[SETUP_KEY] = random_hex(20)
    return request.session[SETUP_KEY]


def readable_secret(key: str) -> str:
    """The secret as an application asks it when typed by hand: base32, in groups of four."""
    secret = b32encode(unhexlify(key)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(user, key: str) -> str:
    """The `otpauth://` link of the secret as an SVG QR code, drawn here: the secret never leaves
    the server for a QR code service. Sized by CSS (`svg.segno`), so that it shrinks on a narrow screen."""
    url = TOTPDevice(user=user, key=key).config_url
    return segno.make(url, error="m").svg_inline(scale=5, omitsize=True, light="#fff", title="QR code à scanner")


def enable(request, code: str) -> bool:
    """Turn the second factor on if `code` comes from the application given the session's secret:
    a TOTP device, new recovery codes (shown once, see `take_new_codes`), and this session counts
    as verified."""
    key = request.session.get(SETUP_KEY)
    totp = TOTP(unhexlify(key)) if key else None
    code = "".join(code.split())
    if totp is None or not code.isdigit() or not totp.verify(int(code), tolerance=1):
        return False
    user = request.user
    with transaction.atomic():
        disable(user)
        # last_t: the code just typed cannot be used again to log in.
        device = TOTPDevice.objects.create(
            user=user, name="Application d'authentification", key=key, confirmed=True, last_t=totp.t(),
            drift=totp.drift,
        )  # fmt: skip
        codes = _new_recovery_codes(user)
    del request.session[SETUP_KEY]
    request.session[NEW_CODES_KEY] = codes
    otp_login(request, device)
    return True


def renew_recovery_codes(request) -> None:
    request.session[NEW_CODES_KEY] = _new_recovery_codes(request.user)


def take_new_codes(request) -> list[str]:
    """The recovery codes just made, once: they are never shown again."""
    return request.session.pop(NEW_CODES_KEY, [])


@transaction.atomic
def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Codes de secours", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def disable(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
