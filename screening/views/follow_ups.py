"""Follow-ups (conditions of approval): marked done with a note by their owner."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from screening.models import FollowUp
from screening.review_forms import FollowUpDoneForm
from screening.services import reviews as services


@login_required
@require_POST
def done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp.objects.select_related("screening"), pk=pk)
    if not services.can_complete(request.user, follow_up):
        raise PermissionDenied
    form = FollowUpDoneForm(request.POST, prefix=f"f{pk}")
    if form.is_valid():
        outcome = services.complete_follow_up(
            follow_up, by=request.user, note=form.cleaned_data["note"]
        )
        (messages.success if outcome.done else messages.warning)(
            request, outcome.message
        )
    else:
        messages.error(request, _("Say what was done."))
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(follow_up.screening)
