"""Logging in with a second factor, and turning it on or off from the staff space."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code de vérification",
        max_length=20,
        help_text="Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class LoginView(auth_views.LoginView):
    """Django's log-in; a user who has turned on the second factor is asked a code next. Failed
    passwords are counted by django-axes (see settings: AXES_*)."""

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_device(user):
            return super().form_valid(form)
        two_factor.start_login(self.request, user)
        return redirect(f"{reverse('login_verify')}?{urlencode({'next': self.get_success_url()})}")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account or an address is locked out (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request):
    user = two_factor.pending_user(request)
    if user is None:
        messages.info(request, "Saisissez d'abord votre identifiant et votre mot de passe.")
        return redirect("login")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device := two_factor.verify(user, form.cleaned_data["code"]):
            two_factor.finish_login(request, user, device)
            return redirect(_next_url(request))
        form.add_error("code", two_factor.WRONG_CODE)
    return render(request, "registration/login_verify.html", {"form": form, "next": _next_url(request)})


@require_safe
def two_factor_status(request):
    enabled = two_factor.has_device(request.user)
    context = {
        "enabled": enabled,
        "required": two_factor.required_for(request.user),
        "codes_left": two_factor.recovery_codes_left(request.user) if enabled else 0,
        "new_codes": two_factor.take_new_codes(request),
        "form": CodeForm(),
    }
    return render(request, "cbe_portal/two_factor.html", context)


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    if two_factor.has_device(request.user):
        messages.info(request, "La double authentification est déjà activée sur votre compte.")
        return redirect("cbe_portal:two_factor")
    key = two_factor.setup_key(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if two_factor.enable(request, form.cleaned_data["code"]):
            messages.success(request, "La double authentification est activée. Notez vos codes de secours.")
            return redirect("cbe_portal:two_factor")
        form.add_error(
            "code", "Ce code ne correspond pas : vérifiez l'heure du téléphone et saisissez le code actuel."
        )
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(request.user, key),
        "secret": two_factor.readable_secret(key),
        "required": two_factor.required_for(request.user),
    }
    return render(request, "cbe_portal/two_factor_setup.html", context)


@sensitive_post_parameters()
@require_POST
def two_factor_disable(request):
    form = CodeForm(request.POST)
    if form.is_valid() and two_factor.verify(request.user, form.cleaned_data["code"]):
        two_factor.disable(request.user)
        messages.success(request, "La double authentification est désactivée.")
    else:
        messages.error(request, two_factor.WRONG_CODE)
    return redirect("cbe_portal:two_factor")


@sensitive_post_parameters()
@require_POST
def two_factor_codes(request):
    form = CodeForm(request.POST)
    if form.is_valid() and two_factor.verify(request.user, form.cleaned_data["code"]):
        two_factor.renew_recovery_codes(request)
        messages.success(request, "Vos nouveaux codes de secours remplacent les anciens.")
    else:
        messages.error(request, two_factor.WRONG_CODE)
    return redirect("cbe_portal:two_factor")
