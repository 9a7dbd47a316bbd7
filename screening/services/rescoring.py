"""Re-score stored screenings in bulk, after what they were scored on changed.

A screening's result is stored, never recomputed on read. When the facts a
score depends on change outside the answers (a country's indicators, a
partner's confirmed named-list matches), `rescore_screenings` scores the
chosen screenings again under their own questionnaire version, exactly as a
save does (`Screening.rescore`), and writes only the rows whose result moved.

It reads the screenings in batches as plain rows (`Row`) with only the
fields scoring needs (not the stored result, about 10 KB of JSON, nor the
other JSON fields): the result's digest says whether a fresh result differs,
and a row whose inputs are those its stored result was scored from (its
inputs digest) is not scored at all, so re-scoring unchanged screenings
writes nothing. The facts of the countries and partners are loaded once per
run, and the rows that moved are read whole in one query and written as
`Screening.save` would write them (revision, update time, the derived columns
and a history row) with bulk updates.
"""

from __future__ import annotations

import gc
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from agreements.models import Agreement, Partner, PartnerIncident, PartnerMatch
from agreements.models.incidents import INCIDENT_ORDER
from agreements.models.named_lists import FLAGGING
from agreements.models.partners import CONFIRMED_ORDER
from config import fragments
from config.queueing import send_on_commit
from countries.facts import AssetFacts, CountryFacts, PartnerFacts
from countries.models import Country
from screening import questionnaire as qn
from screening.models import Screening
from screening.models.screenings import (
    asset_facts,
    case_context,
    picked_asset_ids,
    proposal_facts,
)
from screening.scoring.stored import Case, Scored, score_case
from screening.services.asset_picks import touching
from valueregister.models import Asset

# Rows per transaction: each holds its rows locked for about half a second;
# fewer, larger batches spend less on the queries each makes (its facts, its
# writes).
BATCH = 1000
logger = logging.getLogger(__name__)


class Row(NamedTuple):
    """What scoring a screening reads and deciding whether it moved compares,
    read as plain values (building model instances cost more than a third of
    reading). The rest (the stored result, about 10 KB of JSON, and the other
    JSON fields) is read only for the rows that moved, as model instances,
    whose history rows copy every field (`_moved_instances`)."""

    pk: int
    questionnaire_id: str
    questionnaire_version: int
    answers: dict[str, object]
    stage: str
    status: str
    country_id: str
    partner_id: int | None
    proposed_partner_name: str
    proposed_partner_country_id: str | None
    result_digest: str
    inputs_digest: str
    overall_level: str


READ = Row._fields


@dataclass(frozen=True)
class Rescored:
    screenings: int  # scored again
    changed: int  # whose stored result or level moved (and were written)
    unchanged_inputs: int = 0  # not scored: the inputs of their stored result


def enqueue(
    *, partner_ids: Iterable[int] = (), countries: Iterable[str] = (), cause: dict
) -> None:
    """Re-score, on commit and in a Celery task, the screenings of these
    partners and countries (see `rescore_affected`); `cause` says why, for the
    screening page and the e-mail (kind, list, edition, country, by)."""
    partner_ids, countries = sorted(set(partner_ids)), sorted(set(countries))
    if partner_ids or countries:
        send_on_commit(
            "screening.tasks.rescore_affected", partner_ids, countries, dict(cause)
        )


def on_facts_changed(
    sender: object,
    *,
    partner_ids: Iterable[int] = (),
    countries: Iterable[str] = (),
    asset_ids: Iterable[int] = (),
    cause: dict,
    **kwargs: object,
) -> None:
    """Receiver of countries.signals.facts_changed (connected in apps.py)."""
    if partner_ids or countries:
        enqueue(partner_ids=partner_ids, countries=countries, cause=cause)
    enqueue_for_assets(asset_ids, cause)


