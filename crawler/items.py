"""The item the spider hands to the page sink."""

from __future__ import annotations

from dataclasses import dataclass

from leadscout.records import Page


@dataclass(kw_only=True)
class PageItem:
    """A fetched HTML page and the URL that was requested for it (before redirects)."""

    page: Page
    """The page record."""
    request_url: str
    """The URL the crawl state knows it by."""
