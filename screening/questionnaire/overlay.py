"""Translation overlays: a definition's texts in one more language, kept in a
file of their own and keyed by the definition's stable ids.

A published definition (`<id>-v<N>.yaml`) is never edited, so a language that
arrives after publication (nynorsk for v1) comes as an overlay
`<id>-v<N>.<lang>.yaml` beside it. The overlay mirrors the definition:

- a mapping stays a mapping with the same keys (`title`, `notes`, `sections`);
- a list of items becomes a mapping keyed by each item's id (its `key`, or its
  `rule` for country and partner flags), so `sections[0].questions[3]` is
  `sections: {case: {questions: {case.stage: ...}}}`;
- a text ({nb: ..., en: ...}) becomes the one string in the overlay's language.

`merge` writes those strings into the raw definition before the strict loader
checks it, so a text the overlay lacks fails exactly as a missing bokmål or
English text does, and a path the definition does not have fails too.

A new version's overlay starts from `skeleton`: run
`python -m screening.questionnaire screening/questionnaires/samarbeid-v2.yaml
screening/questionnaires/samarbeid-v1.yaml > .../samarbeid-v2.nn.yaml`; every text
whose bokmål is unchanged from v1 keeps v1's nynorsk, and the rest are `TODO`
with the bokmål in a comment above. Translate those, and the loader accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from screening.questionnaire.checks import DefinitionError

HEADER = "overlay"  # {id, version, language}: which file and language it is for
ID_FIELDS = ("key", "rule")
TODO = "TODO"
Path_ = tuple[str, ...]


def files_beside(definition: Path, languages: Iterable[str]) -> dict[str, Path]:
    """{language: overlay file} for the overlays that exist beside a definition."""
    found = {}
    for lang in languages:
        side = definition.with_name(f"{definition.stem}.{lang}.yaml")
        if side.is_file():
            found[lang] = side
    return found


def is_text(node: object) -> bool:
    """A text in several languages: {nb: ..., en: ...} (nn optional)."""
    return (
        isinstance(node, dict)
        and "nb" in node
        and set(node) <= {"nb", "nn", "en"}
        and all(isinstance(v, str) for v in node.values())
    )


def item_id(item: object) -> str | None:
    if isinstance(item, dict):
        for name in ID_FIELDS:
            if name in item:
                return str(item[name])
    return None


def texts(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every text in a raw definition, with its path of stable ids."""
    if is_text(node):
        assert isinstance(node, dict)
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, (*path, str(key)))
    elif isinstance(node, list):
        for item in node:
            ident = item_id(item)
            if ident is None:
                if any(True for _ in texts(item)):
                    where = ".".join(path) or "definition"
                    raise DefinitionError(f"{where}: a text in an item without a key")
                continue
            yield from texts(item, (*path, ident))


def _child(node: object, key: str) -> object:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list):
        return next((item for item in node if item_id(item) == key), None)
    return None


def parse(text: str, name: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{name}: an overlay must be a mapping")
    return data


def merge(raw: dict[str, Any], overlay: Mapping[str, Any], language: str) -> None:
    """Write the overlay's strings into `raw` (in place) as `language` texts."""
    header = overlay.get(HEADER) or {}
    expected = {
        "id": raw.get("id"),
        "version": raw.get("version"),
        "language": language,
    }
    if header != expected:
        raise DefinitionError(
            f"{language} overlay: header {HEADER}: {header!r} "
            f"does not match {expected!r}"
        )
    body = {k: v for k, v in overlay.items() if k != HEADER}
    _merge(raw, body, language, f"{language} overlay")


def _merge(node: object, overlay: object, language: str, where: str) -> None:
    if not isinstance(overlay, dict):
        raise DefinitionError(f"{where}: expected a mapping of ids")
    for key, value in overlay.items():
        here = f"{where} {key}"
        target = _child(node, str(key))
        if target is None:
            raise DefinitionError(f"{here}: not in the definition")
        if not is_text(target):
            _merge(target, value, language, here)
            continue
        assert isinstance(target, dict)
        if not isinstance(value, str) or not value.strip() or value.strip() == TODO:
            raise DefinitionError(f"{here}: needs the {language} text")
        if language in target:
            raise DefinitionError(f"{here}: {language} given both inline and here")
        target[language] = value


def skeleton(
    raw: Mapping[str, Any],
    language: str,
    earlier_raw: Mapping[str, Any] | None = None,
    earlier_overlay: Mapping[str, Any] | None = None,
) -> str:
    """A YAML overlay for `raw`: texts taken from an earlier version's overlay
    where the bokmål is word for word the same, TODO (and the bokmål) elsewhere."""
    known: dict[str, str] = {}  # bokmål text -> its translation in the earlier file
    if earlier_raw is not None and earlier_overlay is not None:
        copy = yaml.safe_load(yaml.safe_dump(dict(earlier_raw), allow_unicode=True))
        merge(copy, earlier_overlay, language)
        known = {t["nb"].strip(): t[language] for _, t in texts(copy)}
    values = {
        path: known[text["nb"].strip()]
        for path, text in texts(dict(raw))
        if text["nb"].strip() in known
    }
    return dump(raw, language, values)


def dump(raw: Mapping[str, Any], language: str, values: Mapping[Path_, str]) -> str:
    """The overlay file for `raw` with `values` ({path: text}); a text without a
    value is written TODO, with the bokmål in a comment above it."""
    header = {"id": raw.get("id"), "version": raw.get("version"), "language": language}
    lines = [
        f"# {language} texts for {raw.get('id')}-v{raw.get('version')}.yaml, "
        "keyed by its stable ids (see screening/questionnaire/overlay.py).",
        f"{HEADER}: " + yaml.safe_dump(header, default_flow_style=True).strip(),
    ]
    open_path: Path_ = ()
    for path, text in texts(dict(raw)):
        if language in text:
            continue
        common = 0
        while common < min(len(path) - 1, len(open_path)) and (
            path[common] == open_path[common]
        ):
            common += 1
        for depth in range(common, len(path) - 1):
            lines.append("  " * depth + _key(path[depth]) + ":")
        open_path = path[:-1]
        indent = "  " * (len(path) - 1)
        value = values.get(path)
        if value is None:
            lines.append(f"{indent}# nb: {_one_line(text['nb'])}")
        lines.append(f"{indent}{_key(path[-1])}: {_scalar(value or TODO)}")
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    dumped = yaml.safe_dump(key, allow_unicode=True).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000).strip()
    return dumped.removesuffix("...").strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())