def enqueue_for_assets(asset_ids: Iterable[int], cause: dict) -> None:
    """Re-score, on commit, the screenings whose answers pick these
    value-register assets (their name, owner or sensitivity changed)."""
    if ids := sorted(set(asset_ids)):
        send_on_commit("screening.tasks.rescore_assets", ids, dict(cause))


def rescore_assets(*, asset_ids: Iterable[int], cause: dict) -> Rescored:
    """Score again the screenings that pick these assets (not withdrawn ones)."""
    wanted = set(asset_ids)
    rows = Screening.objects.exclude(status=Screening.Status.WITHDRAWN)
    found = touching(rows)
    pks = {
        s.pk for asset_id, picked in found.items() if asset_id in wanted for s in picked
    }
    return rescore_screenings(Screening.objects.filter(pk__in=pks), cause=cause)


def rescore_affected(
    *, partner_ids: Iterable[int] = (), countries: Iterable[str] = (), cause: dict
) -> Rescored:
    """Score again the screenings of these partners or countries (withdrawn
    ones keep their result) and record what moved; safe to run twice."""
    rows = Screening.objects.filter(
        Q(partner_id__in=list(partner_ids)) | Q(country_id__in=list(countries))
    ).exclude(status=Screening.Status.WITHDRAWN)
    return rescore_screenings(rows, cause=cause)


def rescore_screenings(
    screenings: QuerySet[Screening] | None = None,
    *,
    batch_size: int = BATCH,
    cause: dict | None = None,
    force: bool = False,
) -> Rescored:
    """Score `screenings` (an unsliced queryset; default: all) again and store
    the results that moved (`force`: score even the rows whose inputs have not
    changed since their stored result).

    Each batch is read, scored and written in one transaction with its rows
    locked, so a screening saved meanwhile waits (under a second) and is then
    scored again by its own save; no batch overwrites a newer answer.
    """
    rows = Screening.objects.all() if screenings is None else screenings
    rows = rows.select_for_update().values_list(*READ)
    # The facts of the countries and partners met so far, loaded once per run
    # (a change to them meanwhile enqueues its own re-scoring, on commit).
    facts = _Facts()
    seen = changed = skipped = last = 0
    while True:
        with transaction.atomic(), _collector_paused():
            done = _rescore_batch(
                rows.filter(pk__gt=last).order_by("pk")[:batch_size],
                facts,
                cause or {"kind": "rescore"},
                force,
            )
        if done is None:
            return Rescored(seen, changed, skipped)
        last, count, moved, unchanged = done
        seen += count
        changed += moved
        skipped += unchanged


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch holds a great many JSON containers (the answers) that all live
    until it is written, and scoring allocates many more short-lived ones; the
    cyclic garbage collector walked them over and over. Reference counting
    frees them when the batch is done (before the collector resumes, so it
    finds little to walk)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _Facts:
    """The facts of the countries and partners of one run, loaded as met."""

    countries: dict[str, CountryFacts] = field(default_factory=dict)
    partners: dict[int, PartnerFacts] = field(default_factory=dict)
    proposed: set[int] = field(default_factory=set)  # partners still proposals

    def load(self, batch: list[Row]) -> None:
        iso2 = {row.country_id for row in batch} - self.countries.keys()
        if iso2:
            found = Country.objects.filter(pk__in=iso2).prefetch_related("indicators")
            self.countries.update((country.pk, country.facts()) for country in found)
        ids = {row.partner_id for row in batch} - self.partners.keys() - {None}
        if ids:
            partners = list(_with_flags(Partner.objects.filter(pk__in=ids)))
            self.partners.update(_partner_facts(partners))
            self.proposed.update(p.pk for p in partners if p.proposed)

    def context(self, row: Row, assets: list[Asset]) -> qn.Context:
        """`Screening.context` of the screening read as `row`."""
        if row.partner_id is None:
            country = row.proposed_partner_country_id or row.country_id
            name = row.proposed_partner_name
            partner = proposal_facts(name, country, row.answers)
        else:
            partner = self.partners[row.partner_id]
        return case_context(
            pk=row.pk,
            answers=row.answers,
            stage=row.stage,
            country=self.countries[row.country_id],
            partner=partner,
            proposed=row.partner_id in self.proposed,
            assets=_asset_facts(row, assets),
        )


