"""The coverage map as data: the guidelines' advice, in their own order and
words, and what the app offers for each piece (guidelines/coverage.yaml).

No Django imports: the loader is strict (unknown keys, a missing language or a
reference to an unknown source fail at load) and is tested without a database.
Links are URL *names*; whether one resolves is decided by the caller (views),
so the map can name pages of apps that are not installed yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DEFINITION = Path(__file__).resolve().parent / "coverage.yaml"
LANGUAGES = ("nb", "nn", "en")


class CoverageError(ValueError):
    """The YAML breaks a rule; the message names the place."""


def pick(text: Mapping[str, str], lang: str) -> str:
    """`text` in `lang`; nynorsk falls back to bokmål, the rest to English."""
    if lang == "nn":
        return text.get("nn") or text.get("nb") or ""
    return text.get(lang) or text.get("en") or ""


@dataclass(frozen=True)
class Source:
    key: str
    title: str  # the publication's own (Norwegian) title
    publisher: Mapping[str, str]
    date: str
    page: Mapping[str, str] | None = None  # the page within the web resource
    url: str = ""


@dataclass(frozen=True)
class Offer:
    text: Mapping[str, str]
    url_name: str = ""  # e.g. "caselibrary:list"; empty = no page to link


@dataclass(frozen=True)
class Advice:
    key: str
    quote: str  # Norwegian original
    quote_en: str  # our English translation
    verbatim: bool  # False: a short Norwegian summary, not the source's words
    source: Source
    offers: tuple[Offer, ...]

    def quote_in(self, lang: str) -> str:
        return self.quote_en if lang == "en" else self.quote


@dataclass(frozen=True)
class Group:
    key: str
    title: Mapping[str, str]
    advice: tuple[Advice, ...]


@dataclass(frozen=True)
class CoverageMap:
    groups: tuple[Group, ...]
    sources: tuple[Source, ...]

    def url_names(self) -> set[str]:
        return {
            offer.url_name
            for group in self.groups
            for advice in group.advice
            for offer in advice.offers
            if offer.url_name
        }


def _text(raw: Any, where: str) -> Mapping[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES):
        raise CoverageError(f"{where}: needs exactly {', '.join(LANGUAGES)}")
    if not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise CoverageError(f"{where}: every language needs a text")
    return dict(raw)


def _strict(raw: Any, allowed: set[str], required: set[str], where: str) -> None:
    if not isinstance(raw, dict):
        raise CoverageError(f"{where}: expected a mapping")
    if unknown := set(raw) - allowed:
        raise CoverageError(f"{where}: unknown keys {sorted(unknown)}")
    if missing := required - set(raw):
        raise CoverageError(f"{where}: missing keys {sorted(missing)}")


def load_from_text(text: str) -> CoverageMap:
    raw = yaml.safe_load(text)
    _strict(raw, {"sources", "groups"}, {"sources", "groups"}, "top")
    sources = {}
    for key, data in raw["sources"].items():
        fields = {"title", "publisher", "date", "page", "url"}
        _strict(data, fields, fields - {"url", "page"}, f"sources.{key}")
        page = data.get("page")
        sources[key] = Source(
            key=key,
            title=data["title"],
            publisher=_text(data["publisher"], f"sources.{key}.publisher"),
            date=str(data["date"]),
            page=_text(page, f"sources.{key}.page") if page else None,
            url=data.get("url", ""),
        )
    groups = []
    seen: set[str] = set()
    for g in raw["groups"]:
        _strict(g, {"key", "title", "advice"}, {"key", "title", "advice"}, "group")
        advice = []
        for a in g["advice"]:
            where = f"{g['key']}.{a.get('key')}"
            fields = {"key", "quote", "quote_en", "verbatim", "source", "offers"}
            _strict(a, fields, fields, where)
            if a["key"] in seen:
                raise CoverageError(f"{where}: duplicate key")
            seen.add(a["key"])
            if a["source"] not in sources:
                raise CoverageError(f"{where}: unknown source {a['source']!r}")
            if not a["offers"]:
                raise CoverageError(f"{where}: say what the app offers")
            offers = []
            for i, o in enumerate(a["offers"]):
                _strict(o, {"text", "url"}, {"text"}, f"{where}.offers[{i}]")
                offers.append(
                    Offer(_text(o["text"], f"{where}.offers[{i}]"), o.get("url", ""))
                )
            advice.append(
                Advice(
                    key=a["key"],
                    quote=a["quote"],
                    quote_en=a["quote_en"],
                    verbatim=bool(a["verbatim"]),
                    source=sources[a["source"]],
                    offers=tuple(offers),
                )
            )
        groups.append(Group(g["key"], _text(g["title"], g["key"]), tuple(advice)))
    return CoverageMap(groups=tuple(groups), sources=tuple(sources.values()))


@cache
def load() -> CoverageMap:
    return load_from_text(DEFINITION.read_text(encoding="utf-8"))
