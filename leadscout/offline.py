"""Offline extraction: saved HTML files in, contact rows out (no crawl, no store)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from leadscout.config import Settings
from leadscout.records import Contact, Page
from leadscout.seeds import site_key

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ROW_FIELDS = ("source", "page_url", "name", "title", "emails", "phones", "fax", "socials", "confidence", "evidence")


class InputError(ValueError):
    """An input path cannot be read; the message names it."""


def walk_html(paths: list[Path]) -> Iterator[Path]:
    """Files named on the command line, and the HTML files under named folders, in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path} does not exist")


def load_page(path: Path, *, url: str | None = None) -> Page:
    """A saved file as a Page: bytes hashed as fetched, text decoded as UTF-8 (invalid bytes replaced)."""
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    page_url = url or path.resolve().as_uri()
    site = site_key(page_url) if page_url.startswith(("http://", "https://")) else path.resolve().parent.name
    stat_time = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Page(url=page_url, site=site, fetched_at=stat_time, status=200,
                sha256=hashlib.sha256(body).hexdigest(), html=body.decode("utf-8", errors="replace"))


def contact_row(source: str, contact: Contact) -> dict[str, Any]:
    """The `extract` wire shape (see shared/ARCHITECTURE.md)."""
    return {
        "source": source,
        "page_url": contact.provenance.source_url,
        "name": contact.name.full if contact.name else None,
        "title": contact.title,
        "emails": list(contact.emails),
        "phones": [p.e164 for p in contact.phones],
        "fax": [p.e164 for p in contact.fax],
        "socials": list(contact.socials),
        "confidence": round(contact.confidence, 3),
        "evidence": contact.evidence,
    }


def extract_files(paths: list[Path], *, url: str | None, settings: Settings) -> list[dict[str, Any]]:
    """Contacts found in the files, one row each, in file order."""
    files = list(walk_html(paths))
    from ner import extract_pages, load_nlp

    if url is not None and len(files) != 1:
        raise InputError(f"--url names the URL of one file, but {len(files)} files were given")
    sources = {}
    pages = []
    for path in files:
        page = load_page(path, url=url)
        sources[page.url] = str(path)
        pages.append(page)
    nlp = load_nlp(settings.spacy_model)
    return [contact_row(sources[page.url], contact)
            for page, contacts, _facts in extract_pages(pages, nlp=nlp) for contact in contacts]


def write_rows_csv(rows: list[dict[str, Any]], handle: IO[str]) -> None:
    """Rows as CSV; list fields joined with "; "."""
    writer = csv.DictWriter(handle, fieldnames=ROW_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
