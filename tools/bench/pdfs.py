"""PDF reports: time, pages and peak memory, each render in its own process.

The parent starts `manage.py bench --child MODE ...` for each report kind:
"task" runs the real Celery task body (`render_report.run`: load, claim,
build the data, template, WeasyPrint, store) on fresh Report rows and writes
the HTML it rendered; "bare" renders that same HTML with WeasyPrint alone
(same fetcher and fonts, nothing else), the reference of the 1.2x target.
The two alternate, ROUNDS children each, and the figures pool their timed
runs: on a shared machine the load changes from one minute to the next, and
a task child and a bare child run minutes apart compared the load, not the
task. Peak memory is the child's peak resident set size (VmHWM), which is
what a worker's memory limit sees (Django and WeasyPrint imports included).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings

from tools.bench.table import Figure

TARGETS_S = {"screening": 1.5, "summary": 15.0}
MEMORY_TARGET_MB = 300.0
TASK_RATIO_TARGET = 1.2
ROUNDS = 2  # children per mode, task and bare taking turns


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM starts afresh at exec, unlike
    ru_maxrss, which keeps the (large) parent's peak across fork and exec."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def run_child(
    mode: str, kind: str, screening_id: int, user_id: int, repeat: int, html: Path
) -> dict[str, Any]:
    """In the child process: render `repeat` times and return the figures."""
    from screening.models import Report
    from screening.reports import build, fingerprints
    from screening.reports.fetcher import StaticOnlyFetcher
    from screening.reports.pdf import BASE_URL, WRITE_OPTIONS
    from screening.tasks import render_report

    baseline = _peak_mb()
    samples, pages = [], 0
    if mode == "bare":
        from weasyprint import HTML

        text = html.read_text(encoding="utf-8")
        for _ in range(repeat):
            start = time.perf_counter()
            document = HTML(
                string=text, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()
            ).render(**WRITE_OPTIONS)  # the same output: tagged PDF/UA-1
            document.write_pdf(**WRITE_OPTIONS)
            samples.append(time.perf_counter() - start)
            pages = len(document.pages)
    else:
        screening = None if kind == "summary" else _screening(screening_id)
        for number in range(repeat):
            report = Report.objects.create(
                kind=kind,
                screening=screening,
                requested_by_id=user_id,
                language="nb",
                params={},
                data_fingerprint=fingerprints.current(
                    kind=kind, screening=screening, params={}
                ),
            )
            if number == 0:
                html.write_text(build.render_html(report), encoding="utf-8")
            start = time.perf_counter()
            render_report.run(report.pk)
            samples.append(time.perf_counter() - start)
            report.refresh_from_db()
            if report.status != Report.Status.READY:
                raise RuntimeError(
                    f"report {report.pk}: {report.status} {report.error}"
                )
            pages = report.pages or 0
            report.delete()
    return {
        "first": samples[0],
        "timed": samples[1:] or samples,  # the first run warms caches
        "pages": pages,
        "peak_mb": _peak_mb(),
        "baseline_mb": baseline,
    }


def _screening(pk: int):
    from screening.models import Screening

    return Screening.objects.get(pk=pk)


def _spawn(
    mode: str,
    kind: str,
    screening_id: int,
    user_id: int,
    repeat: int,
    html: Path,
    media: str,
) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(settings.BASE_DIR) / "manage.py"),
        "bench",
        f"--child={mode}",
        f"--child-kind={kind}",
        f"--child-screening={screening_id}",
        f"--child-user={user_id}",
        f"--child-html={html}",
        f"--repeat={repeat}",
    ]
    env = {**os.environ, "MEDIA_ROOT": media}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            done.stderr.strip().splitlines()[-1] if done.stderr else "child failed"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(screening_id: int, user_id: int, repeat: int, log) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as media:
        for kind, label in (
            ("screening", "screening report PDF"),
            ("summary", "institution summary PDF"),
        ):
            html = Path(media) / f"{kind}.html"
            log(f"  {label} ...")
            runs: dict[str, list[dict[str, Any]]] = {"task": [], "bare": []}
            args = (kind, screening_id, user_id, repeat, html, media)
            try:
                for _ in range(ROUNDS):
                    for mode, done in runs.items():  # task first: it writes the HTML
                        done.append(_spawn(mode, *args))
            except (RuntimeError, ValueError) as error:
                figures.append(Figure(label, None, "s", note=str(error)[:120]))
                continue
            task, bare = _pooled(runs["task"]), _pooled(runs["bare"])
            target = TARGETS_S[kind]
            met = "met" if task["median"] <= target else "MISSED"
            figures += [
                Figure(
                    f"{label} (task)",
                    task["median"],
                    "s",
                    p95=task["max"],
                    reference=bare["median"],
                    reference_name="bare WeasyPrint",
                    note=f"{task['pages']} pages; first {task['first']:.2f} s; "
                    f"fastest {task['min']:.2f} s vs {bare['min']:.2f} s bare; "
                    f"target {target:.1f} s {met}, ratio target {TASK_RATIO_TARGET}x",
                ),
                Figure(
                    f"{label} (bare WeasyPrint)",
                    bare["median"],
                    "s",
                    p95=bare["max"],
                    note=f"{bare['pages']} pages",
                ),
                Figure(
                    f"{label} peak memory",
                    task["peak_mb"],
                    "MB",
                    reference=MEMORY_TARGET_MB,
                    reference_name="target",
                    note=f"process RSS, {task['baseline_mb']:.0f} MB before rendering; "
                    f"bare WeasyPrint {bare['peak_mb']:.0f} MB",
                ),
            ]
    return figures


def _pooled(children: list[dict[str, Any]]) -> dict[str, Any]:
    """One figure from several children of a mode: median, fastest and slowest
    of all their timed runs (the fastest shows the cost without the noise of a
    shared machine), and the highest peak memory."""
    timed = [seconds for child in children for seconds in child["timed"]]
    return {
        "first": children[0]["first"],
        "median": statistics.median(timed),
        "min": min(timed),
        "max": max(timed),
        "pages": children[-1]["pages"],
        "peak_mb": max(child["peak_mb"] for child in children),
        "baseline_mb": children[0]["baseline_mb"],
    }
