"""Named actions on named lists: import an edition, screen partners, adjudicate.

The scoring itself is pure (agreements.matching); this module feeds it the
active entries, records what it finds as PartnerMatch rows and keeps
Partner.named_list_status in step. Every function is idempotent: running it
again changes nothing and never forgets a contact point's decision.
"""

from __future__ import annotations

import csv
import datetime
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import Count, Max
from django.utils import timezone

from agreements.matching import CANDIDATE, PROBABLE, Entry, Match, MatchIndex
from agreements.matching.lists import (
    ListFileError,
    list_metadata,
    read_alias_csv,
    read_list_csv,
)
from agreements.models import (
    EntryAlias,
    NamedList,
    NamedListEntry,
    Partner,
    PartnerMatch,
    PartnerMatchDecision,
    User,
)
from config import fragments
from config.queueing import task_named
from countries.signals import facts_changed

__all__ = ["ListFileError"]

logger = logging.getLogger(__name__)

CC_BY_NC = "CC BY-NC 4.0"
OPENSANCTIONS_NOTE = (
    "Transcription by OpenSanctions (opensanctions.org), licensed CC BY-NC 4.0: "
    "attribute OpenSanctions and use non-commercially only. The underlying DoD "
    "list is a US Government work in the public domain."
)
SEEDED_LISTS: dict[str, dict[str, str]] = {
    "ca_nro": {
        "file": "ca_named_research_organizations.csv",
        "title": "Named Research Organizations (NRO)",
        "licence": "Crown copyright",
        "licence_note": (
            "Government of Canada list (Crown copyright; reproduction for "
            "non-commercial purposes is generally permitted). Transcribed from the "
            "official page; check it against the official page before relying on it."
        ),
    },
    "us_1286": {
        "file": "us_dod_section1286_fy2025.csv",
        "title": "US DoD Section 1286 list",
        "publisher": "US Department of Defense",
        "licence": CC_BY_NC,
        "licence_note": OPENSANCTIONS_NOTE,
    },
    "us_1260h": {
        "file": "us_dod_1260h_2026.csv",
        "title": "US DoD Section 1260H list (Chinese military companies)",
        "publisher": "US Department of Defense",
        "licence": CC_BY_NC,
        "licence_note": OPENSANCTIONS_NOTE,
    },
}


@dataclass(frozen=True)
class ImportResult:
    named_list: NamedList
    added: int
    updated: int
    unchanged: int
    retired: int


@dataclass(frozen=True)
class Found:
    """A match from the matcher with its list entry, for display."""

    match: Match
    entry: NamedListEntry

    @cached_property
    def alias(self) -> EntryAlias | None:
        """The alias added here (not by the list) that the name matched."""
        return self.entry.local_aliases.filter(name=self.match.matched_name).first()


def seed_named_lists() -> list[ImportResult]:
    """Load the three seeded lists from fixtures/ (what sync_named_lists runs)."""
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    results = []
    for key, meta in SEEDED_LISTS.items():
        data = (fixtures / meta["file"]).read_bytes()
        extra = {k: v for k, v in meta.items() if k != "file"}
        results.append(import_named_list(key=key, data=data, rescreen=False, **extra))
    rescreen_partners(cause={"kind": "list_edition"})
    return results


PROJECT_ALIASES = "named_list_aliases.csv"


def apply_project_aliases() -> int:
    """Give every entry the native-script names the project ships for it
    (fixtures/named_list_aliases.csv), marked as added by the project; returns
    how many were new. Idempotent; entries keep them across editions."""
    path = Path(settings.BASE_DIR) / "fixtures" / PROJECT_ALIASES
    languages = {}
    with path.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            languages[row["name"], row["alias"]] = row.get("language", "")
    wanted = read_alias_csv(path.read_bytes())
    have = set(
        EntryAlias.objects.filter(entry__name__in=wanted).values_list(
            "entry_id", "name"
        )
    )
    added = 0
    for entry in NamedListEntry.objects.filter(name__in=wanted):
        for alias in wanted[entry.name]:
            if (entry.pk, alias) not in have:
                EntryAlias.objects.create(
                    entry=entry,
                    name=alias,
                    language=languages.get((entry.name, alias), ""),
                    source=EntryAlias.Source.PROJECT,
                )
                added += 1
    return added


