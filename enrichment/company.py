"""Employer facts from the crawled pages of a company's site: size signals, open positions, technology.

Each fact carries the provenance of the page it was read from (extractor
``enrichment.company/1``). Signals, not certainties:

- ``technology``: what the home page (and a few more pages) is built with, by
  ``enrichment.techstack`` (the Wappalyzer fingerprint set plus the rule data
  in ``enrichment/data/tech_rules.jsonl``; offline: stored HTML and headers);
- ``open_positions`` / ``job_opening``: on careers/jobs pages, schema.org
  ``JobPosting`` items, else the list after an "Open positions" cue, else the
  job headings (h3, else h4) of the page outside its furniture;
- ``company_size``: phrases such as "38 people", "250+ employees", "team of 40";
- ``founded``: "founded in 1998", "established 1998", "since 1998".
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

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
    headers: Mapping[str, str] = dataclass_field(default_factory=dict)
    """Stored response headers (lowercase names): technology hints such as ``server`` or ``cf-ray``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EmployerFact:
    """One fact about a person's employer, with the page it came from."""

    field: str
    value: str
    provenance: Provenance


def employer_facts(pages: Iterable[StoredPage], *, with_technology: bool = True) -> list[EmployerFact]:
    """Every employer fact the site's pages state, deduplicated by (field, value), first page wins.

    ``with_technology=False`` leaves out ``technology`` (enrichment.sitefacts detects it with categories).
    """
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
        # Openings first: _size_and_age drops the scripts, JSON-LD JobPostings included.
        found = _openings(tree) if CAREERS.search(page.url) or CAREERS.search(page.title or "") else []
        found += _size_and_age(tree)
        if with_technology and number < TECH_PAGES:
            found += [("technology", name) for name in _technologies(page)]
        for field, value in found:
            facts.setdefault((field, value), EmployerFact(field=field, value=value, provenance=page.provenance))
    return list(facts.values())


def _text(tree) -> str:
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    # itertext, not text_content(): "<h1>Made in Bristol</h1><p>Founded in ..." must not read "BristolFounded".
    return " ".join(" ".join(tree.itertext()).split())


def _size_and_age(tree) -> Iterator[tuple[str, str]]:
    text = _text(tree)
    for match in SIZE.finditer(text):
        yield "company_size", " ".join(match.group(0).split())
    for match in FOUNDED.finditer(text):
        yield "founded", match.group(1)


def _openings(tree) -> list[tuple[str, str]]:
    """Job titles on a careers page: schema.org JobPostings, else the list or subheadings after an
    "Open positions" / "Offene Stellen" cue (enrichment/data/job_cues.jsonl), else the page's h3 (or h4)
    headings outside navigation, header, footer and sidebars."""
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
        titles = _listed_after_cue(tree)
    if not titles:
        for level in ("h3", "h4"):
            headings = [" ".join(h.text_content().split()) for h in tree.xpath(f"//body//{level}[{_CONTENT}]")]
            titles = [h for h in dict.fromkeys(headings) if h and not NOT_A_JOB.search(h)]
            if titles:
                break
    out = [("job_opening", title[:200]) for title in dict.fromkeys(titles)]
    return ([("open_positions", str(len(out)))] + out) if out else []


# Not page furniture: job headings never sit in navigation, header, footer or a sidebar.
_CONTENT = ("not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
            " or ancestor::*[contains(concat(' ', @class, ' '), ' sidebar ') or @id='sidebar'])")
_HEADING = {f"h{n}": n for n in range(1, 7)}


def _listed_after_cue(tree) -> list[str]:
    """The list items (or lower subheadings) that follow a heading or paragraph announcing openings."""
    from enrichment.datafiles import words

    cues = words("job_cues", "cue")
    announcers = "self::h1 or self::h2 or self::h3 or self::h4 or self::p or self::strong"
    for element in tree.xpath(f"//body//*[{announcers}][{_CONTENT}]"):
        text = " ".join(element.text_content().split()).casefold()
        if not text or len(text) > 160 or not any(cue in text for cue in cues):
            continue
        level = _HEADING.get(element.tag, 2)
        titles: list[str] = []
        for sibling in element.itersiblings():
            tag = sibling.tag if isinstance(sibling.tag, str) else ""
            if tag in _HEADING and _HEADING[tag] <= level:
                break
            if tag in ("ul", "ol"):
                titles += [_item_title(li) for li in sibling.xpath("./li")]
                break
            if tag in _HEADING:
                titles.append(" ".join(sibling.text_content().split()))
        titles = [t for t in titles if t and not NOT_A_JOB.search(t)]
        if titles:
            return titles
    return []


def _item_title(item) -> str:
    """A list item's job title: its bold or linked lead-in when it has one ("<strong>QA Engineer</strong> — Galway")."""
    lead = item.xpath("./strong|./b|./a")
    return " ".join((lead[0] if lead else item).text_content().split())


def _technologies(page: StoredPage) -> list[str]:
    from enrichment.techstack import detect_technology

    hits = detect_technology(page.url, page.html, page.headers)
    return sorted({hit.value for hit in hits if hit.field == "technology"})