def _rescore_batch(
    rows: QuerySet[Screening, tuple],
    facts: _Facts,
    cause: dict,
    force: bool = False,
) -> tuple[int, int, int, int] | None:
    """(last id, screenings, changed, unchanged inputs) of one batch, None when
    no row is left."""
    batch = [Row._make(values) for values in rows]
    if not batch:
        return None
    facts.load(batch)
    assets = _picked_assets(batch)
    scored_rows: list[tuple[Row, Scored]] = []
    inputs_only: list[tuple[int, str]] = []
    skipped = 0
    for row in batch:
        try:
            scored = _score(row, facts, assets, force)
        except Exception:  # one bad row must not stop the others' re-scoring
            logger.exception("Re-scoring screening %s failed", row.pk)
            continue
        if scored is None:  # the inputs of its stored result: nothing to do
            skipped += 1
        elif scored.changed or scored.overall_level != row.overall_level:
            scored_rows.append((row, scored))
        elif scored.inputs != row.inputs_digest:
            # Same result from other inputs (or from before inputs digests):
            # only the digest, no new revision or history row.
            inputs_only.append((row.pk, scored.inputs))
    moved = _moved(scored_rows, cause)
    _write(moved)
    _write_inputs_digests(inputs_only)
    moved_count = sum(len(group) for group in moved.values())
    return batch[-1].pk, len(batch), moved_count, skipped


def _moved(
    scored_rows: list[tuple[Row, Scored]], cause: dict
) -> dict[tuple[str, ...], list[Screening]]:
    """The screenings whose result or level moved, read whole (one query) and
    set as `Screening.save` would set them, grouped by the fields that moved."""
    if not scored_rows:
        return {}
    found = Screening.objects.in_bulk([row.pk for row, _ in scored_rows])
    moved: dict[tuple[str, ...], list[Screening]] = defaultdict(list)
    for row, scored in scored_rows:
        screening = found[row.pk]  # locked by the batch's read: still there
        fields = []
        if scored.changed:
            screening.result = scored.result
            fields.append("result")
        if scored.overall_level != row.overall_level:
            screening.level_change = level_change(
                row.overall_level, scored.overall_level, cause
            )
            screening.overall_level = scored.overall_level
            fields += ["overall_level", "level_change"]
            if row.status in NOTIFIED:
                _notify(row.pk)
        screening.inputs_digest = scored.inputs
        moved[(*fields, "scored_at", "inputs_digest")].append(screening)
    return moved


def _score(
    row: Row, facts: _Facts, assets: list[Asset], force: bool = False
) -> Scored | None:
    context = facts.context(row, assets)
    return score_case(
        Case(
            row.questionnaire_id,
            row.questionnaire_version,
            row.answers,
            context.country,
            context.partners,
            context.stage,
            row.result_digest,
            context.assets,
            row.inputs_digest,
        ),
        force=force,
    )


def _asset_ids(row: Row) -> list[int]:
    q = qn.load(row.questionnaire_id, row.questionnaire_version)
    return picked_asset_ids(q, row.answers)


def _asset_facts(row: Row, assets: list[Asset]) -> tuple[AssetFacts, ...]:
    """The assets `row`'s answers pick, from those of its batch."""
    return asset_facts(assets, _asset_ids(row)) if assets else ()


def _picked_assets(batch: list[Row]) -> list[Asset]:
    """The value-register assets the batch's answers pick, in one query and
    in the order of `Screening.picked_assets` (each screening keeps its own)."""
    ids: set[int] = set()
    for row in batch:
        try:
            ids.update(_asset_ids(row))
        except Exception:  # a row that cannot be read fails, and is logged, in _score
            continue
    if not ids:
        return []
    found = Asset.objects.filter(pk__in=ids).select_related("unit")
    return list(found.order_by("name", "pk"))


