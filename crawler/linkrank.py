"""Ranks a site's links so that people pages (team, about, contact, imprint) are fetched first."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Words in a URL path or anchor text that point at people or contact points, by language.
PEOPLE_WORDS = (
    "team", "people", "staff", "leadership", "management", "our-firm", "attorneys", "lawyers",
    "partners", "board", "founders", "who-we-are", "about", "contact", "imprint", "impressum",
    "kontakt", "ueber-uns", "uber-uns", "mitarbeiter", "equipe", "équipe", "mentions-legales",
    "mentions légales", "qui-sommes-nous", "equipo", "nosotros", "contacto", "chi-siamo", "contatti",
    "over-ons", "medewerkers", "sobre", "quem-somos", "contato", "directory",
)
# Pages that rarely name staff and can grow without bound.
LOW_VALUE_WORDS = ("blog", "news", "press", "product", "shop", "cart", "login", "privacy", "cookie", "terms",
                   "tag", "category", "archive", "search", "feed", "calendar", "event")
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


def link_score(url: str, anchor_text: str) -> int:
    """Higher is fetched sooner: people words in the path or anchor text win, low-value words lose."""
    haystack = f"{urlsplit(url).path} {anchor_text}".lower()
    score = 0
    if any(word in haystack for word in PEOPLE_WORDS):
        score += 10
    if any(word in haystack for word in LOW_VALUE_WORDS):
        score -= 5
    return score - urlsplit(url).path.count("/")
