"""What a website is built with: fingerprints, rule data and the generator meta, over one stored page.

Two sources, both offline (a stored page's HTML and response headers; nothing is fetched):

- the Wappalyzer fingerprint set as maintained in ``wappalyzer-python3`` (its bundled
  ``technologies.json``: ~1,400 technologies with categories; ``Wappalyzer.latest()`` without
  ``update=True`` reads only that file). Its ``js`` patterns test JavaScript globals and need a
  browser, so they never fire here;
- ``enrichment/data/tech_rules.jsonl``: what the fingerprints miss or cannot see statically —
  WordPress plugins and theme from ``/wp-content/plugins/NAME/`` asset paths, inline analytics and
  tag-manager snippets, framework build paths (``/_next/static/``) and hosting/CDN response headers.

Why this fingerprint set: ``builtwith`` (used before; last release 2020) carries ~800 fingerprints from
2014 and misses Next.js, Matomo, Plausible, Segment, Cloudflare, Vercel, Elementor, Hugo and Webflow;
``wappalyzer-python3`` (2026) is the maintained fork of python-Wappalyzer and works offline on Python
3.11 (checked with the network unshared). Licence: it is GPL-3.0, like every maintained Wappalyzer port
(``python-Wappalyzer``, ``wappalyzer``, ``webtech``); leadscout is Apache-2.0, so a distribution that
bundles both is under GPL-3.0 terms. If that matters to you, swap ``_fingerprint`` for builtwith (LGPL):
nothing else depends on the engine.

Each hit names its site_facts field: ``technology`` (every product found), ``cms``, ``js_library``,
``analytics``, ``tag_manager``, ``hosting``, ``wp_plugin``, ``wp_theme``, ``generator``. Fingerprint
categories map to fields through ``enrichment/data/tech_categories.jsonl``.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from enrichment.datafiles import load_rows

log = logging.getLogger(__name__)

FINGERPRINT_EXTRACTOR = "enrichment.techstack.wappalyzer/1"
RULE_EXTRACTOR = "enrichment.techstack.rules/1"
GENERATOR_EXTRACTOR = "enrichment.techstack.generator/1"
MAX_VALUE = 120
"""Longest stored value: a generator string can carry a feature list."""
FINGERPRINT_MAX_CHARS = 500_000
"""HTML handed to the fingerprint set: ~1,400 regexes over a 10 MB page would take minutes."""
RULE_MAX_CHARS = 1_000_000
"""HTML the rule data reads. Longer pages are read at their start and end, where the marks sit (head
meta, asset URLs, analytics snippets before ``</body>``)."""
# Fields whose values are products in their own right (a plugin slug or a generator string is not).
_PRODUCT_FIELDS = frozenset({"technology", "cms", "js_library", "analytics", "tag_manager", "hosting"})


@dataclass(frozen=True, kw_only=True, slots=True)
class TechHit:
    """One thing a page says about the site's technology."""

    field: str
    """site_facts field: technology, cms, js_library, analytics, tag_manager, hosting, wp_plugin, wp_theme,
    generator."""
    value: str
    """Product name as the fingerprint set spells it (``WordPress``), a plugin slug, or the generator string."""
    extractor: str
    """Which source found it (``enrichment.techstack.wappalyzer/1``, ``.rules/1``, ``.generator/1``)."""


@dataclass(frozen=True, slots=True)
class _Rule:
    field: str
    name: str
    header: str | None
    pattern: re.Pattern[str] | None


