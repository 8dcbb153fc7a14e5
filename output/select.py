"""Which people an export may send: active, not suppressed, changed since a moment; with their company's facts."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from leadscout.records import Person
from leadscout.store.crawl import as_utc
from leadscout.store.people import iter_people
from leadscout.store.privacy import suppression_hash
from leadscout.store.schema import jobs, pages, people, person_facts, site_facts, sites, store_meta, suppression
from output.rules import careers_path_words

log = logging.getLogger(__name__)

PRIVACY_CHUNK = 500
"""People checked against the suppression list per query (one IN list of their identifier hashes)."""
_DURATION = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class SelectionError(ValueError):
    """The people to export cannot be chosen as asked; the message says what to fix."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CompanyInfo:
    """What the store knows about the company a person works for (one site)."""

    site: str
    """Site key (registered domain)."""
    name: str | None = None
    """Company name, when a page states it."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code inferred from the pages."""
    phones: tuple[str, ...] = ()
    """Switchboard numbers (E.164)."""
    emails: tuple[str, ...] = ()
    """Company-wide addresses (info@, sales@)."""
    socials: tuple[str, ...] = ()
    """The company's own social profile URLs."""
    people_found: int = 0
    """Active people stored for this site: a size signal."""
    pages_crawled: int = 0
    """Pages stored for this site: another size signal."""
    careers_pages: int = 0
    """Stored pages whose URL path looks like a careers/jobs page (hiring signal)."""
    open_positions: int | None = None
    """Openings on the careers pages (``open_positions`` site facts of enrichment.sitefacts, the largest
    page count; else the number of ``job_posting`` facts); None when no careers page was read."""
    technologies: tuple[str, ...] = ()
    """Technologies recorded as ``technology`` site facts by enrichment.sitefacts (fingerprints and rules)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ExportPerson:
    """One person as an export sees them: the resolved record, their company, and when they changed."""

    person: Person
    """The resolved person with every field's values and provenance."""
    company: CompanyInfo
    """Facts about their company."""
    first_seen: datetime
    """When the person was first seen (UTC)."""
    last_seen: datetime
    """When a page last showed them (UTC)."""
    changed_at: datetime
    """When the newest value about them was first stored (UTC): what ``--since`` compares."""


@dataclass(kw_only=True)
class Selection:
    """The people to export, streamed; counts what was left out and why once iterated."""

    engine: Engine
    since: datetime | None = None
    min_confidence: float = 0.0
    inactive: int = 0
    """People skipped because their status is not ``active`` (erased, objected)."""
    suppressed: int = 0
    """People skipped because one of their identifiers is on the suppression list."""
    unchanged: int = 0
    """People skipped because nothing about them changed since ``since``."""
    selected: int = 0
    """People handed on."""
    _companies: dict[str, CompanyInfo] = field(default_factory=dict)

    def __iter__(self) -> Iterator[ExportPerson]:
        with self.engine.connect() as conn:
            self._companies = load_companies(conn)
            salt = conn.execute(select(store_meta.c.value).where(store_meta.c.key == "suppression_salt")).scalar_one()
        chunk: list[ExportPerson] = []
        for item in self._candidates():
            chunk.append(item)
            if len(chunk) >= PRIVACY_CHUNK:
                yield from self._not_suppressed(chunk, salt)
                chunk = []
        yield from self._not_suppressed(chunk, salt)

    def _candidates(self) -> Iterator[ExportPerson]:
        changed = (select(person_facts.c.person_id, func.max(person_facts.c.first_seen).label("changed_at"))
                   .group_by(person_facts.c.person_id).subquery())
        meta_query = (
            select(people.c.id, people.c.status, people.c.first_seen, people.c.last_seen, changed.c.changed_at)
            .outerjoin(changed, changed.c.person_id == people.c.id)
            .where(people.c.confidence >= self.min_confidence).order_by(people.c.id)
        )
        # iter_people and this query walk the same rows in the same (id) order: zip them in lockstep.
        with self.engine.connect() as conn:
            metas = iter(conn.execution_options(stream_results=True, yield_per=1000).execute(meta_query))
            meta = next(metas, None)
            for person in iter_people(self.engine, min_confidence=self.min_confidence):
                while meta is not None and meta.id < person.person_id:  # written between the two reads
                    meta = next(metas, None)
                if meta is None or meta.id != person.person_id:
                    continue  # stored after this export started: the next run sends them
                if meta.status != "active":
                    self.inactive += 1
                    continue
                first_seen, last_seen = as_utc(meta.first_seen), as_utc(meta.last_seen)
                changed_at = as_utc(meta.changed_at) if meta.changed_at else first_seen
                if self.since is not None and changed_at < self.since:
                    self.unchanged += 1
                    continue
                company = self._companies.get(person.site) or CompanyInfo(site=person.site)
                yield ExportPerson(person=person, company=company, first_seen=first_seen, last_seen=last_seen,
                                   changed_at=changed_at)

    def _not_suppressed(self, chunk: list[ExportPerson], salt: str) -> Iterator[ExportPerson]:
        if not chunk:
            return
        hashes = {id(item): {suppression_hash(salt, kind, value) for kind, value in identifiers(item.person)}
                  for item in chunk}
        every = set().union(*hashes.values())
        with self.engine.connect() as conn:
            hit = set(conn.execute(select(suppression.c.key_hash).where(suppression.c.key_hash.in_(every))).scalars())
        for item in chunk:
            if hashes[id(item)] & hit:
                self.suppressed += 1
                log.info("suppressed person %s left out of the export", item.person.person_id)
                continue
            self.selected += 1
            yield item


