from __future__ import annotations

import pytest

from screening.reports.fetcher import (
    ORIGIN,
    MissingStaticFile,
    RefusedURL,
    StaticOnlyFetcher,
)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "https://static.invalid.evil.example/static/css/pdf.css",
        f"{ORIGIN}/static/../config/settings.py",
        f"{ORIGIN}/static/%2e%2e/config/settings.py",
        f"{ORIGIN}/media/reports/x.pdf",
        "/etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_our_stylesheet_and_fonts():
    css = StaticOnlyFetcher().fetch(f"{ORIGIN}/static/css/pdf.css")
    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    font = StaticOnlyFetcher().fetch(f"{ORIGIN}/static/fonts/dejavu/DejaVuSans.ttf")
    assert len(font.read()) > 100_000


def test_the_fetcher_serves_data_urls():
    response = StaticOnlyFetcher().fetch("data:text/plain;base64,aGVp")
    assert response.read() == b"hei"


def test_a_missing_static_file_fails_the_report_loudly():
    with pytest.raises(MissingStaticFile):
        StaticOnlyFetcher().fetch(f"{ORIGIN}/static/css/missing.css")
