"""Wires the stages: seeds -> crawl (Scrapy) -> pages in the store -> extraction -> people -> export.

This and the CLI are the only modules that know every stage. Each function is
what a CLI command does, callable from tests, the web UI and workers alike.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from enrichment.resolve import resolve_people
from enrichment.sitefacts import collect_site_facts
from validation.store import validate_people
from leadscout.config import Settings
from leadscout.progress import ProgressReporter, null_progress
from leadscout.seeds import Seed
from leadscout.store import create_store_engine
from leadscout.store.crawl import (
    close_sites, count_job_pages, create_job, finish_job, job_pages, reopen_job,
)
from leadscout.store.people import job_person_ids, save_extraction

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from output.export import ExportSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class CrawlOptions:
    """How a crawl behaves beyond the defaults in crawler/settings.py."""

    max_pages_per_site: int = 25
    """Page budget per site."""
    allow_private: bool = False
    """Permit loopback/private addresses (tests and the demo only)."""
    download_delay: float | None = None
    """Seconds between requests to one site; None keeps the polite default."""
    log_level: str = "ERROR"
    """Scrapy's log level (the CLI shows a progress bar instead)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ExtractSummary:
    """What an extraction pass produced."""

    pages: int
    """Pages read."""
    people: int
    """Person contacts stored (a person seen on two pages counts twice)."""
    company_contacts: int
    """Company-wide contact points (switchboard, info@) stored."""


def start_crawl_job(settings: Settings, seeds: Iterable[Seed], options: CrawlOptions) -> int:
    """Create a crawl job with its seeds queued; returns the job id."""
    engine = create_store_engine(settings.db)
    seeds = list(seeds)
    return create_job(engine, "crawl", {
        "seeds": [s.url for s in seeds], "max_pages_per_site": options.max_pages_per_site,
        "allow_private": options.allow_private,
    }, seeds=seeds)


def run_crawl(settings: Settings, job_id: int, options: CrawlOptions,
              progress: ProgressReporter = null_progress, *, site: str | None = None) -> None:
    """Run Scrapy over the job's pending URLs (of one ``site`` only, if given) until none are left; then
    close finished sites.

    Blocks; runs the Twisted reactor in this process, so call it once per process.
    """
    from scrapy import signals

    from crawler.configure import crawler_process
    from crawler.spiders.sites import SitesSpider

    engine = create_store_engine(settings.db)
    reopen_job(engine, job_id)
    process = crawler_process(settings, job_id=job_id, allow_private=options.allow_private,
                              download_delay=options.download_delay, log_level=options.log_level,
                              LEADSCOUT_MAX_PAGES_PER_SITE=options.max_pages_per_site, LEADSCOUT_SITE=site)
    crawler = process.create_crawler(SitesSpider)
    task = progress.task("crawling", total=None)
    crawler.signals.connect(lambda **_: task.advance(1), signal=signals.item_scraped, weak=False)
    process.crawl(crawler)
    try:
        process.start()
    finally:
        task.done()
    close_sites(engine, job_id, site=site)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    log.info("crawl %s stats: %s", job_id, {k: v for k, v in stats.items() if k.startswith("leadscout/")})


def extract_job(settings: Settings, job_id: int, progress: ProgressReporter = null_progress,
                *, nlp=None, site: str | None = None, engine: Engine | None = None) -> ExtractSummary:
    """Extract contacts from every page of the job (of one ``site``, if given) not yet extracted at its
    current content, and store them; ``engine`` reuses an open store (a worker's, one per process)."""
    from ner import extract_pages, load_nlp

    engine = engine or create_store_engine(settings.db)
    nlp = nlp or load_nlp(settings.spacy_model)
    total = count_job_pages(engine, job_id, only_unextracted=True, site=site)
    task = progress.task("extracting", total=total)
    page_ids = {}
    pages_seen = people = company = 0

    def pages():
        for page_id, page in job_pages(engine, job_id, only_unextracted=True, site=site):
            page_ids[page.url] = page_id
            yield page

    try:
        for page, contacts, facts in extract_pages(pages(), nlp=nlp, default_region=settings.default_region):
            people += save_extraction(engine, page_ids.pop(page.url), contacts, facts)
            company += sum(1 for c in contacts if c.name is None)
            pages_seen += 1
            task.advance(1)
    finally:
        task.done()
    return ExtractSummary(pages=pages_seen, people=people, company_contacts=company)


def crawl(settings: Settings, seeds: Iterable[Seed], options: CrawlOptions,
          progress: ProgressReporter = null_progress, *, resume_job: int | None = None,
          extract: bool = True) -> int:
    """The whole crawl job: queue seeds (or resume a job), crawl, extract, and mark the job done or failed."""
    engine = create_store_engine(settings.db)
    job_id = resume_job if resume_job is not None else start_crawl_job(settings, seeds, options)
    try:
        run_crawl(settings, job_id, options, progress)
        if extract:
            extract_job(settings, job_id, progress)
            resolve_people(engine, job_id=job_id)  # batch identity resolution over the store (enrichment.resolve)
            collect_site_facts(engine, job_id, progress=progress)  # company facts per site (enrichment.sitefacts)
            # Every person found gets checks, a cluster-distance score and a verdict (offline: no DNS here).
            validate_people(engine, person_ids=job_person_ids(engine, job_id), progress=progress)
    except BaseException as exc:
        finish_job(engine, job_id, status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    finish_job(engine, job_id, status="done")
    return job_id


def export(settings: Settings, path: Path | None, *, fmt: str, min_confidence: float = 0.0,
           mapping: Path | None = None, since: str | None = None, dry_run: bool = False,
           progress: ProgressReporter = null_progress, emit=None) -> ExportSummary:
    """Export the people (active, not suppressed) to a file, a CRM or the scorer table; see output/export.py."""
    from output.export import ExportRequest, run_export

    request = ExportRequest(to=fmt, out=path, mapping=mapping, since=since, min_confidence=min_confidence,
                            dry_run=dry_run)
    return run_export(settings, request, progress=progress, emit=emit)
