"""Crawl jobs, sites, URL state and pages: the state a killed crawl resumes from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.engine import Connection

from leadscout.records import Page
from leadscout.seeds import Seed
from leadscout.store.engine import insert_for
from leadscout.store.schema import crawl_urls, job_sites, jobs, pages, people, sites


def now() -> datetime:
    return datetime.now(UTC)


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True, slots=True)
class PendingUrl:
    """A URL the crawl still has to fetch."""

    url: str
    """The URL."""
    site: str
    """Its site key."""
    depth: int
    """Link depth from the seed."""


@dataclass(frozen=True, kw_only=True, slots=True)
class JobProgress:
    """How far a crawl job has got."""

    job_id: int
    """The job."""
    status: str
    """running, done or failed."""
    sites: dict[str, int]
    """Site count per crawl status (pending, running, done, failed)."""
    urls: dict[str, int]
    """URL count per status (pending, done, failed, skipped)."""
    people: int
    """People stored from this job's sites."""
    error: str | None
    """Why the job failed, if it did."""


def create_job(engine: Engine, kind: str, params: dict[str, Any], *, seeds: Iterable[Seed] = ()) -> int:
    """A new running job; a crawl job's seeds are queued in the same transaction (a kill never
    leaves a job without its seeds)."""
    with engine.begin() as conn:
        job_id = conn.execute(
            jobs.insert().values(kind=kind, status="running", params=params, created_at=now()).returning(jobs.c.id)
        ).scalar_one()
        _add_seeds(conn, job_id, seeds)
    return job_id


def finish_job(engine: Engine, job_id: int, *, status: str, error: str | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(status=status, error=error, finished_at=now()))


def reopen_job(engine: Engine, job_id: int) -> None:
    """Mark a job running again (resume after a crash or a failure)."""
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(status="running", error=None, finished_at=None))


def site_id(conn: Connection, site: str, seed_url: str) -> int:
    """The id of ``site``, registering it on first sight (idempotent)."""
    known = conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar()
    if known is not None:
        return known
    conn.execute(
        insert_for(conn, sites).values(site=site, seed_url=seed_url, created_at=now())
        .on_conflict_do_nothing(index_elements=["site"])
    )
    return conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar_one()


def add_seeds(engine: Engine, job_id: int, seeds: Iterable[Seed]) -> int:
    """Register each seed's site for the job and queue its start URL; returns the number of new sites."""
    with engine.begin() as conn:
        return _add_seeds(conn, job_id, seeds)


def _add_seeds(conn: Connection, job_id: int, seeds: Iterable[Seed]) -> int:
    added = 0
    for seed in seeds:
        sid = site_id(conn, seed.site, seed.url)
        result = conn.execute(
            insert_for(conn, job_sites).values(job_id=job_id, site_id=sid, status="pending",
                                               pages_fetched=0, updated_at=now())
            .on_conflict_do_nothing(index_elements=["job_id", "site_id"]).returning(job_sites.c.site_id)
        )
        added += result.first() is not None
        _queue(conn, job_id, sid, seed.url, 0)
    return added


def _queue(conn: Connection, job_id: int, sid: int, url: str, depth: int) -> bool:
    result = conn.execute(
        insert_for(conn, crawl_urls).values(
            job_id=job_id, site_id=sid, url=url, url_sha256=url_hash(url), depth=depth,
            status="pending", attempts=0, updated_at=now(),
        ).on_conflict_do_nothing(index_elements=["job_id", "url_sha256"]).returning(crawl_urls.c.id)
    )
    return result.first() is not None  # rowcount is not portable for ON CONFLICT DO NOTHING


def queue_url(engine: Engine, job_id: int, site: str, url: str, depth: int) -> bool:
    """Add a discovered URL to the job's frontier; False if it was already known."""
    return url in queue_urls(engine, job_id, site, [url], depth)


def queue_urls(engine: Engine, job_id: int, site: str, urls: list[str], depth: int) -> set[str]:
    """Add discovered URLs of one site to the job's frontier in one transaction; returns those that were new."""
    with engine.begin() as conn:
        sid = conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar_one()
        return {url for url in urls if _queue(conn, job_id, sid, url, depth)}


def pending_urls(engine: Engine, job_id: int, site: str | None = None) -> list[PendingUrl]:
    """URLs of the job (of one ``site`` of it, if given) not yet in a terminal state, seeds first
    (what a resumed crawl starts from)."""
    query = (
        select(crawl_urls.c.url, sites.c.site, crawl_urls.c.depth)
        .join(sites, sites.c.id == crawl_urls.c.site_id)
        .where(crawl_urls.c.job_id == job_id, crawl_urls.c.status == "pending")
        .order_by(crawl_urls.c.depth, crawl_urls.c.id)
    )
    if site is not None:
        query = query.where(sites.c.site == site)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [PendingUrl(url=url, site=site, depth=depth) for url, site, depth in rows]


