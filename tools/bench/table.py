"""Figures, repeated timings and the one table `manage.py bench` prints.

A Figure is one measured number with its unit, optional p95 and SQL query
counts, and what it is compared with: a reference measured in the same run
(e.g. the Django admin changelist) or a target from the product's quality
targets. The ratio is value / reference; for throughput it is inverted so that
a ratio above 1 always means "worse than the reference".
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str = "ms"
    p95: float | None = None
    queries_small: int | None = None  # SQL queries with 10 rows in the database
    queries_full: int | None = None  # ... with the full benchmark volume
    reference: float | None = None
    reference_name: str = ""
    higher_is_better: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.reference:
            return None
        if self.higher_is_better:
            return self.reference / self.value if self.value else None
        return self.value / self.reference

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(action: Callable[[], object], *, repeat: int, warmup: int = 2) -> list[float]:
    """Milliseconds per call of `action`, after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summarise(name: str, samples: list[float], **kwargs: Any) -> Figure:
    return Figure(
        name,
        statistics.median(samples),
        p95=percentile(samples, 0.95),
        **kwargs,
    )


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def render(figures: list[Figure], header: str = "") -> str:
    """The table as plain text, one row per figure."""
    columns = ("figure", "median", "p95", "unit", "SQL@10", "SQL@full", "ratio", "vs")
    rows = [columns]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        vs = f"{f.reference_name} ({_number(f.reference)})" if f.reference_name else ""
        if f.note:
            vs = f"{vs}  [{f.note}]" if vs else f"[{f.note}]"
        rows.append(
            (
                f.name,
                _number(f.value),
                _number(f.p95),
                f.unit,
                "-" if f.queries_small is None else str(f.queries_small),
                "-" if f.queries_full is None else str(f.queries_full),
                ratio,
                vs,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(columns) - 1)]
    lines = [header] if header else []
    for number, row in enumerate(rows):
        cells = [
            row[i].ljust(widths[i]) if i in (0, 3) else row[i].rjust(widths[i])
            for i in range(len(widths))
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths) + "  --")
    return "\n".join(lines)


def write_json(path: Path, figures: list[Figure], meta: dict[str, Any]) -> None:
    data = {"meta": meta, "figures": [f.to_json() for f in figures]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
