"""Who built a website: footer credits ("Website by Acme Digital", "Realisierung: ...") and maker meta tags.

Cue phrases, meta keys and the names that are theme or platform vendors rather than builders live in
``enrichment/data/site_credits.jsonl``. Credits are read from the page footer and the last blocks of
a page only: "Designed by engineers, for engineers" in a hero banner is a slogan, not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from enrichment.datafiles import load_rows, words
from ner.dom import Block, PageDom
from ner.names import fold

TAIL_BLOCKS = 8
"""Blocks at the end of a page read for credits even when the page has no marked-up footer."""
MAX_NAME = 60
# What ends a builder's name: a separator, a copyright sign, a sentence end or the next line.
_NAME_END = re.compile(r"\s*(?:[|·•©®\n]|&copy;| - | – | — |\.\s|\.$|,\s*(?:all rights|alle rechte)|$)", re.I)


@dataclass(frozen=True, kw_only=True, slots=True)
class Credit:
    """A site's maker as a page credits them."""

    name: str
    """The builder as written (``Acme Digital``)."""
    url: str | None = None
    """The builder's own site when the credit links to it (``https://acme-digital.example/``)."""
    how: str = "credit"
    """``credit`` (a footer phrase) or ``meta:<key>`` (e.g. ``meta:designer``)."""


def site_credits(dom: PageDom, *, company: str | None, home: bool) -> list[Credit]:
    """The builders a page credits; ``home``: the site's home page, whose ``author`` meta speaks for the site."""
    found: dict[str, Credit] = {}
    own = _key(company) if company else ""
    for credit in (*_meta_credits(dom, home=home), *_text_credits(dom)):
        key = _key(credit.name)
        if not key or key in _not_builders() or key == own:
            continue
        found.setdefault(key, credit)
    return list(found.values())


def _key(name: str) -> str:
    """A name without its legal form, case, accents and punctuation: "Lumen Labs Inc." -> "lumenlabs"."""
    from cleanco import basename

    return "".join(ch for ch in fold(basename(name) or name) if ch.isalnum())


def _meta_credits(dom: PageDom, *, home: bool) -> list[Credit]:
    keys = [k for k in words("site_credits", "meta") if home or k != "author"]
    return [Credit(name=_clean(dom.meta[k]), how=f"meta:{k}") for k in keys if dom.meta.get(k) and _clean(dom.meta[k])]


def _text_credits(dom: PageDom) -> list[Credit]:
    tail = {block.id for block in dom.blocks[-TAIL_BLOCKS:]}
    credits = []
    for block in dom.blocks:
        if not block.text or len(block.text) > 400 or not ("footer" in block.contexts or block.id in tail):
            continue
        for match in _cue_pattern().finditer(block.text):
            rest = block.text[match.end():]
            link = _link_after(dom, block, match.end())
            name = link[0] if link else _clean(_NAME_END.split(rest, maxsplit=1)[0])
            if name and len(name) <= MAX_NAME and any(ch.isalpha() for ch in name):
                credits.append(Credit(name=name, url=link[1] if link else None))
    return credits


def _link_after(dom: PageDom, block: Block, offset: int) -> tuple[str, str] | None:
    """The text and site of a link that starts right after the cue (``Website by <a href>Acme</a>``)."""
    rest = block.text[offset:].lstrip(" :–—-")
    for link in dom.links:
        if link.block_id != block.id or not link.text or not rest.startswith(link.text):
            continue
        parts = urlsplit(link.href)
        if parts.scheme in ("http", "https") and parts.hostname:
            return _clean(link.text), f"{parts.scheme}://{parts.hostname}/"
        return _clean(link.text), None
    return None


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .,:;–—-\"'")[:MAX_NAME]


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    cues = sorted(words("site_credits", "cue"), key=len, reverse=True)  # longest first: "webdesign von"
    alternatives = "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in cues)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])\s*[:\-–—]?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _not_builders() -> frozenset[str]:
    return frozenset(_key(str(row["not_builder"])) for row in load_rows("site_credits") if "not_builder" in row)
