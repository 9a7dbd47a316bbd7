"""Server time of the pages, in process (Django test Client, force_login).

Each page is timed over repeated requests (median and p95) and its SQL queries
are counted twice: with the full benchmark volume, and with only 10 agreements
and their screenings left (the other rows deleted inside a transaction that is
rolled back), so a page whose query count grows with the rows shows it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Unit, User
from screening import questionnaire as qn
from screening.models import Report, Screening
from screening.progress import METADATA_SECTIONS
from tools.bench import seed
from tools.bench.table import Figure, summarise, timed

OVERVIEW_TARGET_MS = 100.0  # product.md: filtered overview page of 50
QUESTIONNAIRE_TARGET_MS = 60.0  # product.md: a questionnaire page, GET or POST
REVIEW_TARGET_MS = 300.0  # issue 15: the review page on the demo data
ACTION_TARGET_MS = 500.0  # issue 15: recording a decision, ordering a report


class _Rollback(Exception):
    pass


@dataclass
class Request:
    name: str
    user: User
    path: str
    data: Callable[[], dict[str, Any]] | None = None  # POST when given
    reference: str = ""  # another request's name, or "" for the target
    target: float | None = None
    target_name: str = "target"
    # False: every request renders afresh (the cache is emptied before it), the
    # figure the targets mean. True: repeat visits served from cached fragments.
    cached: bool = False
    # A POST that changes what the next one would find (a decision, a new
    # report): each runs in a transaction rolled back after the response, so
    # every repetition starts from the same rows. Work queued on commit (the
    # e-mails, the re-scoring, the rendering) is never sent, as it is not part
    # of the server time of the request anyway.
    rolled_back: bool = False
    done: Callable[[], bool] | None = None  # after the response: did it act?
    figure: Figure | None = field(default=None, repr=False)


class FormReader(HTMLParser):
    """The fields of the POST forms of a page, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.radios: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.forms.append({})
        if not self.forms or "disabled" in a:
            return
        fields = self.forms[-1]
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "radio":
                self.radios.setdefault(name, []).append(a.get("value", ""))
            if kind in ("radio", "checkbox") and "checked" not in a:
                fields.setdefault(name, [])
            elif kind not in ("submit", "button", "file"):
                fields.setdefault(name, []).append(a.get("value", "on"))
        elif tag == "select":
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def bench_subjects() -> tuple[Screening, dict[str, User]]:
    """A draft screening of the small unit, and one user per role."""
    small = Unit.objects.get(short_name=seed.SMALL_UNIT)
    screening = Screening.objects.filter(unit=small).order_by("pk").first()
    if screening.status != Screening.Status.DRAFT:
        Screening.objects.filter(pk=screening.pk).update(status=Screening.Status.DRAFT)
        screening.refresh_from_db()
    users = {
        "contact": User.objects.filter(groups__name="Contact point").first(),
        "leader": User.objects.filter(groups__name="Leadership").first(),
        "admin": User.objects.filter(is_superuser=True).first()
        or User.objects.create_superuser("bench-admin", "bench-admin@example.no"),
        "owner": screening.owner,
    }
    return screening, users


def section_key(screening: Screening) -> str:
    sections = qn.visible_sections(
        screening.questionnaire, screening.answers, screening.context()
    )
    keys = [s.key for s in sections if s.key not in METADATA_SECTIONS]
    return next(
        (
            s.key
            for s in sections
            if s.key in keys and any(q.type == "ynu" for q in s.questions)
        ),
        keys[0],
    )


def section_post(client: Client, screening: Screening, path: str) -> Callable:
    """POST data for the section page that changes one answer on every call."""
    reader = FormReader()
    reader.feed(client.get(path).content.decode())
    form = next(f for f in reader.forms if "revision" in f)
    flip = next(name for name, values in reader.radios.items() if len(set(values)) > 1)
    choices = list(dict.fromkeys(reader.radios[flip]))
    state = {"turn": 0}

    def data() -> dict[str, Any]:
        current = Screening.objects.get(pk=screening.pk)
        state["turn"] += 1
        posted = {k: v for k, v in form.items() if v}
        posted["revision"] = [str(current.revision)]
        posted[flip] = [choices[state["turn"] % 2]]
        for name in list(posted):
            key = name.removeprefix("_orig.")
            if name.startswith("_orig."):
                posted[name] = [json.dumps(current.answers.get(key, ""))]
        return posted

    return data


