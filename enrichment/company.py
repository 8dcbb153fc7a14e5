"""Employer facts from the crawled pages of a company's site: size signals, open positions, technology.

Each fact carries the provenance of the page it was read from (extractor
``enrichment.company/1``). Signals, not certainties:

- ``technology``: what the home page (and a few more pages) is built with, by
  the fingerprints of the ``builtwith`` package (HTML, script and meta
  patterns; offline: it is always given the stored HTML and headers);
- ``open_positions`` / ``job_opening``: on careers/jobs pages, schema.org
  ``JobPosting`` items, else the job headings (h3, else h4) of the page;
- ``company_size``: phrases such as "38 people", "250+ employees", "team of 40";
- ``founded``: "founded in 1998", "established 1998", "since 1998".
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from leadscout.records import Provenance

log = logging.getLogger(__name__)

EXTRACTOR = "enrichment.company/1"
TECH_PAGES = 4
"""Pages per site run through the technology fingerprints (the home page first): they are slow."""
CAREERS = re.compile(r"career|jobs?\b|vacanc|join[-_ ]?us|work[-_ ]with[-_ ]us|stellen|karriere|emplois", re.I)
SIZE = re.compile(r"\b(?:team of (\d[\d,.]*)|(\d{1,3}(?:[,.]\d{3})+|\d+)\+?\s+(?:employees|people|staff|colleagues|"
                  r"team members|engineers|specialists|experts|professionals))\b", re.I)
FOUNDED = re.compile(r"\b(?:founded|established|since)\s+(?:in\s+)?((?:18|19|20)\d{2})\b", re.I)
NOT_A_JOB = re.compile(r"\?|\b(question|benefit|why|how|our|life at|perks|values|apply|contact)\b", re.I)


@dataclass(frozen=True, kw_only=True, slots=True)
class StoredPage:
    """The parts of a stored page the employer facts are read from."""

    url: str
    title: str | None
    html: str
    provenance: Provenance


@dataclass(frozen=True, kw_only=True, slots=True)
class EmployerFact:
    """One fact about a person's employer, with the page it came from."""

    field: str
    value: str
    provenance: Provenance


def employer_facts(pages: Iterable[StoredPage]) -> list[EmployerFact]:
    """Every employer fact the site's pages state, deduplicated by (field, value), first page wins."""
    from lxml import html as lxml_html

    facts: dict[tuple[str, str], EmployerFact] = {}
    ordered = sorted(pages, key=lambda p: (len(p.url), p.url))  # the home page (shortest URL) first
    for number, page in enumerate(ordered):
        if not page.html:
            continue
        try:
            tree = lxml_html.fromstring(page.html)
        except (ValueError, lxml_html.etree.ParserError):
            continue
        found = list(_size_and_age(tree))
        if CAREERS.search(page.url) or CAREERS.search(page.title or ""):
            found += _openings(tree)
        if number < TECH_PAGES:
            found += [("technology", name) for name in _technologies(page)]
        for field, value in found:
            facts.setdefault((field, value), EmployerFact(field=field, value=value, provenance=page.provenance))
    return list(facts.values())


def _text(tree) -> str:
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return " ".join(tree.text_content().split())


def _size_and_age(tree) -> Iterator[tuple[str, str]]:
    text = _text(tree)
    for match in SIZE.finditer(text):
        yield "company_size", " ".join(match.group(0).split())
    for match in FOUNDED.finditer(text):
        yield "founded", match.group(1)


def _openings(tree) -> list[tuple[str, str]]:
    titles: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if isinstance(item, dict) and item.get("@type") == "JobPosting" and item.get("title"):
                titles.append(str(item["title"]).strip())
    if not titles:
        for level in ("h3", "h4"):
            headings = [" ".join(h.text_content().split()) for h in tree.xpath(f"//main//{level}|//body//{level}")]
            titles = [h for h in dict.fromkeys(headings) if h and not NOT_A_JOB.search(h)]
            if titles:
                break
    out = [("job_opening", title[:200]) for title in dict.fromkeys(titles)]
    return ([("open_positions", str(len(out)))] + out) if out else []


def _technologies(page: StoredPage) -> list[str]:
    import builtwith

    # headers={} and the stored html: builtwith fetches nothing when both are given.
    found = builtwith.builtwith(page.url, headers={}, html=page.html)
    return sorted({name for names in found.values() for name in names})