@transaction.atomic
def add_entry_alias(
    entry: NamedListEntry, *, name: str, note: str = "", by: User
) -> EntryAlias:
    """A contact point's further name for a list entry; partners are screened
    again in the background. Adding a name the entry already has changes
    nothing."""
    name = " ".join(name.split())
    alias, created = EntryAlias.objects.get_or_create(
        entry=entry,
        name=name,
        defaults={"note": note.strip(), "added_by": by},
    )
    if created:
        task_named("agreements.tasks.rescreen_partners").delay_on_commit()
    return alias


@transaction.atomic
def remove_entry_alias(alias: EntryAlias, *, by: User) -> None:
    """Remove a contact point's alias (the project's stay); history keeps it."""
    if alias.source != EntryAlias.Source.LOCAL:
        raise ValueError("only locally added aliases can be removed")
    alias._history_user = by  # simple_history records who removed it
    alias.delete()
    task_named("agreements.tasks.rescreen_partners").delay_on_commit()


def _edition_cause(named_list: NamedList) -> dict[str, str]:
    return {
        "kind": "list_edition",
        "list": named_list.title,
        "edition": named_list.edition,
    }


@transaction.atomic
def import_named_list(
    *,
    key: str,
    data: bytes,
    title: str = "",
    publisher: str = "",
    edition: str = "",
    licence: str = "",
    licence_note: str = "",
    kind: str = "",
    rescreen: bool = True,
) -> ImportResult:
    """Load an edition of a list from CSV bytes. Entries missing from it are kept
    as historical (active=False). Raises ListFileError before changing anything."""
    rows = read_list_csv(data)
    meta = list_metadata(data)
    edition = edition or meta["edition"]
    named_list, _ = NamedList.objects.get_or_create(
        key=key, defaults={"title": title or meta["title"] or key}
    )
    named_list.title = title or meta["title"] or named_list.title
    named_list.publisher = publisher or meta["publisher"] or named_list.publisher
    named_list.source_url = meta["source_url"] or named_list.source_url
    named_list.licence = licence or named_list.licence
    named_list.licence_note = licence_note or named_list.licence_note
    if kind:  # "sanctions": its entries are listed entities (flag sanctions_list)
        named_list.kind = NamedList.Kind(kind)
    named_list.edition_label, named_list.edition_date = edition, _date(edition)
    named_list.active = True
    named_list.imported_at = timezone.now()
    named_list.save()
    existing = {e.name: e for e in named_list.entries.all()}
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        entry = existing.pop(row.name, None)
        if entry is None:
            entry = NamedListEntry(named_list=named_list, name=row.name)
            entry.first_seen, counts["added"] = edition, counts["added"] + 1
        elif entry.fingerprint == row.fingerprint and entry.active:
            counts["unchanged"] += 1
        else:
            counts["updated"] += 1
        entry.aliases, entry.country = list(row.aliases), row.country
        entry.parent_name, entry.notes = row.parent, row.notes
        entry.fingerprint, entry.active, entry.last_seen = (
            row.fingerprint,
            True,
            edition,
        )
        entry.save()
    retired = [e.pk for e in existing.values() if e.active]
    NamedListEntry.objects.filter(pk__in=retired).update(active=False)
    fragments.changed()  # the update above sends no signal
    apply_project_aliases()
    if rescreen:
        rescreen_partners(cause=_edition_cause(named_list))
    return ImportResult(named_list, retired=len(retired), **counts)


