"""A result's canonical JSON text, put together from the texts of its parts.

`stored.canonical(result.to_json())` is the text a result is stored and
digested as: `json.dumps` with sorted keys and no spaces. Most of a result's
10 KB are values many results share: the ledger line of an answer, of a
country's flag or of a floor, a fired trigger, a question's text. `shared()`
builds such a value once per definition and keeps its canonical text with it,
and `canonical_text(result)` joins the texts of the parts, encoding only what
is the case's own. It gives exactly the text `json.dumps` gives for the whole
(tests/screening/test_canonical_text.py holds it to that).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Mapping
from json.encoder import encode_basestring_ascii
from typing import Any, TypeVar

from screening.questionnaire.model import Questionnaire
from screening.scoring.result import Contribution, DimensionResult, Item, Result

V = TypeVar("V")
# As stored.canonical; check_circular only decides how a cycle fails.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), check_circular=False)
_encode = _ENCODER.encode
OMITTED: tuple[object, ...] = ("", None, False)  # left out of a line (to_json)

# Shared values: (definition, the value) by (id of the definition, key), and the
# canonical text of each value by its id (held with the value, so the id cannot
# be another object's). Both are emptied together when full.
_VALUES: dict[Hashable, tuple[Questionnaire, Any]] = {}
_TEXTS: dict[int, tuple[object, str]] = {}
LIMIT = 20_000


def once(q: Questionnaire, key: tuple[Hashable, ...], build: Callable[[], V]) -> V:
    """The value `build()` gives, built once per definition `q` and `key`
    (every id in `key` must be of an object `q` holds, or of the value itself)."""
    full = (id(q), *key)
    held = _VALUES.get(full)
    if held is not None and held[0] is q:
        found: V = held[1]
        return found
    if len(_VALUES) >= LIMIT:
        _VALUES.clear()
        _TEXTS.clear()
    value = build()
    _VALUES[full] = (q, value)
    return value


def shared(q: Questionnaire, key: tuple[Hashable, ...], build: Callable[[], V]) -> V:
    """`once`, for a part of results (or a tuple of parts), kept with its
    canonical text. A shared part must not be changed: many results hold it."""
    full = (id(q), *key)
    held = _VALUES.get(full)
    if held is not None and held[0] is q:
        found: V = held[1]
        return found
    value = once(q, key, build)
    for part in value if isinstance(value, tuple) else (value,):
        if isinstance(part, PARTS):
            _TEXTS[id(part)] = (part, _text(part))
    return value


def is_shared(value: object) -> bool:
    held = _TEXTS.get(id(value))
    return held is not None and held[0] is value


def canonical_text(result: Result) -> str:
    """`json.dumps(result.to_json(), sort_keys=True, separators=(",", ":"))`."""
    questionnaire = {
        "id": result.questionnaire_id,
        "version": result.questionnaire_version,
    }
    return (
        f'{{"actor":{_scalar(result.actor)}'
        f',"blocking":{_list(result.blocking)}'
        f',"dimensions":{_list(result.dimensions)}'
        f',"escalated":{_scalar(result.escalated)}'
        f',"floors":{_list(result.floors)}'
        f',"gaps":{_list(result.gaps)}'
        f',"hard_triggers":{_list(result.hard_triggers)}'
        f',"ledger":{_list(result.ledger)}'
        f',"mitigations":{_list(result.mitigations)}'
        f',"overall":{_scalar(result.overall)}'
        f',"overall_computed":{_scalar(result.overall_computed)}'
        f',"questionnaire":{_encode(questionnaire)}'
        f',"routes":{_list(result.routes)}'
        f',"sensitivity":{_scalar(result.sensitivity)}'
        f',"status":{_scalar(result.status)}}}'
    )


def _list(values: Iterable[object]) -> str:
    texts = _TEXTS
    parts = []
    for value in values:
        held = texts.get(id(value))
        parts.append(held[1] if held is not None and held[0] is value else _text(value))
    return f"[{','.join(parts)}]"


def _text(value: object) -> str:
    """The canonical text of one part (its `to_json()` for the result's parts)."""
    if type(value) is Contribution:
        return _line(value)
    if type(value) is Item:
        return (
            f'{{"detail":{_encode(dict(value.detail))},"key":{_scalar(value.key)}'
            f',"text":{_mapping(value.text)}}}'
        )
    if type(value) is DimensionResult:
        return _encode(value.to_json())
    if isinstance(value, Mapping):
        return _encode(dict(value))
    to_json = getattr(value, "to_json", None)
    return _encode(value if to_json is None else to_json())


def _line(line: Contribution) -> str:
    """`Contribution.to_json()`: the fields that say something, in key order."""
    data = line.__dict__
    if len(data) != len(FIELDS):  # an attribute beside the fields: as to_json does
        return _encode(line.to_json())
    parts = []
    for name in SORTED:
        value = data[name]
        if name == "explanation":
            parts.append(f'"explanation":{_mapping(value)}')
        elif name in ALWAYS or value not in OMITTED:
            parts.append(f'"{name}":{_scalar(value)}')
    return f"{{{','.join(parts)}}}"


def _mapping(text: Mapping[str, Any]) -> str:
    held = _TEXTS.get(id(text))
    if held is not None and held[0] is text:
        return held[1]
    return _encode(dict(text))


def _scalar(value: object) -> str:
    if type(value) is str:
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return _encode(value)


def hold_text(q: Questionnaire, text: Mapping[str, str]) -> Mapping[str, str]:
    """A text of definition `q` (a question's, a route's), its canonical text
    kept for the results that show it."""
    return shared(q, ("text", id(text)), lambda: text)


PARTS = (Contribution, Item, DimensionResult, Mapping)
FIELDS = list(Contribution.__dataclass_fields__)
SORTED = sorted(FIELDS)
ALWAYS = frozenset({"dimension", "points", "source"})