def review_subject(draft: Screening) -> Screening:
    """A screening waiting for the contact point, at the highest level (the
    longest review page), of the small unit when it has one; at a tiny scale,
    where none waits, one of the small unit's is put in review."""
    waiting = Screening.objects.filter(
        status__in=(Screening.Status.SUBMITTED, Screening.Status.IN_REVIEW)
    ).order_by("pk")
    small = Screening.objects.filter(unit__short_name=seed.SMALL_UNIT).exclude(
        pk=draft.pk
    )
    for rows in (waiting.filter(unit__short_name=seed.SMALL_UNIT), waiting, small):
        for level in ("very_high", "high", "medium", "low", "incomplete"):
            found = rows.filter(overall_level=level).first()
            if found is not None:
                if found.status not in (
                    Screening.Status.SUBMITTED,
                    Screening.Status.IN_REVIEW,
                ):
                    found.status = Screening.Status.IN_REVIEW
                    Screening.objects.filter(pk=found.pk).update(status=found.status)
                return found
    raise RuntimeError("no screening to review")


def decision_post(screening: Screening) -> Callable[[], dict[str, Any]]:
    """The contact point sends the screening back with a reason: a decision
    that every level allows (approval may wait for routes at High and above)."""
    from screening.services.reviews import latest_submission_id

    def data() -> dict[str, Any]:
        seen = latest_submission_id(screening)
        return {
            "decision": "request_changes",
            "text": "Describe the export control assessment, please.",
            "seen": "" if seen is None else str(seen),
        }

    return data


def requests(screening: Screening, users: dict[str, User]) -> list[Request]:
    last = math.ceil(Agreement.objects.count() / 50)
    section = f"/screenings/{screening.pk}/section/{section_key(screening)}/"
    owner = Client()
    owner.force_login(users["owner"])
    admin_list = "/admin/agreements/agreement/"
    contact, owner_user = users["contact"], users["owner"]
    overview = {"reference": "admin changelist (Django)"}
    page_target = {"target": OVERVIEW_TARGET_MS, "target_name": "overview target"}
    form_target = {"target": QUESTIONNAIRE_TARGET_MS}
    waiting = review_subject(screening)
    review = f"/screenings/{waiting.pk}/review/"
    action = {"target": ACTION_TARGET_MS, "rolled_back": True}
    reports = Report.objects.filter(screening=waiting).count()
    return [
        Request("admin changelist (Django)", users["admin"], admin_list),
        Request(
            "admin changelist, filtered",
            users["admin"],
            f"{admin_list}?status__exact=active&kind__exact=research",
        ),
        Request("overview, unfiltered", contact, "/agreements/", **overview),
        Request(
            "overview, filtered",
            contact,
            "/agreements/?status=active&kind=research",
            reference="admin changelist, filtered",
            target=OVERVIEW_TARGET_MS,
        ),
        Request(
            "overview, filtered, repeat visit (cached)",
            contact,
            "/agreements/?status=active&kind=research",
            reference="admin changelist, filtered",
            cached=True,
        ),
        Request(
            "overview, search", contact, "/agreements/?q=collaboration", **overview
        ),
        Request("overview, sorted by end", contact, "/agreements/?o=-end", **overview),
        Request(
            "overview, last page", contact, f"/agreements/?page={last}", **overview
        ),
        Request("review queue", contact, "/reviews/", **page_target),
        Request("dashboard", users["leader"], "/dashboard/", **page_target),
        Request(
            "dashboard, repeat visit (cached)",
            users["leader"],
            "/dashboard/",
            cached=True,
        ),
        Request(
            "competence coverage",
            users["leader"],
            "/competence/coverage/",
            **page_target,
        ),
        Request("section GET", owner_user, section, **form_target),
        Request(
            "section POST",
            owner_user,
            section,
            data=section_post(owner, screening, section),
            **form_target,
        ),
        Request(
            "summary page",
            owner_user,
            f"/screenings/{screening.pk}/summary/",
            **form_target,
        ),
        Request("review page", contact, review, target=REVIEW_TARGET_MS),
        Request(
            "decision POST (request changes)",
            contact,
            f"{review}decide/",
            data=decision_post(waiting),
            done=lambda: (
                Screening.objects.get(pk=waiting.pk).status
                == Screening.Status.CHANGES_REQUESTED
            ),
            **action,
        ),
        Request(
            "report request POST",
            contact,
            f"/screenings/{waiting.pk}/report/",
            data=dict,
            done=lambda: Report.objects.filter(screening=waiting).count() > reports,
            **action,
        ),
    ]


