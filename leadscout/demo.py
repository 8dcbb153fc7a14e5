"""`leadscout demo`: the sample sites served on loopback, crawled, extracted and exported."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from sqlalchemy.engine import make_url

from leadscout.config import load_settings
from leadscout.demo_server import serve_sites
from leadscout.pipeline import CrawlOptions, crawl, export
from leadscout.progress import rich_progress
from leadscout.records import Person
from leadscout.seeds import parse_seed
from leadscout.store import create_store_engine
from leadscout.store.people import iter_people

# The sample sites are served on fresh ports each run, so each run is a fresh demo store.
DEMO_OPTIONS = CrawlOptions(max_pages_per_site=25, allow_private=True, download_delay=0.05)


def reset_sqlite(db: str) -> None:
    """Delete a SQLite demo store and its WAL files (ports, hence site keys, change every run)."""
    url = make_url(db)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)


def run_demo(*, db: str, out: Path, progress_console: Console) -> list[Person]:
    """Serve, crawl, extract, export to ``out`` (CSV); returns the people found."""
    reset_sqlite(db)
    settings = load_settings(db=db)
    with serve_sites() as urls, rich_progress(progress_console) as progress:
        crawl(settings, [parse_seed(url) for url in urls.values()], DEMO_OPTIONS, progress)
    export(settings, out, fmt="csv")
    return list(iter_people(create_store_engine(db)))
