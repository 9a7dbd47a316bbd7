"""The contact point's handling of a partner proposed in a screening:
confirm it into the register, or merge it into an existing partner."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import partner_screening
from agreements.models import Partner
from agreements.views import contact_point_required


def back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form was on (the review page), when it is ours."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)  # a path, never a view name to reverse
    return redirect(default)


@contact_point_required
@require_POST
def partner_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    screening = partner.screenings.order_by("pk").first()
    kind = str((screening.answers if screening else {}).get("partner.type", ""))
    partner_screening.confirm_partner(partner, kind=kind, by=request.user)
    messages.success(request, _("The partner is confirmed into the register."))
    return back(request, partner.get_absolute_url())


@contact_point_required
@require_POST
def partner_merge(request: HttpRequest, pk: int) -> HttpResponse:
    proposed = get_object_or_404(Partner, pk=pk, proposed=True)
    into_id = request.POST.get("into", "")
    into = Partner.objects.filter(
        pk=int(into_id) if into_id.isdecimal() else 0, proposed=False
    ).first()
    if into is None:
        messages.warning(request, _("Choose the existing partner to merge into."))
        return back(request, proposed.get_absolute_url())
    partner_screening.merge_partner(proposed, into=into, by=request.user)
    messages.success(
        request,
        _("“%(proposed)s” is merged into “%(into)s”.")
        % {"proposed": proposed.name, "into": into.name},
    )
    return back(request, into.get_absolute_url())
