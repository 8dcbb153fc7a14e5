"""Who is due for re-validation, with what re-validation needs to judge them (sources, keys, contact points)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from leadscout.store.schema import people, person_facts, person_links, person_validation, sites

REVALIDATED_STATUSES = ("active", "stale", "departed", "invalid")
"""Statuses re-validation moves between; ``objected`` people are frozen and never re-fetched."""
PAGE_EXTRACTOR_PREFIX = "ner/"
"""Facts read from a crawled page carry this extractor (ner.EXTRACTOR); their source URL is a page to re-fetch."""
_WINDOW = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_IN_CHUNK = 900


class WindowError(ValueError):
    """A duration such as --older-than is not readable; the message shows the accepted forms."""


def parse_window(text: str, *, option: str = "--older-than") -> timedelta:
    """``30d``, ``12h``, ``2w``, ``90m``, ``45s`` -> a timedelta."""
    match = _WINDOW.match(text or "")
    if not match:
        raise WindowError(f"{option} {text!r}: write a duration like 30d, 2w or 12h")
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


@dataclass(kw_only=True, slots=True)
class DuePerson:
    """One person to re-validate, with what the decision needs."""

    person_id: int
    site: str
    """Site key (registered domain)."""
    name: str
    """Display name (for reports)."""
    person_key: str
    """The name folded as in store.people.person_key: what the extractor's contacts are matched by."""
    aliases: set[str] = field(default_factory=set)
    """Keys of people rows identity resolution merged into this one: the page may show a variant."""
    status: str = "active"
    confidence: float = 0.0
    base_confidence: float | None = None
    """The evidence-only confidence from the previous re-validation; None before the first."""
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    """E.164 without extension."""
    sources: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Source page URL -> the page hashes (page_sha256) the person's facts were read from there."""

    @property
    def keys(self) -> set[str]:
        return {self.person_key, *self.aliases}


def due_people(conn: Connection, *, now: datetime, window: timedelta, site: str | None = None) -> list[DuePerson]:
    """People not confirmed within ``window`` before ``now``, plus non-active people a crawl has seen since
    their last re-validation (they may be back)."""
    cutoff = now - window
    validated = person_validation.c.validated_at
    query = (
        select(people.c.id, people.c.full_name, people.c.person_key, people.c.status, people.c.confidence, sites.c.site,
               person_validation.c.base_confidence)
        .join(sites, sites.c.id == people.c.site_id)
        .outerjoin(person_validation, person_validation.c.person_id == people.c.id)
        .where(people.c.status.in_(REVALIDATED_STATUSES))
        .where(or_(
            and_(people.c.last_seen < cutoff, or_(validated.is_(None), validated < cutoff)),
            and_(people.c.status != "active", validated.is_not(None), people.c.last_seen > validated),
        ))
        .order_by(people.c.id)
    )
    if site is not None:
        query = query.where(sites.c.site == site)
    due = {row.id: DuePerson(person_id=row.id, site=row.site, name=row.full_name, person_key=row.person_key,
                             status=row.status, confidence=row.confidence, base_confidence=row.base_confidence)
           for row in conn.execute(query)}
    ids = list(due)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start:start + _IN_CHUNK]
        facts = select(person_facts.c.person_id, person_facts.c.field, person_facts.c.value,
                       person_facts.c.source_url, person_facts.c.extractor, person_facts.c.page_sha256
                       ).where(person_facts.c.person_id.in_(chunk))
        for fact in conn.execute(facts):
            person = due[fact.person_id]
            if fact.field == "email":
                person.emails.add(fact.value)
            elif fact.field == "phone":
                person.phones.add(fact.value.split(";", 1)[0])
            if fact.extractor.startswith(PAGE_EXTRACTOR_PREFIX):
                person.sources[fact.source_url].add(fact.page_sha256)
        links = select(person_links.c.person_id, person_links.c.other_key).where(
            person_links.c.kind == "merged", person_links.c.person_id.in_(chunk))
        for person_id, other_key in conn.execute(links):
            due[person_id].aliases.add(other_key)
    return list(due.values())