def known_urls(engine: Engine, job_id: int, site: str | None = None) -> set[str]:
    """Every URL the job (one ``site`` of it, if given) has queued, whatever its state (for de-duplicating
    discovered links)."""
    query = select(crawl_urls.c.url).where(crawl_urls.c.job_id == job_id)
    if site is not None:
        query = query.where(crawl_urls.c.site_id == select(sites.c.id).where(sites.c.site == site).scalar_subquery())
    with engine.connect() as conn:
        return set(conn.execute(query).scalars())


def mark_url(engine: Engine, job_id: int, url: str, *, status: str, reason: str | None = None) -> None:
    """Record the outcome of one URL (done, failed, skipped) with its reason."""
    with engine.begin() as conn:
        _mark(conn, job_id, url, status, reason)


def _mark(conn: Connection, job_id: int, url: str, status: str, reason: str | None) -> None:
    conn.execute(
        update(crawl_urls)
        .where(crawl_urls.c.job_id == job_id, crawl_urls.c.url_sha256 == url_hash(url))
        .values(status=status, reason=reason, attempts=crawl_urls.c.attempts + 1, updated_at=now())
    )


def save_page(engine: Engine, job_id: int, page: Page, *, request_url: str | None = None) -> int:
    """Store (or refresh) a fetched page and mark its URL done, in one transaction; returns the page id."""
    with engine.begin() as conn:
        sid = site_id(conn, page.site, page.url)
        values = dict(
            url=page.url, url_sha256=url_hash(page.url), site_id=sid, job_id=job_id,
            fetched_at=page.fetched_at, status=page.status, sha256=page.sha256,
            language=page.language, title=page.title, html=page.html, headers=page.headers or None,
        )
        stmt = insert_for(conn, pages).values(**values)
        excluded = stmt.excluded  # built anew on each access: take it once
        stmt = stmt.on_conflict_do_update(
            index_elements=["url_sha256"], set_={k: excluded[k] for k in values if k != "url_sha256"}
        )
        conn.execute(stmt)
        page_id = conn.execute(select(pages.c.id).where(pages.c.url_sha256 == url_hash(page.url))).scalar_one()
        for url in {request_url or page.url, page.url}:
            _mark(conn, job_id, url, "done", None)
        conn.execute(
            update(job_sites).where(job_sites.c.job_id == job_id, job_sites.c.site_id == sid)
            .values(pages_fetched=job_sites.c.pages_fetched + 1, status="running", updated_at=now())
        )
    return page_id


