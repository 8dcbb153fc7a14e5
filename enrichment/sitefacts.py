"""Company facts per crawled site, stored with per-field provenance in ``site_facts``: a batch stage over the store.

``collect_site_facts(engine, job_id)`` runs after extraction (leadscout.pipeline.crawl). For each site
of the job it reads every stored page of the site (the latest fetch of each URL) and stores, each value
with its source URL, fetched_at, extractor and page hash (see enrichment.sitepages):

- ``company`` and ``country`` (voted over the pages; also written to ``sites.company``/``sites.country``),
- ``address``, ``postal_code``, ``locality``; ``social`` (the company's own profiles),
- ``main_phone`` and ``main_email``, chosen among the contact points extraction stored (``phone``/``email``),
- ``built_by`` and ``built_by_url``; ``technology``, ``cms``, ``generator``, ``js_library``, ``analytics``,
  ``tag_manager``, ``hosting``, ``wp_plugin``, ``wp_theme`` (enrichment.techstack),
- ``open_positions``, ``job_opening``, ``company_size``, ``founded`` (enrichment.company).

Re-running is idempotent: the fields above are replaced by what the pages say now (a value no page
states any more is removed; an unchanged one keeps its row), in one transaction per site. ``social``,
``email``, ``phone`` and ``fax`` are shared with the extraction stage and only ever added to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, delete, or_, select, update
from sqlalchemy.engine import Connection

from enrichment.sitepages import SiteFact, SitePage, main_contact_points, site_facts_of
from leadscout.progress import ProgressReporter, null_progress
from leadscout.records import Provenance
from leadscout.store.crawl import as_utc, url_hash
from leadscout.store.engine import insert_for
from leadscout.store.schema import job_sites, pages, site_facts, sites

log = logging.getLogger(__name__)

OWN_FIELDS = frozenset({
    "company", "country", "address", "postal_code", "locality", "main_phone", "main_email", "built_by",
    "built_by_url", "technology", "cms", "generator", "js_library", "analytics", "tag_manager", "hosting",
    "wp_plugin", "wp_theme", "open_positions", "job_opening", "company_size", "founded",
})
"""Fields this stage owns: each run replaces them with what the pages state now."""
SHARED_FIELDS = frozenset({"social"})
"""Fields the extraction stage writes too: this stage adds values, never removes them."""
MAX_VALUE = 500
"""Longest stored value, in characters: the unique index on ``value`` must stay under PostgreSQL's btree row
limit (~2,700 bytes) even in 4-byte UTF-8."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SiteFactsSummary:
    """What one pass stored."""

    sites: int
    """Sites whose pages were read."""
    facts: int
    """Facts this stage holds for those sites after the pass (owned fields plus socials it found)."""
    removed: int
    """Facts removed because no page states them any more."""


def collect_site_facts(engine: Engine, job_id: int | None = None, *, fingerprints: bool = True,
                       progress: ProgressReporter = null_progress) -> SiteFactsSummary:
    """Read the stored pages of every site of ``job_id`` (all sites when None) and store their company facts."""
    with engine.connect() as conn:
        query = select(sites.c.id, sites.c.site).order_by(sites.c.id)
        if job_id is not None:
            query = query.join(job_sites, job_sites.c.site_id == sites.c.id).where(job_sites.c.job_id == job_id)
        targets = conn.execute(query).all()
    task = progress.task("company facts", total=len(targets))
    stored = removed = 0
    try:
        for sid, site in targets:
            site_pages = _site_pages(engine, sid)
            if site_pages:
                facts = site_facts_of(site, site_pages, fingerprints=fingerprints)
                with engine.begin() as conn:
                    facts += main_contact_points(_contact_points(conn, sid))
                    kept, gone = _replace(conn, sid, facts)
                    _update_site(conn, sid, facts)
                stored += kept
                removed += gone
            task.advance(1)
    finally:
        task.done()
    log.info("company facts: %d sites, %d facts, %d removed", len(targets), stored, removed)
    return SiteFactsSummary(sites=len(targets), facts=stored, removed=removed)


def _site_pages(engine: Engine, sid: int) -> list[SitePage]:
    query = (select(pages.c.url, pages.c.title, pages.c.html, pages.c.headers, pages.c.fetched_at, pages.c.sha256)
             .where(pages.c.site_id == sid, pages.c.html.is_not(None), pages.c.status < 400).order_by(pages.c.id))
    with engine.connect() as conn:
        return [SitePage(url=r.url, title=r.title, html=r.html, headers=r.headers or {},
                         fetched_at=as_utc(r.fetched_at), sha256=r.sha256) for r in conn.execute(query)]


def _contact_points(conn: Connection, sid: int) -> list[SiteFact]:
    query = (select(site_facts).where(site_facts.c.site_id == sid, site_facts.c.field.in_(("phone", "email")))
             .order_by(site_facts.c.id))
    return [SiteFact(field=r.field, value=r.value, provenance=Provenance(
        source_url=r.source_url, fetched_at=as_utc(r.fetched_at), extractor=r.extractor, page_sha256=r.page_sha256))
        for r in conn.execute(query)]


def _replace(conn: Connection, sid: int, facts: list[SiteFact]) -> tuple[int, int]:
    """Upsert the facts; delete owned facts no page states any more. Returns (facts held, facts removed)."""
    wanted = {(f.field, f.value[:MAX_VALUE], url_hash(f.provenance.source_url)): f for f in facts
              if f.field in OWN_FIELDS or f.field in SHARED_FIELDS}
    existing = conn.execute(select(site_facts.c.id, site_facts.c.field, site_facts.c.value, site_facts.c.source_sha256)
                            .where(site_facts.c.site_id == sid, site_facts.c.field.in_(OWN_FIELDS))).all()
    stale = [row.id for row in existing if (row.field, row.value, row.source_sha256) not in wanted]
    for start in range(0, len(stale), 500):
        conn.execute(delete(site_facts).where(site_facts.c.id.in_(stale[start:start + 500])))
    for (field, value, source_sha256), fact in wanted.items():
        values = dict(site_id=sid, field=field, value=value, source_url=fact.provenance.source_url,
                      source_sha256=source_sha256, fetched_at=fact.provenance.fetched_at,
                      extractor=fact.provenance.extractor[:64], page_sha256=fact.provenance.page_sha256)
        stmt = insert_for(conn, site_facts).values(**values)
        if field in SHARED_FIELDS:
            stmt = stmt.on_conflict_do_nothing(index_elements=["site_id", "field", "value", "source_sha256"])
        else:
            stmt = stmt.on_conflict_do_update(
                index_elements=["site_id", "field", "value", "source_sha256"],
                set_={"fetched_at": values["fetched_at"], "page_sha256": values["page_sha256"],
                      "extractor": values["extractor"]},
                where=or_(site_facts.c.page_sha256 != values["page_sha256"],
                          site_facts.c.extractor != values["extractor"],
                          site_facts.c.fetched_at != values["fetched_at"]))
        conn.execute(stmt)
    return len(wanted), len(stale)


def _update_site(conn: Connection, sid: int, facts: list[SiteFact]) -> None:
    """The voted name and country also go on the site row (the extraction stage writes them per page)."""
    values = {}
    for fact in facts:
        if fact.field == "company" and "company" not in values:
            values["company"] = fact.value
        elif fact.field == "country" and "country" not in values and len(fact.value) == 2:
            values["country"] = fact.value
    if values:
        conn.execute(update(sites).where(sites.c.id == sid).values(**values))
