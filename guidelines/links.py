"""The coverage map made ready to show: texts in one language and links that
resolve. A URL name whose app is not installed yet (NoReverseMatch) keeps its
text and loses its link, so the page works before and after other parts merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from guidelines import coverage


@dataclass(frozen=True)
class OfferRow:
    text: str
    href: str  # "" when there is no page (yet)


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
    try:
        path = reverse(url_name)
    except NoReverseMatch:
        return ""
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