def set_site_status(engine: Engine, job_id: int, site: str, *, status: str, reason: str | None = None) -> None:
    with engine.begin() as conn:
        sid = conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar_one()
        conn.execute(
            update(job_sites).where(job_sites.c.job_id == job_id, job_sites.c.site_id == sid)
            .values(status=status, reason=reason, updated_at=now())
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class SiteReport:
    """One site's crawl outcome within a job."""

    site: str
    """Site key."""
    status: str
    """pending, running, done or failed."""
    reason: str | None
    """Why it failed, if it did."""
    pages_fetched: int
    """HTML pages stored."""
    urls: dict[str, int]
    """URL count per status (done, failed, skipped, pending)."""
    url_reasons: dict[str, int]
    """Failed or skipped URLs per reason (robots, http_404, timeout, ...)."""
    links_skipped: dict[str, int]
    """Links not followed per reason (page_budget, binary, trap, ...)."""


def record_skipped_links(engine: Engine, job_id: int, skipped: dict[str, dict[str, int]]) -> None:
    """Add per-site counts of links not followed (``{site: {reason: n}}``) to the job's site rows."""
    with engine.begin() as conn:
        for site, counts in skipped.items():
            sid = conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar()
            if sid is None:
                continue
            where = (job_sites.c.job_id == job_id) & (job_sites.c.site_id == sid)
            total = dict(conn.execute(select(job_sites.c.skipped).where(where)).scalar() or {})
            for reason, n in counts.items():
                total[reason] = total.get(reason, 0) + n
            conn.execute(update(job_sites).where(where).values(skipped=total))


def site_reports(engine: Engine, job_id: int) -> list[SiteReport]:
    """Per site: status, pages fetched, URL outcomes and why the rest were skipped."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(sites.c.id, sites.c.site, job_sites.c.status, job_sites.c.reason, job_sites.c.pages_fetched,
                   job_sites.c.skipped)
            .join(sites, sites.c.id == job_sites.c.site_id).where(job_sites.c.job_id == job_id).order_by(sites.c.site)
        ).all()
        outcomes: dict[int, dict[str, int]] = {}
        reasons: dict[int, dict[str, int]] = {}
        for sid, status, reason, n in conn.execute(
            select(crawl_urls.c.site_id, crawl_urls.c.status, crawl_urls.c.reason, func.count())
            .where(crawl_urls.c.job_id == job_id)
            .group_by(crawl_urls.c.site_id, crawl_urls.c.status, crawl_urls.c.reason)
        ):
            outcomes.setdefault(sid, {})[status] = outcomes.get(sid, {}).get(status, 0) + n
            if reason:
                reasons.setdefault(sid, {})[reason] = reasons.get(sid, {}).get(reason, 0) + n
    return [SiteReport(site=row.site, status=row.status, reason=row.reason, pages_fetched=row.pages_fetched,
                       urls=outcomes.get(row.id, {}), url_reasons=reasons.get(row.id, {}),
                       links_skipped=dict(row.skipped or {})) for row in rows]


def close_sites(engine: Engine, job_id: int, site: str | None = None) -> None:
    """After a crawl run: a site (``site``, or any of the job) with nothing pending is done (or failed if
    no page came back)."""
    query = (select(job_sites.c.site_id, job_sites.c.pages_fetched)
             .where(job_sites.c.job_id == job_id, job_sites.c.status.in_(("pending", "running"))))
    if site is not None:
        query = query.where(job_sites.c.site_id == select(sites.c.id).where(sites.c.site == site).scalar_subquery())
    with engine.begin() as conn:
        open_sites = conn.execute(query).all()
        for sid, fetched in open_sites:
            pending = conn.execute(
                select(func.count()).select_from(crawl_urls)
                .where(crawl_urls.c.job_id == job_id, crawl_urls.c.site_id == sid, crawl_urls.c.status == "pending")
            ).scalar_one()
            if pending:
                continue
            reason = None
            if not fetched:
                reason = conn.execute(
                    select(crawl_urls.c.reason).where(crawl_urls.c.job_id == job_id, crawl_urls.c.site_id == sid)
                    .order_by(crawl_urls.c.depth, crawl_urls.c.id).limit(1)
                ).scalar()
            conn.execute(
                update(job_sites).where(job_sites.c.job_id == job_id, job_sites.c.site_id == sid)
                .values(status="done" if fetched else "failed", reason=reason, updated_at=now())
            )


def job_pages(engine: Engine, job_id: int, *, only_unextracted: bool = False,
              site: str | None = None) -> Iterator[tuple[int, Page]]:
    """The pages fetched by a job (of one ``site`` of it, if given), as records, streamed."""
    query = (
        select(pages, sites.c.site).join(sites, sites.c.id == pages.c.site_id)
        .where(pages.c.job_id == job_id, pages.c.html.is_not(None)).order_by(pages.c.id)
    )
    if site is not None:
        query = query.where(sites.c.site == site)
    if only_unextracted:
        query = query.where((pages.c.extracted_sha256.is_(None)) | (pages.c.extracted_sha256 != pages.c.sha256))
    with engine.connect() as conn:
        for row in conn.execute(query):
            yield row.id, Page(
                url=row.url, site=row.site, fetched_at=as_utc(row.fetched_at), status=row.status,
                sha256=row.sha256, html=row.html, language=row.language, title=row.title,
                headers=row.headers or {},
            )


def count_job_pages(engine: Engine, job_id: int, *, only_unextracted: bool = False, site: str | None = None) -> int:
    query = select(func.count()).select_from(pages).where(pages.c.job_id == job_id)
    if site is not None:
        query = query.where(pages.c.site_id == select(sites.c.id).where(sites.c.site == site).scalar_subquery())
    if only_unextracted:
        query = query.where((pages.c.extracted_sha256.is_(None)) | (pages.c.extracted_sha256 != pages.c.sha256))
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def job_progress(engine: Engine, job_id: int) -> JobProgress | None:
    with engine.connect() as conn:
        job = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
        if job is None:
            return None
        site_counts = dict(conn.execute(
            select(job_sites.c.status, func.count()).where(job_sites.c.job_id == job_id).group_by(job_sites.c.status)
        ).all())
        url_counts = dict(conn.execute(
            select(crawl_urls.c.status, func.count()).where(crawl_urls.c.job_id == job_id)
            .group_by(crawl_urls.c.status)
        ).all())
        people_count = conn.execute(
            select(func.count()).select_from(people)
            .where(people.c.site_id.in_(select(job_sites.c.site_id).where(job_sites.c.job_id == job_id)))
        ).scalar_one()
    return JobProgress(job_id=job_id, status=job.status, sites=site_counts, urls=url_counts,
                       people=people_count, error=job.error)


def as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything leadscout stores is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
