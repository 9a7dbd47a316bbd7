"""`{% coverage_annex %}`: the coverage map as an annex of a PDF report.

A tag, so the report templates of `screening` can include the map without
`screening` importing this app (the guidelines sit on top of every app)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from guidelines import links

register = template.Library()


@register.inclusion_tag("guidelines/_annex.html")
def coverage_annex() -> dict:
    lang = get_language() or "nb"
    return {
        "groups": links.rows(lang, absolute=True),
        "sources": links.sources(lang),
    }
