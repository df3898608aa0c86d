from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cbe_portal.permissions import Programme, can_write, programme_required
from cbe_portal.views.public import render_programme_page


@login_not_required
@require_safe
def public_page(request):
    return render_programme_page(request, Programme.PLIE)


@require_safe
@programme_required(Programme.PLIE)
def home(request):
    context = {"can_write": can_write(request.user, Programme.PLIE)}
    return render(request, "plie/home.html", context)
