"""Pages of the value and risk register: list, detail, create, edit, mark reviewed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from valueregister import services
from valueregister.filters import SHOWING_RETIRED, AssetFilter, PublicAssetFilter
from valueregister.forms import AssetForm
from valueregister.models import Asset


def editor_required(view: Callable[..., HttpResponse]) -> Callable:
    """Logged in, and contact point, leadership or administrator; otherwise 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.may_keep_value_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def asset_list(request: HttpRequest) -> HttpResponse:
    details = roles.sees_asset_details(request.user)
    base = Asset.objects.select_related("unit").order_by("name", "pk")
    if not details or request.GET.get("show") not in SHOWING_RETIRED:
        base = base.filter(retired=False)  # retired ones only when asked for
    filter_class = AssetFilter if details else PublicAssetFilter
    asset_filter = filter_class(request.GET or None, queryset=base)
    page = Paginator(asset_filter.qs, 50).get_page(request.GET.get("page"))
    context = {
        "filter": asset_filter,
        "page_obj": page,
        "details": details,
        "can_edit": roles.may_keep_value_register(request.user),
    }
    return render(request, "valueregister/asset_list.html", context)


@login_required
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    details = roles.sees_asset_details(request.user)
    queryset = Asset.objects.select_related("unit", "reviewed_by")
    asset = get_object_or_404(queryset if details else queryset.active(), pk=pk)
    context = {
        "asset": asset,
        "details": details,
        "can_edit": roles.may_keep_value_register(request.user),
        "history": asset.history.select_related("history_user")[:20] if details else (),
    }
    return render(request, "valueregister/asset_detail.html", context)


@editor_required
def asset_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, Asset())


@editor_required
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Asset, pk=pk))


def _edit(request: HttpRequest, asset: Asset) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AssetForm(data, instance=asset)
    if request.method == "POST" and form.is_valid():
        asset = services.save_asset(form, by=request.user)
        messages.success(request, _("The asset has been saved."))
        return redirect(asset.get_absolute_url())
    status = 400 if form.errors else 200
    context = {"form": form, "asset": asset}
    return render(request, "valueregister/asset_form.html", context, status=status)


@require_POST
@editor_required
def asset_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_object_or_404(Asset, pk=pk)
    services.mark_reviewed(asset, by=request.user)
    messages.success(request, _("The asset is marked as reviewed today."))
    return redirect(asset.get_absolute_url())
