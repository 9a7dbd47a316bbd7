"""Score a name against every entry of the named lists (pure Python, no Django).

Build a MatchIndex once from the entries (names, aliases and "name + parent"
are normalised up front), then search it with one name at a time. The score
(0 to 1) is a weighted, typo-tolerant token overlap (Jaccard over tokens
weighted by how rare they are on the lists, so "Harbin" or "University" count
for less than "Engineering" or "Normal") blended with a character-based
similarity from rapidfuzz; acronyms match aliases and generated initials.
Each query is searched in several forms (variants.py: without a trailing
place, a note in brackets or a PLA/IRGC owner) and the best score per entry
kept. Names that state different kinds of organisation, a city only one of
them has, or another country than the entry's, score lower. Only the variants
sharing the most weight with a query are scored in full, so a search stays
fast against thousands of entries. Thresholds follow yente: candidates from
0.50, probable from 0.70.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from agreements.matching.normalise import (
    COUNTRY_WORDS,
    ORG_TYPES,
    WEAK_TOKENS,
    hyphen_compounds,
    implied_countries,
    initials,
    raw_tokens,
    stems,
    tokens,
)
from agreements.matching.places import CITIES
from agreements.matching.variants import query_forms

CANDIDATE = 0.50
PROBABLE = 0.70
COUNTRY_PENALTY = 0.15
STATED_COUNTRY_PENALTY = 0.25
MAX_NAME_LENGTH = 500
ACRONYM_ALIAS_SCORE = 0.90
ACRONYM_INITIALS_SCORE = 0.75
_LISTED_ACRONYM = 0.15
_CHAR_SHARE = 0.2  # how much a poor character similarity can take away
_QUERY_EXTRA = 1.2  # "Tianjin Medical University" is not "Tianjin University"
_ENTRY_EXTRA = 0.8  # but a shortened name is often the same organisation
_FLOOR = 0.75  # no distinctive word weighs less than this share of the rarest
_FUZZY_CUTOFF = 80
_FUZZY_KNOWN_CUTOFF = 86  # a word on the lists meets only its close variants
_FUZZY_MIN_LENGTH = 6  # rapidfuzz ratio for two words to count as the same word
_ORG_WEIGHT = 0.7
_SIMILAR_CACHE_SIZE = 50_000
_SHORTLIST = 60  # variants scored in full per query form
_PLACE_EXTRA = 1.0  # a city only one of the names has counts twice
_OTHER_KIND = 0.75  # the names state different kinds of organisation
_MORE_KINDS = 0.9  # the entry names a further kind (often a sub-unit)
_COUNTRY_WEIGHT = 0.5


class InvalidName(ValueError):
    """The name cannot be screened (empty, too long, no letters)."""


@dataclass(frozen=True)
class Entry:
    key: Hashable
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    parent: str = ""
    list_key: str = ""


@dataclass(frozen=True)
class Match:
    key: Hashable
    name: str
    matched_name: str
    list_key: str
    score: float
    country: str

    @property
    def probable(self) -> bool:
        return self.score >= PROBABLE

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "matched_name": self.matched_name,
            "list": self.list_key,
            "score": round(self.score, 3),
            "country": self.country,
        }


@dataclass
class _Variant:
    entry: Entry
    text: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...] = ()
    total: float = 0.0
    core: str = ""
    exact: str = ""
    kinds: frozenset[str] = frozenset()


@dataclass
class _Query:
    tokens: tuple[str, ...]
    similar: dict[str, dict[str, float]] = field(default_factory=dict)
    weights: tuple[float, ...] = ()
    total: float = 0.0
    core: str = ""
    kinds: frozenset[str] = frozenset()


def check_name(name: str) -> str:
    """The name stripped, or InvalidName with a message fit for the user."""
    name = (name or "").strip()
    if not name:
        raise InvalidName("Enter a name to check.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidName(
            f"The name is too long ({len(name)} characters; at most {MAX_NAME_LENGTH})."
        )
    return name


class MatchIndex:
    """Entries normalised once, with an inverted index from token to variants."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        names = [n for e in self.entries for n in (e.name, *e.aliases)]
        self._raw_vocab = frozenset(
            {w for n in names for w in raw_tokens(n)}
            | {w for n in names for w in hyphen_compounds(n)}
        )
        acronyms: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries:
            acronyms[entry.name].extend(a for a in entry.aliases if _is_acronym(a))
        self._variants: list[_Variant] = []
        for entry in self.entries:
            texts = [entry.name, *entry.aliases]
            texts += [_shorter(t) for t in texts]
            if entry.parent:
                texts.append(f"{entry.name} {entry.parent}")
                texts += [f"{entry.name} {a}" for a in acronyms.get(entry.parent, ())]
            for text in dict.fromkeys(t for t in texts if t.strip()):
                toks = tokens(text, self._raw_vocab)
                if toks:
                    self._variants.append(_Variant(entry, text, toks))
        self._postings: dict[str, set[int]] = defaultdict(set)
        entry_tokens: dict[Hashable, set[str]] = defaultdict(set)
        for i, variant in enumerate(self._variants):
            for tok in variant.tokens:
                self._postings[tok].add(i)
            entry_tokens[variant.entry.key].update(variant.tokens)
        df: dict[str, int] = defaultdict(int)
        for entry_toks in entry_tokens.values():
            for tok in entry_toks:
                df[tok] += 1
        n = max(len(entry_tokens), 1)
        self._idf = {tok: math.log((n + 1) / (c + 1)) + 1 for tok, c in df.items()}
        self._max_idf = math.log(n + 1) + 1
        # fuzzy matching meets words, not numbers ("No. 4711") or short acronyms
        self._vocab = [t for t in self._postings if len(t) >= 4 and t.isalpha()]
        self._similar_cache: dict[str, dict[str, float]] = {}
        self._initials: dict[str, list[int]] = defaultdict(list)
        for i, variant in enumerate(self._variants):
            variant.weights = tuple(self._weight(t) for t in variant.tokens)
            variant.total = sum(variant.weights)
            variant.core = _core(variant.tokens)
            variant.exact = " ".join(variant.tokens)
            variant.kinds = ORG_TYPES.intersection(variant.tokens)
            listed = variant.text in (variant.entry.name, *variant.entry.aliases)
            if listed and variant.text.isascii():  # not initials of 哈尔滨 ...
                acronym = initials(variant.text)
                if len(acronym) >= 3:
                    self._initials[acronym].append(i)
        self._acronym_aliases = frozenset(
            v.exact
            for v in self._variants
            if len(v.tokens) == 1 and v.text in v.entry.aliases
        )

    def _weight(self, tok: str) -> float:
        if tok in ORG_TYPES:
            return _ORG_WEIGHT
        if tok in COUNTRY_WORDS:
            return _COUNTRY_WEIGHT
        return max(self._idf.get(tok, self._max_idf), _FLOOR * self._max_idf)

    def _similar(self, tok: str) -> dict[str, float]:
        """Words of the lists that tok may stand for, with their similarity.
        Known words meet their spelling variants too ("Defence", "Defense")."""
        if tok in self._similar_cache:
            return self._similar_cache[tok]
        if len(self._similar_cache) > _SIMILAR_CACHE_SIZE:  # a long-lived worker
            self._similar_cache.clear()
        known = tok in self._postings
        similar = {tok: 1.0} if known else {}
        for form in (tok,) if tok.isdigit() else stems(tok) or (tok,):
            if form in self._postings:
                similar.setdefault(form, 1.0)
            if len(form) < _FUZZY_MIN_LENGTH or form.isdigit():
                continue  # acronyms: BMSTU is not BMSU
            cutoff = _FUZZY_KNOWN_CUTOFF if known else _FUZZY_CUTOFF
            for other, score, _ in process.extract(
                form, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            ):
                similar[other] = max(similar.get(other, 0.0), score / 100)
        self._similar_cache[tok] = similar
        return similar

    def _query(self, toks: tuple[str, ...]) -> _Query:
        query = _Query(toks)
        weights = []
        for tok in query.tokens:
            similar = self._similar(tok)
            query.similar[tok] = similar
            best = max(similar, key=similar.__getitem__, default=tok)
            weights.append(self._weight(best))
        query.weights = tuple(weights)
        query.total = sum(weights)
        query.core = _core(query.tokens)
        query.kinds = ORG_TYPES.intersection(query.tokens)
        return query

    def search(
        self,
        name: str,
        country: str = "",
        *,
        threshold: float = CANDIDATE,
        limit: int = 20,
    ) -> list[Match]:
        """Entries resembling the name, best first, scoring at least threshold."""
        name = check_name(name)
        scores: dict[Hashable, tuple[float, _Variant]] = {}
        stated = implied_countries(name)
        for toks in query_forms(name, self._raw_vocab):
            self._search_one(toks, stated, country, scores)
        matches = [
            Match(
                key=v.entry.key,
                name=v.entry.name,
                matched_name=v.text,
                list_key=v.entry.list_key,
                score=round(min(max(score, 0.0), 1.0), 4),
                country=v.entry.country,
            )
            for score, v in scores.values()
            if score >= threshold
        ]
        matches.sort(key=lambda m: (-m.score, m.name))
        return matches[:limit]

    def _search_one(
        self,
        toks: tuple[str, ...],
        stated: frozenset[str],
        country: str,
        scores: dict[Hashable, tuple[float, _Variant]],
    ) -> None:
        query = self._query(toks)
        countries = stated | ({country.upper()} if country else set())

        def keep(score: float, variant: _Variant) -> None:
            entry = variant.entry
            if stated and entry.country and entry.country not in stated:
                score -= STATED_COUNTRY_PENALTY  # "Iran University of ..."
            elif countries and entry.country and entry.country not in countries:
                score -= COUNTRY_PENALTY
            if score > scores.get(entry.key, (-1.0, variant))[0]:
                scores[entry.key] = (score, variant)

        for i in self._candidates(query):
            variant = self._variants[i]
            keep(self._score(query, variant), variant)
        if len(query.tokens) == 1 and len(query.tokens[0]) <= 8:
            # an acronym that a list gives for one entry is not a guess for others
            listed = query.tokens[0] in self._acronym_aliases
            score = ACRONYM_INITIALS_SCORE - (_LISTED_ACRONYM if listed else 0.0)
            for i in self._initials.get(query.tokens[0], ()):
                keep(score, self._variants[i])

    def _candidates(self, query: _Query) -> list[int]:
        """The variants sharing the most weight with the query: only these are
        scored in full (a common word such as "Technology" is on thousands)."""
        shared: dict[int, float] = defaultdict(float)
        for tok, weight in zip(query.tokens, query.weights, strict=True):
            if tok in ORG_TYPES or tok in COUNTRY_WORDS:
                continue
            for other, sim in query.similar[tok].items():
                for i in self._postings.get(other, ()):
                    shared[i] += sim * weight
        if len(shared) <= _SHORTLIST:
            return list(shared)
        return heapq.nlargest(_SHORTLIST, shared, key=shared.__getitem__)

    def _score(self, query: _Query, variant: _Variant) -> float:
        exact = " ".join(query.tokens)
        if exact == variant.exact:
            short = len(query.tokens) == 1 and len(exact) <= 6
            return ACRONYM_ALIAS_SCORE if short else 1.0
        used: set[int] = set()
        shared = matched_query = matched_entry = 0.0
        for tok, weight in zip(query.tokens, query.weights, strict=True):
            similar = query.similar[tok]
            best, best_j = 0.0, -1
            for j, other in enumerate(variant.tokens):
                if j not in used:
                    sim = 1.0 if other == tok else similar.get(other, 0.0)
                    if sim > best:
                        best, best_j = sim, j
            if best_j >= 0:
                used.add(best_j)
                matched_query += best * weight
                matched_entry += best * variant.weights[best_j]
                if tok not in ORG_TYPES:  # "University" = "University" proves little
                    shared += best * (weight + variant.weights[best_j]) / 2
            elif tok in CITIES:  # "Xi'an Electronic ..." is not "Electronic ..."
                matched_query -= _PLACE_EXTRA * weight
        for j, other in enumerate(variant.tokens):
            if j not in used and other in CITIES:
                matched_entry -= _PLACE_EXTRA * variant.weights[j]
        extra = _QUERY_EXTRA * (query.total - matched_query) + _ENTRY_EXTRA * (
            variant.total - matched_entry
        )
        overlap = shared / (shared + extra) if shared > 0 else 0.0
        chars = fuzz.token_sort_ratio(query.core, variant.core) / 100
        score = overlap * (1 - _CHAR_SHARE + _CHAR_SHARE * chars)
        return score * _kind_factor(query.kinds, variant.kinds)