def detect_technology(url: str, html: str, headers: Mapping[str, str] | None = None, *,
                      meta: Mapping[str, str] | None = None, fingerprints: bool = True) -> list[TechHit]:
    """Every technology hit on one page, deduplicated by (field, value) case-insensitively, first source wins.

    ``headers``: the stored response headers (lowercase names). ``meta``: the page's ``<meta>`` values by
    lowercase name, when the caller parsed them (the ``generator`` hit needs it). ``fingerprints=False``
    runs only the rule data (fast: the fingerprint set costs ~0.2 s a page).
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    hits: dict[tuple[str, str], TechHit] = {}

    def add(field: str, value: str, extractor: str) -> None:
        value = " ".join(value.split())[:MAX_VALUE]
        if value:
            hits.setdefault((field, value.casefold()), TechHit(field=field, value=value, extractor=extractor))
            if field in _PRODUCT_FIELDS and field != "technology":
                hits.setdefault(("technology", value.casefold()),
                                TechHit(field="technology", value=value, extractor=extractor))

    if fingerprints:
        for name, categories in _fingerprint(url, html, headers):
            add("technology", name, FINGERPRINT_EXTRACTOR)
            for category in categories:
                if field := _category_fields().get(category):
                    add(field, name, FINGERPRINT_EXTRACTOR)
    for field, value in _rule_hits(_ends(html, RULE_MAX_CHARS), headers):
        add(field, value, RULE_EXTRACTOR)
    generator = (meta or {}).get("generator", "")
    if generator:
        # "Elementor 3.18.3; features: e_dom_optimization, ...": the product and version come first.
        add("generator", generator.split(";", 1)[0], GENERATOR_EXTRACTOR)
    return list(hits.values())


def _fingerprint(url: str, html: str, headers: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    try:
        from Wappalyzer import WebPage
    except ImportError:
        # The fingerprint set is GPL-3.0, so it is an optional extra (`pip install leadscout[tech]`);
        # without it the rules in enrichment/data/ still run.
        _warn_no_fingerprints()
        return []

    engine = _engine()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4's findAll deprecation and Wappalyzer's regex warnings
            page = WebPage(url, html=_ends(html, FINGERPRINT_MAX_CHARS), headers=dict(headers))
            found = engine.analyze_with_versions_and_categories(page)
    except Exception as error:  # noqa: BLE001 - one odd page must not stop a batch; the rules still run
        log.warning("technology fingerprints failed on a page of %s: %s", urlsplit(url).hostname, type(error).__name__)
        return []
    finally:
        engine.detected_technologies.pop(url, None)  # the engine keeps per-URL state; keep memory flat
    return sorted((name, list(info.get("categories", ()))) for name, info in found.items())


def _ends(html: str, limit: int) -> str:
    """The page, or its first four fifths and last fifth of ``limit`` characters when it is longer."""
    if len(html) <= limit:
        return html
    tail = limit // 5
    return html[:limit - tail] + html[-tail:]


@lru_cache(maxsize=1)
def _engine():
    """The fingerprint engine over the package's bundled technologies.json (loaded once: ~0.5 s)."""
    from Wappalyzer import Wappalyzer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Wappalyzer.latest()  # no update=True: never downloads a newer file


@lru_cache(maxsize=1)
def _category_fields() -> dict[str, str]:
    return {str(row["category"]): str(row["field"]) for row in load_rows("tech_categories")}


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    rules = []
    for row in load_rows("tech_rules"):
        source = row.get("html") or row.get("pattern")
        try:
            pattern = re.compile(source, re.IGNORECASE) if source else None
        except re.error as error:
            raise ValueError(f"enrichment/data/tech_rules.jsonl: bad regex for {row['name']!r}: {error}") from None
        rules.append(_Rule(field=str(row["field"]), name=str(row["name"]), header=row.get("header"),
                           pattern=pattern))
    return tuple(rules)


def _rule_hits(html: str, headers: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    for rule in _rules():
        if rule.header is not None:
            value = headers.get(rule.header)
            if value is not None and (rule.pattern is None or rule.pattern.search(value)):
                yield rule.field, rule.name
        elif rule.pattern is not None and html:
            if "\\1" not in rule.name:
                if rule.pattern.search(html):
                    yield rule.field, rule.name
                continue
            for match in rule.pattern.finditer(html):
                yield rule.field, rule.name.replace("\\1", match.group(1).lower())


@lru_cache(maxsize=1)
def _warn_no_fingerprints() -> None:
    log.info("wappalyzer-python3 is not installed (extra 'tech'): technology from rules only")
