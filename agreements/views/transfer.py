"""Export of the filtered overview, and import of a register from a spreadsheet.

Between preview and confirm the upload is kept in private storage under a
random name; the session holds only that name and the original file name.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from agreements import exporting, importing, services, spreadsheet
from agreements.forms import ImportForm
from agreements.models import ImportPreview
from agreements.views import contact_point_required
from agreements.views.agreements import filtered_agreements

SESSION_KEY = "agreement_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(extension: str) -> str:
    """In the user's language: avtaler-2026-12-01.csv, avtalar-..., agreements-..."""
    stem = pgettext("file name", "agreements")
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    _filter, queryset = filtered_agreements(request)
    rows = exporting.export_rows(queryset.for_overview())
    response = HttpResponse(spreadsheet.to_csv(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _filter, queryset = filtered_agreements(request)
    rows = exporting.export_rows(queryset.for_overview())
    response = HttpResponse(spreadsheet.to_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def _forget(request: HttpRequest) -> None:
    """Drop the session's earlier preview, unless it was imported."""
    saved = request.session.pop(SESSION_KEY, None) or {}
    preview = ImportPreview.objects.filter(
        token=saved.get("token", ""), created_by=request.user, confirmed_at=None
    ).first()
    if preview is not None:
        default_storage.delete(preview.file_path)
        preview.delete()


@contact_point_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheet.MAX_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            content = upload.read()
            try:
                rows = importing.validate(spreadsheet.read(upload.name, content))
            except spreadsheet.SpreadsheetError as exc:
                form.add_error("file", str(exc))
            else:
                _forget(request)
                if not any(row.errors for row in rows):
                    preview = _keep(request, upload.name, content)
    context = {
        "form": form,
        "rows": rows,
        "bad_rows": [row for row in rows or [] if row.errors],
        "file_name": upload.name if rows is not None else None,
        "token": preview.token if preview else "",
        "columns": spreadsheet.COLUMNS,
    }
    return render(request, "agreements/import.html", context)


def _keep(request: HttpRequest, name: str, content: bytes) -> ImportPreview:
    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    path = default_storage.save(
        f"imports/{secrets.token_urlsafe(24)}{suffix}", ContentFile(content)
    )
    preview = ImportPreview.objects.create(
        token=secrets.token_urlsafe(32),
        created_by=request.user,
        file_path=path,
        file_name=name[:255],
    )
    request.session[SESSION_KEY] = {"token": preview.token}
    return preview


@require_POST
@contact_point_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed file; confirming it again imports nothing more."""
    token = request.POST.get("token") or request.session.get(SESSION_KEY, {}).get(
        "token", ""
    )
    try:
        preview = services.confirm_import(token=token, by=request.user)
    except spreadsheet.SpreadsheetError as exc:
        messages.error(request, str(exc))
        return redirect("agreements:import")
    except services.ImportHasErrors:
        messages.error(
            request, _("Nothing was imported: correct the rows with errors first.")
        )
        return redirect("agreements:import")
    if preview is None:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("agreements:import")
    if request.session.get(SESSION_KEY, {}).get("token") == preview.token:
        del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Imported: %(created)s new and %(updated)s updated agreements.")
        % {"created": preview.created_count, "updated": preview.updated_count},
    )
    return redirect("agreements:list")