_LEGAL_FORM = re.compile(
    r"^(federal state (budgetary |unitary |autonomous )?(educational |scientific )?"
    r"(institution|enterprise)( of (higher education|science))?|"
    r"federal autonomous institution|joint stock company)\s+",
    re.IGNORECASE,
)
_NAMED_AFTER = re.compile(r"\s+named after\b.*$", re.IGNORECASE)


def _shorter(name: str) -> str:
    """The name without a Russian legal form or a "named after ..." tail."""
    low = name.lower()
    if not low.startswith(("federal", "joint")) and "named after" not in low:
        return name
    return _NAMED_AFTER.sub("", _LEGAL_FORM.sub("", name)).strip(" ,")


def _is_acronym(alias: str) -> bool:
    word = alias.strip()
    return 2 <= len(word) <= 8 and " " not in word and word.upper() == word


def _kind_factor(query: frozenset[str], entry: frozenset[str]) -> float:
    """Names that say what kind of organisation they are must agree on it:
    "Beijing University of Technology" is not "Beijing Institute of
    Technology", and "Academy of Military Medical Sciences" is not its
    "..., Institute of Medical Equipment"."""
    if not query or not entry:
        return 1.0
    if not query & entry:
        return _OTHER_KIND
    return _MORE_KINDS if entry - query else 1.0


def _core(toks: tuple[str, ...]) -> str:
    """The distinctive words: without organisation types and country words."""
    return " ".join(t for t in toks if t not in WEAK_TOKENS)
