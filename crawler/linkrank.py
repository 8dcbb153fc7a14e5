"""Ranks a site's links so that people pages (team, about, contact, imprint) are fetched first."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from leadscout.datafiles import read_jsonl

BINARY_EXTENSIONS = re.compile(
    r"\.(?:pdf|zip|gz|tgz|rar|7z|exe|dmg|iso|png|jpe?g|gif|webp|svg|ico|bmp|tiff?|mp[34]|m4a|avi|mov|wmv|"
    r"webm|ogg|wav|flac|docx?|xlsx?|pptx?|odt|ods|css|js|json|xml|rss|atom|woff2?|ttf|eot)$",
    re.I,
)
# Session ids and calendar paths: the classic crawler traps.
TRAP = re.compile(
    r"(?:/(?:19|20)\d\d/\d\d?/(?:\d\d?/)?.*(?:19|20)\d\d/"  # a date path inside a date path
    r"|[?&](?:date|month|year|day|week|cal(?:endar)?|start|from)=[^&]*\d{4}"  # calendar navigation
    r"|/(?:calendar|kalender|agenda|events?)/(?:19|20)\d\d)",  # calendar pages by year
    re.I,
)
MAX_QUERY_PARAMS = 2
_WORD = re.compile(r"[^\W_]+")
SESSION_PARAMS = ("jsessionid", "phpsessid", "sid", "sessionid", "session_id", "sessid", "utm_source",
                  "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid")
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.I)


def canonical_url(url: str) -> str:
    """One spelling per page: no fragment, no session or tracking parameters, sorted query."""
    parts = urlsplit(_PATH_SESSION.sub("", url.split("#", 1)[0]))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SESSION_PARAMS]
    return canonicalize_url(urlunsplit(parts._replace(query=urlencode(query))))


def skip_reason(url: str) -> str | None:
    """Why a link should not be fetched at all, or None."""
    parts = urlsplit(url)
    if BINARY_EXTENSIONS.search(parts.path):
        return "binary"
    if TRAP.search(url):
        return "trap"
    if parts.query.count("&") + 1 > MAX_QUERY_PARAMS and parts.query:
        return "query_string"
    return None


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], int]:
    """Phrase (as words) -> weight, from crawler/data/link_words.jsonl; the strongest weight wins."""
    table: dict[tuple[str, ...], int] = {}
    for row in read_jsonl(Path(__file__).parent / "data" / "link_words.jsonl"):
        words = tuple(_words(row["phrase"]))
        if abs(row["weight"]) > abs(table.get(words, 0)):
            table[words] = row["weight"]
    return table


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def link_score(url: str, anchor_text: str) -> int:
    """Higher is fetched sooner: the best people/contact phrase in the URL path or anchor text counts,
    low-value words (blog, shop, privacy) count against, and deeper paths a little against.

    Phrases match whole words ("impressum" is not "press"), in several languages (link_words.jsonl).
    """
    path = urlsplit(url).path
    words = _words(path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path) + _words(anchor_text)
    table = _phrases()
    weights = []
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            weight = table.get(tuple(words[i:i + size]))
            if weight is not None:
                weights.append(weight)
    positive = [w for w in weights if w > 0]
    score = max(positive, default=0) + min([w for w in weights if w < 0], default=0)
    return score - path.count("/")