def build_index() -> MatchIndex:
    """The matcher over every active entry of every active list."""
    entries = (
        NamedListEntry.objects.filter(active=True, named_list__active=True)
        .select_related("named_list")
        .prefetch_related("local_aliases")
    )
    return MatchIndex(
        Entry(
            key=e.pk,
            name=e.name,
            aliases=(*e.aliases, *(a.name for a in e.local_aliases.all())),
            country=e.country,
            parent=e.parent_name,
            list_key=e.named_list.key,
        )
        for e in entries
    )


_cached: tuple[tuple, MatchIndex] | None = None


def current_index() -> MatchIndex:
    """build_index(), reused until an import changes the entries."""
    global _cached
    signature = tuple(
        NamedListEntry.objects.filter(active=True, named_list__active=True)
        .aggregate(
            n=Count("pk"),
            last=Max("pk"),
            imported=Max("named_list__imported_at"),
        )
        .values()
    ) + tuple(EntryAlias.objects.aggregate(n=Count("pk"), last=Max("pk")).values())
    if _cached is None or _cached[0] != signature:
        _cached = (signature, build_index())
    return _cached[1]


def preload_index() -> None:
    """Build the matcher when a web or worker process starts (config/wsgi.py,
    Celery's worker_process_init), so that the first screening query does not
    wait for it. A database not yet migrated is no reason to fail to start."""
    try:
        current_index()
    except DatabaseError as error:
        logger.warning("Named-list index not preloaded: %s", error)
    finally:
        # The request cycle opens its own connection; one inside a transaction
        # (a test's, or a caller's) is not ours to close.
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close()


def check_name(
    name: str, country: str = "", *, threshold: float = CANDIDATE
) -> list[Found]:
    """Entries resembling the name, best first (InvalidName for bad input)."""
    matches = current_index().search(name, country, threshold=threshold)
    entries = entries_for(matches)
    return [Found(m, entries[m.key]) for m in matches if m.key in entries]


def entries_for(matches: list[Match]) -> dict[int, NamedListEntry]:
    return NamedListEntry.objects.select_related("named_list").in_bulk(
        [m.key for m in matches]
    )


def partner_matches(partner: Partner, index: MatchIndex | None = None) -> list[Match]:
    """The best match per entry over the partner's name and aliases."""
    index = index or current_index()
    best: dict[int, Match] = {}
    names = [partner.name, *partner.aliases.values_list("name", flat=True)]
    for name in names:
        for match in index.search(name, partner.country_id or ""):
            if match.key not in best or match.score > best[match.key].score:
                best[match.key] = match
    return sorted(best.values(), key=lambda m: -m.score)


@transaction.atomic
def screen_partner(
    partner: Partner,
    *,
    index: MatchIndex | None = None,
    rescore: bool = True,
    cause: dict[str, str] | None = None,
) -> bool:
    """The one partner-screening service: record the partner's current
    candidates against the loaded lists. Decisions stay, except that a
    dismissal lapses when the entry has changed since it was made (kept in the
    decision history). True when anything changed; then the partner's
    screenings are re-scored on commit (unless `rescore` is False, for callers
    that re-score many partners at once)."""
    found = {m.key: m for m in partner_matches(partner, index)}
    entries = NamedListEntry.objects.in_bulk(list(found))
    changed = False
    for match in partner.named_list_matches.select_related("entry"):
        hit = found.pop(match.entry_id, None)
        if hit is None:
            if match.status == PartnerMatch.Status.CANDIDATE:
                match.delete()
                changed = True
            continue
        before = (match.score, match.matched_name, match.status)
        match.score, match.matched_name = hit.score, hit.matched_name
        dismissed = match.status == PartnerMatch.Status.DISMISSED
        if dismissed and match.decided_fingerprint != match.entry.fingerprint:
            match.status = PartnerMatch.Status.CANDIDATE
            _record(match, before[2], reason=ENTRY_CHANGED, by=None)
        if (match.score, match.matched_name, match.status) != before:
            match.save()
            changed = True
    for key, hit in found.items():
        PartnerMatch.objects.create(
            partner=partner,
            entry=entries[key],
            score=hit.score,
            matched_name=hit.matched_name,
        )
        changed = True
    update_named_list_status(partner)
    if changed and rescore:
        enqueue_rescore(partner_ids=[partner.pk], cause=cause or {"kind": "screened"})
    return changed