def _with_flags(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """Partners with whether any of their matches flags them and whether any
    incident is recorded against them (most partners have neither, and their
    facts then need no more queries)."""
    return partners.annotate(
        any_flagging=Exists(
            PartnerMatch.objects.filter(FLAGGING, partner=OuterRef("pk"))
        ),
        any_incident=Exists(PartnerIncident.objects.filter(partner=OuterRef("pk"))),
    )


def _partner_facts(partners: list[Partner]) -> dict[int, PartnerFacts]:
    """The facts of partners read `_with_flags`: their flagging matches and
    incidents in one query each, only for the partners that have any."""
    flagging, incidents = defaultdict(list), defaultdict(list)
    if flagged := [p.pk for p in partners if p.any_flagging]:
        matches = PartnerMatch.objects.filter(FLAGGING, partner_id__in=flagged)
        for match in matches.order_by("partner_id", *CONFIRMED_ORDER):
            flagging[match.partner_id].append(match)
    if recorded := [p.pk for p in partners if p.any_incident]:
        found = PartnerIncident.objects.filter(partner_id__in=recorded)
        for incident in found.order_by("partner_id", *INCIDENT_ORDER):
            incidents[incident.partner_id].append(incident)
    return {p.pk: p.facts(flagging[p.pk], incidents[p.pk]) for p in partners}


def _write(moved: dict[tuple[str, ...], list[Screening]]) -> None:
    """What `Screening.save` writes for a new result (with a history row), one
    bulk update per set of changed fields; the agreements that show the level
    of a screening follow it."""
    now = timezone.now()
    levels: dict[str, list[int]] = defaultdict(list)
    for fields, group in moved.items():
        written = set(fields)
        for screening in group:
            written |= screening.derive_fields(fields)
            screening.updated_at = now  # auto_now: bulk updates skip it
            screening.scored_at = now
            if "overall_level" in fields:
                levels[screening.overall_level].append(screening.pk)
        bulk_update_with_history(
            group, Screening, sorted(written), batch_size=BATCH, default_date=now
        )
    for level, pks in levels.items():
        Agreement.objects.filter(last_screening_id__in=pks).update(
            last_screening_level=level
        )
    if moved:
        fragments.changed()  # bulk and queryset updates send no signal


def _write_inputs_digests(rows: list[tuple[int, str]]) -> None:
    """Only the inputs digests, (id, digest) per row: one UPDATE from a VALUES
    list on PostgreSQL (Django's bulk_update builds a CASE expression per row,
    which cost more than scoring the rows)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Screening.objects.bulk_update(
            [Screening(pk=pk, inputs_digest=found) for pk, found in rows],
            ["inputs_digest"],
            batch_size=BATCH,
        )
        return
    table = connection.ops.quote_name(Screening._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(rows))
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET inputs_digest = v.digest "
            f"FROM (VALUES {values}) AS v(id, digest) WHERE {table}.id = v.id",
            params,
        )


# A level change of these is news for the researcher and the contact point.
NOTIFIED = (
    Screening.Status.SUBMITTED,
    Screening.Status.IN_REVIEW,
    Screening.Status.APPROVED,
    Screening.Status.APPROVED_WITH_CONDITIONS,
)


def level_change(before: str, after: str, cause: dict) -> dict:
    """What the screening page shows: "Raised from Medium to High on ...: ...".
    Plain strings, rendered in the reader's language (`level_changes`)."""
    return {
        "from": before,
        "to": after,
        "at": timezone.now().isoformat(),
        "cause": {k: str(v) for k, v in cause.items()},
    }


def _notify(screening_id: int) -> None:
    """An e-mail task per moved screening, queued on commit: each is sent and
    retried on its own (screening.tasks.notify_level_changed)."""
    send_on_commit("screening.tasks.notify_level_changed", screening_id)
