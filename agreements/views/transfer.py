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


def _stored(request: HttpRequest) -> tuple[str, str] | None:
    saved = request.session.get(SESSION_KEY)
    if not saved or not default_storage.exists(saved["path"]):
        return None
    return saved["path"], saved["name"]


def _forget(request: HttpRequest) -> None:
    saved = request.session.pop(SESSION_KEY, None)
    if saved and default_storage.exists(saved["path"]):
        default_storage.delete(saved["path"])


@contact_point_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
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
                suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
                path = default_storage.save(
                    f"imports/{secrets.token_urlsafe(24)}{suffix}", ContentFile(content)
                )
                request.session[SESSION_KEY] = {"path": path, "name": upload.name}
    context = {
        "form": form,
        "rows": rows,
        "bad_rows": [row for row in rows or [] if row.errors],
        "file_name": request.session.get(SESSION_KEY, {}).get("name"),
        "columns": spreadsheet.COLUMNS,
    }
    return render(request, "agreements/import.html", context)


@require_POST
@contact_point_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    stored = _stored(request)
    if stored is None:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("agreements:import")
    path, name = stored
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    try:
        rows = importing.validate(spreadsheet.read(name, content))
    except spreadsheet.SpreadsheetError as exc:
        messages.error(request, str(exc))
        return redirect("agreements:import")
    if any(row.errors for row in rows):
        messages.error(
            request, _("Nothing was imported: correct the rows with errors first.")
        )
        return redirect("agreements:import")
    created, updated = services.import_agreements(rows=rows, by=request.user)
    _forget(request)
    messages.success(
        request,
        _("Imported: %(created)s new and %(updated)s updated agreements.")
        % {"created": created, "updated": updated},
    )
    return redirect("agreements:list")
