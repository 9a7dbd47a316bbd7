"""Views of the register, one module per page group."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from agreements import roles


def contact_point_required(view: Callable[..., HttpResponse]) -> Callable:
    """Logged in, and contact point (or administrator); otherwise 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.is_contact_point(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