ENTRY_CHANGED = "The list entry changed since it was dismissed."


def rescreen_partners(*, cause: dict[str, str] | None = None) -> int:
    """Screen every partner against the current lists; returns how many. The
    screenings of the partners whose candidates changed are re-scored in one
    task on commit."""
    index = build_index()
    partners = Partner.objects.prefetch_related("aliases")
    changed = [
        partner.pk
        for partner in partners
        if screen_partner(partner, index=index, rescore=False)
    ]
    if changed:
        enqueue_rescore(partner_ids=changed, cause=cause or {"kind": "list_edition"})
    return len(partners)


def enqueue_rescore(
    *, partner_ids: list[int] = (), countries: list[str] = (), cause: dict[str, str]
) -> None:
    """Re-score the screenings of these partners (or countries) on commit."""
    facts_changed.send(
        __name__, partner_ids=partner_ids, countries=countries, cause=cause
    )


def update_named_list_status(partner: Partner) -> str:
    """The one place that sets Partner.named_list_status: "confirmed" with a
    confirmed match, "candidate" with a pending probable match (score >=
    PROBABLE) on an active entry, else empty. Saved with a history row."""
    matches = partner.named_list_matches.all()
    confirmed = matches.filter(status=PartnerMatch.Status.CONFIRMED).exists()
    pending = matches.filter(
        status=PartnerMatch.Status.CANDIDATE, score__gte=PROBABLE, entry__active=True
    ).exists()
    status = "confirmed" if confirmed else ("candidate" if pending else "")
    if partner.named_list_status != status:
        partner.named_list_status = status
        partner.save(update_fields=["named_list_status", "updated_at"])
    return status


@transaction.atomic
def decide_match(
    match: PartnerMatch, *, status: str, reason: str, by: User
) -> PartnerMatch:
    """Confirm or dismiss a candidate, with the contact point's reason. Every
    decision is kept (PartnerMatchDecision) and re-scores the partner's
    screenings on commit."""
    if status not in (PartnerMatch.Status.CONFIRMED, PartnerMatch.Status.DISMISSED):
        raise ValueError(f"not a decision: {status}")
    locked = PartnerMatch.objects.select_for_update(of=("self",)).get(pk=match.pk)
    match.status, match.reason = locked.status, locked.reason  # no lost decision
    if match.status == status and match.reason == reason.strip():
        return match
    before = match.status
    match.status, match.reason = status, reason.strip()
    match.decided_by, match.decided_at = by, timezone.now()
    match.decided_fingerprint = match.entry.fingerprint
    match.save()
    decision = _record(match, before, reason=match.reason, by=by)
    update_named_list_status(match.partner)
    named_list = match.entry.named_list
    enqueue_rescore(
        partner_ids=[match.partner_id],
        cause={
            "kind": f"match_{status}",
            "list": named_list.title,
            "by": by.get_full_name() or by.username,
            "decision": str(decision.pk),
        },
    )
    return match


def _record(
    match: PartnerMatch, before: str, *, reason: str, by: User | None
) -> PartnerMatchDecision:
    return PartnerMatchDecision.objects.create(
        match=match,
        status_before=before,
        status=match.status,
        reason=reason,
        decided_by=by,
        decided_at=match.decided_at if by else timezone.now(),
        entry_fingerprint=match.entry.fingerprint,
    )


def _date(edition: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(edition)
    except ValueError:
        return None