def _call(client: Client, request: Request) -> Callable[[], Any]:
    def send() -> Any:
        if request.data is None:
            response = client.get(request.path)
        else:
            response = client.post(request.path, request.data())
        if response.status_code >= 400:
            raise RuntimeError(f"{request.path}: HTTP {response.status_code}")
        if request.done is not None and not request.done():
            # A refused action redirects too; its time is not the figure.
            raise RuntimeError(f"{request.path}: the action was refused")
        return response

    def call() -> Any:
        if not request.cached:
            cache.clear()
        if not request.rolled_back:
            return send()
        with transaction.atomic():
            response = send()
            transaction.set_rollback(True)
        return response

    return call


def count_queries(client: Client, request: Request) -> int:
    """SQL queries of one request; for a POST the larger of two in a row, since
    the saves alternate between two answers that may show other questions."""
    counts = []
    for _ in range(1 if request.data is None else 2):
        with CaptureQueriesContext(connection) as queries:
            _call(client, request)()
        counts.append(len(queries))
    return max(counts)


@contextmanager
def small_world(screening: Screening):
    """Only the small unit's 10 agreements and their screenings, until the end."""
    small = Unit.objects.get(short_name=seed.SMALL_UNIT)
    keep = list(
        Agreement.objects.filter(responsible_unit=small).values_list("pk", flat=True)
    )
    through = Agreement.partners.through._meta.db_table
    marks = ", ".join(["%s"] * len(keep))
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for table, column in (
                    (Screening._meta.db_table, "agreement_id"),
                    (through, "agreement_id"),
                    (Agreement._meta.db_table, "id"),
                ):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IS NULL "
                        f"OR {column} NOT IN ({marks})",
                        keep,
                    )
            yield
            raise _Rollback
    except _Rollback:
        pass


def measure(repeat: int, log: Callable[[str], None]) -> list[Figure]:
    screening, users = bench_subjects()
    reqs = requests(screening, users)
    clients: dict[int, Client] = {}
    for request in reqs:
        client = clients.get(request.user.pk)
        if client is None:
            client = clients[request.user.pk] = Client()
            client.force_login(request.user)
        log(f"  {request.name} ...")
        try:
            if request.cached:  # a repeat visit: the first one fills the cache
                _call(client, request)()
            queries_full = count_queries(client, request)
            samples = timed(_call(client, request), repeat=repeat)
        except RuntimeError as error:
            request.figure = Figure(request.name, None, note=str(error))
            continue
        request.figure = summarise(request.name, samples, queries_full=queries_full)
    with small_world(screening):
        for request in reqs:
            if request.figure and request.figure.value is not None:
                client = clients[request.user.pk]
                if request.cached:
                    _call(client, request)()
                request.figure.queries_small = count_queries(client, request)
    by_name = {r.name: r.figure for r in reqs}
    for request in reqs:
        figure = request.figure
        reference = by_name.get(request.reference)
        if request.reference and reference and reference.value:
            figure.reference, figure.reference_name = reference.value, request.reference
        elif request.target:
            figure.reference, figure.reference_name = (
                request.target,
                request.target_name,
            )
        if request.target and figure.value is not None:
            met = "met" if figure.value <= request.target else "MISSED"
            figure.note = f"target {request.target:.0f} ms {met}"
    return [r.figure for r in reqs]