def identifiers(person: Person) -> list[tuple[str, str]]:
    """The ``(kind, value)`` identifiers a suppression entry can match a person by (as at ingest)."""
    ids = [("email", v.value) for v in person.fields.get("email", ())]
    ids += [("phone", v.value.split(";", 1)[0]) for v in person.fields.get("phone", ())]
    ids.append(("name", f"{person.name}@{person.site}"))
    return ids


def load_companies(conn: Connection) -> dict[str, CompanyInfo]:
    """Every site's company facts, read in a few grouped queries (sites are far fewer than people)."""
    counts = dict(conn.execute(select(people.c.site_id, func.count()).where(people.c.status == "active")
                               .group_by(people.c.site_id)).all())
    facts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sid, fact, value in conn.execute(select(site_facts.c.site_id, site_facts.c.field, site_facts.c.value)
                                         .order_by(site_facts.c.id)):
        if value not in facts[sid][fact]:
            facts[sid][fact].append(value)
    page_counts: dict[int, int] = defaultdict(int)
    careers: dict[int, int] = defaultdict(int)
    for sid, url in conn.execute(select(pages.c.site_id, pages.c.url)):
        page_counts[sid] += 1
        careers[sid] += is_careers_url(url)
    companies = {}
    for row in conn.execute(select(sites.c.id, sites.c.site, sites.c.company, sites.c.country)):
        known = facts.get(row.id, {})
        companies[row.site] = CompanyInfo(
            site=row.site, name=row.company or next(iter(known.get("company", ())), None), country=row.country,
            phones=_main_first(known, "phone"), emails=_main_first(known, "email"),
            socials=tuple(known.get("social", ())), people_found=counts.get(row.id, 0),
            pages_crawled=page_counts.get(row.id, 0), careers_pages=careers.get(row.id, 0),
            open_positions=_open_positions(known), technologies=tuple(known.get("technology", ())),
        )
    return companies


def _main_first(known: dict[str, list[str]], field: str) -> tuple[str, ...]:
    """A site's phones or emails with its main one (``main_phone``/``main_email`` fact) first."""
    main = known.get(f"main_{field}", [])[:1]
    return tuple(dict.fromkeys([*main, *known.get(field, ())]))


def _open_positions(known: dict[str, list[str]]) -> int | None:
    counts = [int(value) for value in known.get("open_positions", ()) if value.isdigit()]
    if counts:
        return max(counts)
    postings = known.get("job_posting")
    return len(postings) if postings else None


def is_careers_url(url: str) -> bool:
    """True when a URL's path names a careers/jobs page (words from output/data/scorer_rules.jsonl)."""
    path = url.split("://", 1)[-1].partition("/")[2].casefold()
    return any(word in _path_words(path) for word in careers_path_words())


@lru_cache(maxsize=4096)
def _path_words(path: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^\w]+", path) if w)


def parse_since(text: str | None, *, engine: Engine, destination: str, now: datetime | None = None) -> datetime | None:
    """``--since``: ``last`` (the previous finished export to the same destination), a duration such as
    ``7d``/``12h``, or an ISO 8601 date or datetime (UTC when no offset is given)."""
    if text is None:
        return None
    text = text.strip()
    now = now or datetime.now(UTC)
    if text == "last":
        with engine.connect() as conn:
            rows = conn.execute(select(jobs.c.params, jobs.c.created_at)
                                .where(jobs.c.kind == "export", jobs.c.status == "done")
                                .order_by(jobs.c.id.desc())).all()
        for params, created_at in rows:
            if (params or {}).get("destination") == destination:
                return as_utc(created_at)
        return None  # never exported there: everything is new
    if match := _DURATION.match(text):
        return now - timedelta(**{_UNITS[match[2]]: int(match[1])})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SelectionError(f"--since {text!r}: use 'last', a duration like 7d or 12h, "
                             "or an ISO date like 2026-11-01") from None
    return as_utc(moment)


def people_of(items: Iterable[ExportPerson]) -> Iterator[Person]:
    """Just the person records (for writers that need no company facts)."""
    return (item.person for item in items)
