"""The coverage map made ready to show: texts in one language and links to
the pages of the app (URL names in guidelines/coverage.yaml; every one must
resolve, tests/guidelines/test_coverage_map.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from guidelines import coverage


@dataclass(frozen=True)
class OfferRow:
    text: str
    href: str  # "" when the offer has no page of its own


@dataclass(frozen=True)
class AdviceRow:
    number: int
    quote: str
    original: str  # the Norwegian words, shown beside the English translation
    verbatim: bool
    source: str
    source_url: str
    offers: tuple[OfferRow, ...]


@dataclass(frozen=True)
class GroupRow:
    key: str
    title: str
    advice: tuple[AdviceRow, ...]


def href(url_name: str, *, absolute: bool = False) -> str:
    if not url_name:
        return ""
    path = reverse(url_name)
    return settings.SITE_URL + path if absolute else path


def source_label(source: coverage.Source, lang: str) -> str:
    parts = [f"«{source.title}»", coverage.pick(source.publisher, lang)]
    if source.page:
        parts.append(coverage.pick(source.page, lang))
    parts.append(source.date)
    return ", ".join(parts)


def rows(lang: str, *, absolute: bool = False) -> list[GroupRow]:
    cmap = coverage.load()
    return [
        GroupRow(
            key=group.key,
            title=coverage.pick(group.title, lang),
            advice=tuple(
                AdviceRow(
                    number=number,
                    quote=advice.quote_in(lang),
                    original=advice.quote if lang == "en" else "",
                    verbatim=advice.verbatim,
                    source=source_label(advice.source, lang),
                    source_url=advice.source.url,
                    offers=tuple(
                        OfferRow(
                            coverage.pick(o.text, lang),
                            href(o.url_name, absolute=absolute),
                        )
                        for o in advice.offers
                    ),
                )
                for number, advice in enumerate(group.advice, start=1)
            ),
        )
        for group in cmap.groups
    ]


def sources(lang: str) -> list[tuple[str, str]]:
    return [(source_label(s, lang), s.url) for s in coverage.load().sources]
