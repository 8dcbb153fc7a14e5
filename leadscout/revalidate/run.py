"""`leadscout revalidate`: re-fetch, re-extract what changed, decide, record — one run, under one lock.

Steps: choose the people due (leadscout.revalidate.plan); queue their source pages
as a ``revalidate`` job; re-fetch them conditionally through Scrapy
(leadscout.revalidate.fetch); extract the bodies that changed and store what they
show (suppression honoured at ingest, as in a crawl); decide each person's status
and confidence (leadscout.revalidate.decide); write status, confidence,
``person_validation`` and ``person_history`` in chunked transactions; merge name
variants the new bodies brought (enrichment.resolve); purge what is past
retention (leadscout.privacy.retention). Runs hold the ``revalidate`` lock, so
two never overlap (a manual run and a scheduled one included).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, bindparam, select, update

from leadscout.config import Settings
from leadscout.progress import ProgressReporter, null_progress
from leadscout.revalidate.checks import stored_verdicts
from leadscout.revalidate.decide import PageState, RevalidatePolicy, Verdict, decide, presence
from leadscout.revalidate.fetch import FetchOptions, FetchResult, fetch_sources
from leadscout.revalidate.plan import DuePerson, due_people, parse_window
from leadscout.revalidate.report import RevalidateSummary
from leadscout.seeds import Seed
from leadscout.store import create_store_engine
from leadscout.store.crawl import as_utc, create_job, finish_job, url_hash
from leadscout.store.history import Validation, record_changes, save_validations
from leadscout.store.locks import HeldLock
from leadscout.store.schema import job_sites, pages, people, sites

log = logging.getLogger(__name__)

LOCK = "revalidate"
"""Held by re-validation and by `leadscout purge`: both delete or rewrite people."""
CHUNK = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class RevalidateOptions:
    """What `leadscout revalidate` was asked to do."""

    older_than: timedelta = timedelta(days=30)
    """Re-validate people not confirmed for this long."""
    site: str | None = None
    """Only this site (registered domain), if given."""
    fetch: FetchOptions = field(default_factory=FetchOptions)
    purge: bool = True
    """Purge what is past retention afterwards (when ``Settings.retention_days`` > 0)."""
    policy: RevalidatePolicy = field(default_factory=RevalidatePolicy)


def options_from(settings: Settings, *, older_than: str | None, **kwargs) -> RevalidateOptions:
    return RevalidateOptions(older_than=parse_window(older_than or settings.revalidate_after), **kwargs)


def revalidate(settings: Settings, options: RevalidateOptions, progress: ProgressReporter = null_progress, *,
               clock: Callable[[], datetime] = utcnow, nlp=None) -> RevalidateSummary:
    """One re-validation run; ``clock`` says what "now" is (tests inject one)."""
    engine = create_store_engine(settings.db)
    with HeldLock(engine, LOCK):
        summary = _run(settings, engine, options, progress, clock, nlp)
        if options.purge and settings.retention_days > 0:
            from leadscout.privacy.retention import purge_expired

            purged = purge_expired(engine, retention=timedelta(days=settings.retention_days), now=clock())
            summary.purged_people, summary.purged_pages = purged.people, purged.pages
    summary.finished_at = clock()
    return summary


def _run(settings: Settings, engine: Engine, options: RevalidateOptions, progress: ProgressReporter,
         clock: Callable[[], datetime], nlp) -> RevalidateSummary:
    started, wall_start = clock(), utcnow()
    with engine.connect() as conn:
        due = due_people(conn, now=started, window=options.older_than, site=options.site)
    summary = RevalidateSummary(started_at=started, people=len(due))
    sources = {url: person.site for person in due for url in person.sources}
    summary.urls = len(sources)
    if not due:
        return summary
    job_id = create_job(engine, "revalidate", {
        "older_than_seconds": options.older_than.total_seconds(), "site": options.site, "people": len(due),
        "conditional": options.fetch.conditional, "allow_private": options.fetch.allow_private,
    }, seeds=[Seed(url=url, site=site) for url, site in sources.items()])
    summary.job_id = job_id
    try:
        fetched = fetch_sources(settings, job_id, options.fetch, progress, total=len(sources)) if sources \
            else FetchResult()
        summary.conditional_requests = fetched.stats.get("leadscout/revalidate/conditional", 0)
        summary.response_bytes = fetched.stats.get("downloader/response_bytes", 0)
        states = _page_states(settings, engine, sources, fetched, progress, nlp)
        for state in states.values():
            summary.pages[state.kind] += 1
        shown = [p.person_id for p in due if presence(p, states).shown]
        validated = stored_verdicts(engine, shown)  # validation.store: fresh verdicts of those still shown
        verdicts = [decide(person, states, policy=options.policy, validated=validated.get(person.person_id))
                    for person in due]
        _apply(engine, due, verdicts, now=clock(), job_id=job_id, summary=summary)
        summary.new_people, summary.merged = _after_extraction(engine, job_id, {p.person_id for p in due},
                                                               since=wall_start, extracted=summary.pages["changed"])
    except BaseException as exc:
        finish_job(engine, job_id, status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    finish_job(engine, job_id, status="done")
    return summary


def _page_states(settings: Settings, engine: Engine, sources: dict[str, str], fetched: FetchResult,
                 progress: ProgressReporter, nlp) -> dict[str, PageState]:
    """Source URL -> state; bodies not yet extracted at their current content are extracted and stored now."""
    states: dict[str, PageState] = {}
    to_extract: dict[str, list[str]] = {}  # final URL -> source URLs answered by it
    for url in sources:
        outcome = fetched.outcomes.get(url)
        if outcome is None:
            states[url] = PageState(kind="failed", reason="not_fetched")
        elif outcome.kind in ("gone", "failed"):
            states[url] = PageState(kind=outcome.kind, reason=outcome.reason)
        else:
            to_extract.setdefault(outcome.final_url, []).append(url)
    stored = _stored_pages(engine, list(to_extract))
    changed = []
    for final_url, urls in to_extract.items():
        row = stored.get(final_url)
        kind = "not_modified" if fetched.outcomes[urls[0]].kind == "not_modified" else "unchanged"
        if row is not None and row.html is not None and row.extracted_sha256 != row.sha256:
            changed.append(row)
            continue
        for url in urls:
            if row is None and kind == "unchanged":  # fetched but not stored: nothing to judge by
                states[url] = PageState(kind="failed", reason="not_stored")
            else:  # a 304 with no stored copy still says "as you last saw it" (RFC 9110 section 15.4.5)
                states[url] = PageState(kind=kind, sha256=row.sha256 if row is not None else None)
    for row, keys, confidence in _extract(settings, engine, changed, progress, nlp):
        for url in to_extract[row.url]:
            states[url] = PageState(kind="changed", sha256=row.sha256, keys=keys, confidence=confidence)
    return states


def _stored_pages(engine: Engine, urls: list[str]) -> dict:
    found = {}
    with engine.connect() as conn:
        for start in range(0, len(urls), 900):
            hashes = [url_hash(u) for u in urls[start:start + 900]]
            query = (select(pages.c.id, pages.c.url, pages.c.sha256, pages.c.extracted_sha256, pages.c.html,
                            pages.c.fetched_at, pages.c.status, pages.c.language, pages.c.title, pages.c.headers,
                            sites.c.site).join(sites, sites.c.id == pages.c.site_id)
                     .where(pages.c.url_sha256.in_(hashes)))
            found.update({row.url: row for row in conn.execute(query)})
    return found


def _extract(settings: Settings, engine: Engine, rows: list, progress: ProgressReporter, nlp):
    """Extract and store each changed body; yields (row, person keys found, confidence per key)."""
    if not rows:
        return
    from leadscout.records import Page
    from leadscout.store.people import person_key, save_extraction
    from ner import extract_pages, load_nlp

    nlp = nlp or load_nlp(settings.spacy_model)
    by_url = {row.url: row for row in rows}
    task = progress.task("re-extracting", total=len(rows))
    records = (Page(url=r.url, site=r.site, fetched_at=as_utc(r.fetched_at), status=r.status, sha256=r.sha256,
                    html=r.html, language=r.language, title=r.title, headers=r.headers or {}) for r in rows)
    try:
        for page, contacts, facts in extract_pages(records, nlp=nlp, default_region=settings.default_region):
            row = by_url[page.url]
            save_extraction(engine, row.id, contacts, facts)
            confidence: dict[str, float] = {}
            for contact in contacts:
                if contact.name is not None:
                    key = person_key(contact.name.full)
                    confidence[key] = max(confidence.get(key, 0.0), contact.confidence)
            task.advance(1)
            yield row, frozenset(confidence), confidence
    finally:
        task.done()


def _apply(engine: Engine, due: list[DuePerson], verdicts: list[Verdict], *, now: datetime, job_id: int,
           summary: RevalidateSummary) -> None:
    """Write statuses, confidences, validations and history, CHUNK people per transaction.

    The UPDATE runs first: it locks the rows (PostgreSQL) or the database (SQLite), so a person erased by a
    concurrent `leadscout forget` is either updated before the erasure or seen as gone and skipped.
    """
    by_id = {p.person_id: p for p in due}
    set_status = (update(people).where(people.c.id == bindparam("pid"))
                  .values(status=bindparam("new_status"), confidence=bindparam("new_confidence")))
    seen = update(people).where(people.c.id == bindparam("pid")).values(last_seen=bindparam("now"))
    for start in range(0, len(verdicts), CHUNK):
        chunk = verdicts[start:start + CHUNK]
        with engine.begin() as conn:
            conn.execute(set_status, [dict(pid=v.person_id, new_status=v.status, new_confidence=v.confidence)
                                      for v in chunk])
            shown = [dict(pid=v.person_id, now=now) for v in chunk if v.on_page]
            if shown:
                conn.execute(seen, shown)
            alive = set(conn.execute(select(people.c.id).where(people.c.id.in_([v.person_id for v in chunk])))
                        .scalars())
            live = [v for v in chunk if v.person_id in alive]
            save_validations(conn, (Validation(person_id=v.person_id, validated_at=now, status=v.status,
                                               on_page=v.on_page, base_confidence=v.base_confidence,
                                               reasons=v.reasons) for v in live), job_id=job_id)
            changes = [c for v in live for c in v.changes(by_id[v.person_id])]
            record_changes(conn, changes, at=now, job_id=job_id)
        for verdict in live:
            person = by_id[verdict.person_id]
            summary.statuses[verdict.status] += 1
            if verdict.status != person.status:
                summary.transitions[f"{person.status}->{verdict.status}"] += 1
            summary.confidence_changed += any(c.field == "confidence" for c in verdict.changes(person))
            summary.rows.append(dict(
                person_id=verdict.person_id, site=person.site, name=person.name,
                old_status=person.status, status=verdict.status, old_confidence=round(person.confidence, 3),
                confidence=verdict.confidence, on_page=verdict.on_page, reasons=list(verdict.reasons)))


def _after_extraction(engine: Engine, job_id: int, due_ids: set[int], *, since: datetime,
                      extracted: int) -> tuple[int, int]:
    """Count the people the re-extracted bodies showed for the first time; when there are any, let identity
    resolution merge those that are name variants of someone known (as after a crawl) — on their sites only."""
    if not extracted:
        return 0, 0

    def new_rows() -> dict[int, str]:
        with engine.connect() as conn:
            site_ids = select(job_sites.c.site_id).where(job_sites.c.job_id == job_id)
            recent = conn.execute(select(people.c.id, sites.c.site, sites.c.seed_url)
                                  .join(sites, sites.c.id == people.c.site_id)
                                  .where(people.c.site_id.in_(site_ids), people.c.first_seen >= since))
            return {row.id: (row.site, row.seed_url) for row in recent if row.id not in due_ids}

    fresh = new_rows()
    if not fresh:
        return 0, 0
    from enrichment.resolve import resolve_people

    # resolve_people works per job's sites: a small job of the sites that gained people scopes it to them.
    scope = create_job(engine, "resolve", {"after_job": job_id},
                       seeds=[Seed(url=url, site=site) for site, url in set(fresh.values())])
    merged = resolve_people(engine, job_id=scope).merged
    finish_job(engine, scope, status="done")
    return len(new_rows()), merged
