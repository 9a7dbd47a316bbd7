"""Report HTML from templates, and PDF from that HTML with WeasyPrint.

`render_html` is fast and tested on its own; `html_to_pdf` is the heavy part and
runs only in the Celery task. WeasyPrint gets `StaticOnlyFetcher`, no
presentational hints, and a shared image/font cache per process.

The PDFs are tagged PDF/UA-1 (universal design): a structure tree from the
HTML (headings, lists, tables with their header cells, figures with the SVG
<title> as alternative text), the document language from <html lang> and the
title from <title>, shown in the viewer's title bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from screening.reports.fetcher import ORIGIN, StaticOnlyFetcher
from screening.reports.glyphs import printable

BASE_URL = ORIGIN + "/"
_CACHE: dict[str, Any] = {}
# Options of every write_pdf call, the benchmark's bare WeasyPrint run included.
WRITE_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int


def render_html(template: str, context: dict[str, Any], *, language: str) -> str:
    """The report's HTML in the requester's language, user text autoescaped."""
    with translation.override(language):
        generated_at = timezone.localtime()
        return render_to_string(
            template,
            {
                **context,
                "marking": settings.REPORT_MARKING,
                "generated_at": generated_at,
                "page_css": page_css(generated_at),
                "LANGUAGE_CODE": language,
            },
        )


def page_css(generated_at: Any) -> SafeString:
    """Running header and footer of every page: marking, time, "page X of Y"."""
    generated = _("Generated %(when)s") % {
        "when": date_format(generated_at, "SHORT_DATETIME_FORMAT")
    }
    page = pgettext("pdf footer: page 1 of 3", "page")
    of = pgettext("pdf footer: page 1 of 3", "of")
    return mark_safe(  # every value goes through css_string
        "@page { "
        f"@top-right {{ content: {css_string(settings.REPORT_MARKING)}; }} "
        f"@bottom-left {{ content: {css_string(generated + ' · Samarbeidssjekk')}; }} "
        f"@bottom-right {{ content: {css_string(page.capitalize() + ' ')} "
        f"counter(page) {css_string(' ' + of + ' ')} counter(pages); }} }}"
    )


def css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and spaces is escaped."""
    return (
        '"'
        + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text))
        + '"'
    )


def html_to_pdf(html: str) -> Pdf:
    from weasyprint import HTML  # imported lazily: heavy, and only the worker needs it

    document = HTML(
        string=printable(html), base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).render(cache=_CACHE, presentational_hints=False, **WRITE_OPTIONS)
    return Pdf(content=document.write_pdf(**WRITE_OPTIONS), pages=len(document.pages))
