"""Offline extraction: saved HTML files in, contact rows out (no crawl, no store)."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from leadscout.config import Settings
from leadscout.records import Contact, Page
from leadscout.seeds import site_key

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HEAD_CHARS = 65_536
_BASE_HREF = re.compile(r"<base\b[^>]*?\bhref\s*=\s*[\"']?(?P<href>[^\"'\s>]+)", re.IGNORECASE)
ROW_FIELDS = ("source", "page_url", "name", "title", "function", "seniority", "emails", "phones", "fax", "socials",
              "confidence", "evidence")


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
    """A saved file as a Page: bytes hashed as fetched, text decoded the way browsers decide (w3lib: a byte
    order mark, then ``<meta charset>``, then strict UTF-8, else windows-1252; bytes that still do not
    decode are replaced). Its URL is ``url``, else the page's own ``<base href>``, else the file's URI."""
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    html = decode_html(body)
    page_url = url or base_href(html) or path.resolve().as_uri()
    site = site_key(page_url) if page_url.startswith(("http://", "https://")) else path.resolve().parent.name
    stat_time = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Page(url=page_url, site=site, fetched_at=stat_time, status=200,
                sha256=hashlib.sha256(body).hexdigest(), html=html)


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """HTML bytes as text per the HTML encoding sniffing order (BOM, header, ``<meta>``), never raising."""
    from w3lib.encoding import html_to_unicode

    _encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_utf8_or_windows_1252)
    return text


def base_href(html: str) -> str | None:
    """The absolute http(s) ``<base href>`` in the document head, if any."""
    match = _BASE_HREF.search(html[:_HEAD_CHARS])
    href = match["href"].strip() if match else ""
    return href if href.startswith(("http://", "https://")) else None


def _utf8_or_windows_1252(body: bytes) -> str:
    """UTF-8 when the bytes hold UTF-8 sequences (a few broken bytes are replaced), else windows-1252."""
    text = body.decode("utf-8", errors="replace")
    if "\ufffd" not in text:
        return "utf-8"
    return "utf-8" if any(ord(char) > 0x7F and char != "\ufffd" for char in text) else "cp1252"


def contact_row(source: str, contact: Contact) -> dict[str, Any]:
    """The `extract` wire shape (see shared/ARCHITECTURE.md)."""
    return {
        "source": source,
        "page_url": contact.provenance.source_url,
        "name": contact.name.full if contact.name else None,
        "title": contact.title,
        "function": contact.function,
        "seniority": contact.seniority,
        "emails": list(contact.emails),
        "phones": [p.e164 for p in contact.phones],
        "fax": [p.e164 for p in contact.fax],
        "socials": list(contact.socials),
        "confidence": round(contact.confidence, 3),
        "evidence": contact.evidence,
    }


def extract_files(paths: list[Path], *, url: str | None, settings: Settings, workers: int = 1
                  ) -> list[dict[str, Any]]:
    """Contacts found in the files, one row each, in file order; ``workers`` processes share the pages.

    National-format phone numbers are read in ``settings.default_region`` when a page names no country.
    """
    files = list(walk_html(paths))
    from ner import extract_pages, load_nlp

    if url is not None and len(files) != 1:
        raise InputError(f"--url names the URL of one file, but {len(files)} files were given")
    if workers < 1:
        raise InputError(f"--workers must be 1 or more, not {workers}")
    nlp = load_nlp(settings.spacy_model)
    pages = (load_page(path, url=url) for path in files)
    results = extract_pages(pages, nlp=nlp, default_region=settings.default_region, n_process=workers)
    return [contact_row(str(path), contact)
            for path, (_page, contacts, _facts) in zip(files, results) for contact in contacts]


def write_rows_csv(rows: list[dict[str, Any]], handle: IO[str]) -> None:
    """Rows as CSV; list fields joined with "; "."""
    writer = csv.DictWriter(handle, fieldnames=ROW_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
