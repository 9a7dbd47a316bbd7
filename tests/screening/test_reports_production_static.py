"""Reports render with the production static files (collectstatic, manifest storage).

Issue 21: with `CompressedManifestStaticFilesStorage` the report template asks
for `css/pdf.<hash>.css`, which the staticfiles finders never find; the fetcher
raised a BaseException that escaped the task, and every report stayed
"rendering" for ever.
"""

from __future__ import annotations

import io
import re

import pytest
from django.templatetags.static import static
from pypdf import PdfReader

from screening.models import Report
from screening.reports import fetcher
from screening.reports.fetcher import ORIGIN, StaticOnlyFetcher
from tests import factories
from tests.screening.reports_support import pdf_text, scored_screening
from tests.static_production import collected_static, production_static  # noqa: F401

pytestmark = pytest.mark.usefixtures("production_static")


def test_the_report_stylesheet_and_its_fonts_are_read_by_their_hashed_names():
    css_url = static("css/pdf.css")
    assert re.fullmatch(r"/static/css/pdf\.[0-9a-f]{12}\.css", css_url)
    css = StaticOnlyFetcher().fetch(ORIGIN + css_url).read().decode()
    fonts = re.findall(r'url\("([^"]+\.ttf)"\)', css)
    assert fonts, css[:500]
    for font in fonts:
        assert re.search(r"\.[0-9a-f]{12}\.ttf$", font)  # hashed by the storage
        url = ORIGIN + "/static/css/" + font
        response = StaticOnlyFetcher().fetch(url.replace("/css/../", "/"))
        assert len(response.read()) > 100_000


def test_a_report_ordered_in_production_is_ready_with_its_own_fonts(
    db, client, tmp_path, django_capture_on_commit_callbacks
):
    screening = scored_screening()
    client.force_login(factories.leader(language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    assert report.status == Report.Status.READY, report.error

    download = client.get(f"/reports/{report.pk}/download/")
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert screening.title in pdf_text(content, tmp_path)
    assert "+Report-Sans" in " ".join(_font_names(content))  # pdf.css @font-face


def test_a_missing_static_file_fails_the_report_with_its_reason_and_a_retry(
    db, client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fetcher, "read_static", lambda path: None)
    leader = factories.leader(language="en")
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/summary/", {})
    report = Report.objects.get()
    assert report.status == Report.Status.FAILED
    assert re.search(r"Static file not found: css/pdf\.[0-9a-f]{12}\.css", report.error)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Static file not found" in page
    assert f'action="/reports/{report.pk}/retry/"' in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/{report.pk}/retry/")
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert report.error == ""


def _font_names(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    return [str(font.get_object()["/BaseFont"]) for font in fonts.values()]
