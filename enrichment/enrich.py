"""Enrichment over the store: link Persons to public profiles, add profile and employer facts with provenance.

What `leadscout enrich` does. For each source, people and profiles are linked
by the record linker (name, employer, title, email; one profile per person per
source) with a reviewed fixed model: a name alone never links, it takes a
second agreeing field. A linked profile adds person facts — ``employer``,
``profile_title``, ``location``, ``school``, ``interest``, ``topic`` (from bio and
posts), ``handle``, ``profile``, ``bio``, and ``email`` when the profile states
one — each with the profile's URL (or the dump file's URI), fetched_at,
extractor ``enrichment.<source>/<version>`` and the record's SHA-256; posts
themselves are not stored. The employer's crawled pages add ``technology``,
``open_positions``, ``job_opening``, ``company_size`` and ``founded`` facts to each
person of the site. Re-running adds nothing new (facts are upserts).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from enrichment.sources import Profile, ProfileSource, SourceError, open_source
from leadscout.config import Settings
from leadscout.records import Person, Provenance
from leadscout.store import create_store_engine
from leadscout.store.crawl import as_utc, url_hash
from leadscout.store.engine import insert_for
from leadscout.store.people import iter_people
from leadscout.store.schema import pages, people, person_facts, person_links, sites

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.9


@dataclass(frozen=True, kw_only=True, slots=True)
class EnrichSummary:
    """What an enrichment pass did."""

    profiles: int
    """Profiles read from all sources."""
    linked: int
    """(person, profile) links made or confirmed."""
    facts: int
    """Fact rows written (new or refreshed)."""


def parse_sources(entries: Sequence[str]) -> list[ProfileSource]:
    """``["github=dump.jsonl", "api=https://..."]`` -> sources; SourceError names a malformed entry."""
    out = []
    for entry in entries:
        name, sep, spec = entry.partition("=")
        if not sep or not name.strip() or not spec.strip():
            raise SourceError(f"--source {entry!r} is not NAME=PATH_OR_URL (e.g. --source github=profiles.jsonl)")
        out.append(open_source(name.strip(), spec.strip()))
    if len({s.name for s in out}) != len(out):
        raise SourceError("two --source entries share a name; give each source its own NAME")
    return out


def _model(plan):
    """Reviewed m/u: a candidate pair is rarely the same person (prior 1%) until a second field agrees."""
    import numpy as np

    from enrichment.fellegi_sunter import MatchModel

    table = {
        "name": ([.80, .10, .05, .02, .02, .01], [.002, .003, .002, .003, .02, .97]),
        "company": ([.70, .15, .05, .10], [.01, .01, .03, .95]),
        "title": ([.40, .15, .15, .30], [.02, .01, .04, .93]),
        "email": ([.80, .05, .05, .01, .09], [.0001, .0005, .002, .20, .7974]),
    }
    return MatchModel(labels=tuple(c.label for c in plan.comparisons), levels=tuple(c.levels for c in plan.comparisons),
                      m=[np.array(table[c.label][0]) for c in plan.comparisons],
                      u=[np.array(table[c.label][1]) for c in plan.comparisons], prior=0.01)


def link_profiles(persons: Sequence[Person], profiles: Sequence[Profile], *, threshold: float = DEFAULT_THRESHOLD):
    """(person, profile, score, evidence) for each linked pair; one profile per person and vice versa."""
    from enrichment.columns import ColumnType as T
    from enrichment.linker import LinkOptions, field_values, record_ids, run_plan
    from enrichment.plan import make_plan
    from enrichment.tables import RecordTable

    if not persons or not profiles:
        return []
    left = RecordTable(columns=("id", "name", "company", "title", "email"), rows=[
        {"id": str(i), "name": p.name, "company": p.company or "", "title": p.title or "",
         "email": min((v.value for v in p.fields.get("email", ())), default="")} for i, p in enumerate(persons)])
    right = RecordTable(columns=("id", "name", "company", "title", "email"), rows=[
        {"id": str(i), "name": p.name, "company": p.employer, "title": p.title, "email": p.email}
        for i, p in enumerate(profiles)])
    types = {"id": T.IGNORE, "name": T.FULL_NAME, "company": T.COMPANY, "title": T.TITLE, "email": T.EMAIL}
    plan = make_plan(types, types)
    options = LinkOptions(threshold=threshold, one_to_one=True)
    left_values = field_values(left, types, plan, "left", options.normalize)
    right_values = field_values(right, types, plan, "right", options.normalize)
    result = run_plan(plan, left_values, right_values, record_ids(left, "id")[0], record_ids(right, "id")[0],
                      options=options, model=_model(plan))
    return [(persons[pair.left_index], profiles[pair.right_index], pair.score,
             [{"field": e.field, "level": e.level, "weight": e.weight} for e in result.explain(pair)])
            for pair in result.pairs]


def _profile_facts(profile: Profile, topics: Sequence[str]) -> list[tuple[str, str]]:
    facts = [("employer", profile.employer), ("profile_title", profile.title), ("location", profile.location),
             ("handle", profile.handle), ("profile", profile.url), ("bio", profile.bio[:1000]),
             ("email", profile.email.lower())]
    facts += [("school", s) for s in profile.schools] + [("interest", i) for i in profile.interests]
    facts += [("topic", t) for t in topics]
    return [(f, v) for f, v in facts if v]


def write_facts(conn: Connection, person_id: int, facts: Sequence[tuple[str, str]], provenance: Provenance) -> int:
    """Upsert person facts with one provenance (idempotent on person, field, value, source URL)."""
    now = datetime.now(UTC)
    for field, value in facts:
        values = dict(person_id=person_id, field=field, value=value, raw=None, source_url=provenance.source_url,
                      source_sha256=url_hash(provenance.source_url), fetched_at=provenance.fetched_at,
                      extractor=provenance.extractor, page_sha256=provenance.page_sha256, first_seen=now)
        conn.execute(insert_for(conn, person_facts).values(**values).on_conflict_do_update(
            index_elements=["person_id", "field", "value", "source_sha256"],
            set_={"fetched_at": provenance.fetched_at, "page_sha256": provenance.page_sha256,
                  "extractor": provenance.extractor}))
    return len(facts)


def employer_facts_by_site(engine: Engine) -> dict[int, list]:
    """Employer facts per site id, from the stored pages."""
    from enrichment.company import StoredPage, employer_facts

    by_site: dict[int, list[StoredPage]] = defaultdict(list)
    query = select(pages.c.site_id, pages.c.url, pages.c.title, pages.c.html, pages.c.fetched_at, pages.c.sha256)
    with engine.connect() as conn:
        for row in conn.execute(query.where(pages.c.html.is_not(None)).order_by(pages.c.id)):
            by_site[row.site_id].append(StoredPage(url=row.url, title=row.title, html=row.html, provenance=Provenance(
                source_url=row.url, fetched_at=as_utc(row.fetched_at), extractor="enrichment.company/1",
                page_sha256=row.sha256)))
    return {site: employer_facts(site_pages) for site, site_pages in by_site.items()}


def enrich_store(settings: Settings, sources: Sequence[ProfileSource], *, threshold: float = DEFAULT_THRESHOLD,
                 with_topics: bool = True, nlp=None) -> EnrichSummary:
    """Link every stored person to each source's profiles and merge their fields; add employer facts."""
    if not 0.0 <= threshold <= 1.0:
        raise SourceError(f"--threshold {threshold} is outside 0..1 (it is a match probability)")
    engine = create_store_engine(settings.db)
    persons = list(iter_people(engine))
    read = linked = written = 0
    for source in sources:
        profiles = list(source.profiles())
        read += len(profiles)
        pairs = link_profiles(persons, profiles, threshold=threshold)
        extractor = f"enrichment.{source.name}/{source.version}"
        for person, profile, score, evidence in pairs:
            topics = []
            if with_topics and (profile.bio or profile.posts):
                from enrichment.topics import topics_of

                topics = topics_of([profile.bio, *profile.posts], nlp=nlp)
            provenance = Provenance(source_url=profile.source_url, fetched_at=profile.fetched_at, extractor=extractor,
                                    page_sha256=profile.sha256)
            with engine.begin() as conn:
                written += write_facts(conn, person.person_id, _profile_facts(profile, topics), provenance)
                _record_link(conn, person.person_id, profile, score, evidence, extractor)
            linked += 1
        log.info("source %s: %d profiles, %d linked", source.name, len(profiles), len(pairs))
    written += _employer_facts(engine)
    return EnrichSummary(profiles=read, linked=linked, facts=written)


def _record_link(conn: Connection, person_id: int, profile: Profile, score: float, evidence, resolver: str) -> None:
    values = dict(person_id=person_id, kind="profile", site_id=None, other_key=f"{profile.source}:{profile.key}",
                  other_name=profile.name, other_id=None, score=score, evidence={"score": score, "fields": evidence},
                  resolver=resolver, created_at=datetime.now(UTC))
    conn.execute(insert_for(conn, person_links).values(**values).on_conflict_do_update(
        index_elements=["person_id", "kind", "other_key"],
        set_={"score": score, "evidence": values["evidence"], "created_at": values["created_at"]}))


def _employer_facts(engine: Engine) -> int:
    facts = employer_facts_by_site(engine)
    written = 0
    with engine.begin() as conn:
        members = conn.execute(select(people.c.id, people.c.site_id).join(sites, sites.c.id == people.c.site_id)
                               .where(people.c.status == "active").order_by(people.c.id))
        for person_id, site_id in list(members):
            for fact in facts.get(site_id, ()):
                written += write_facts(conn, person_id, [(fact.field, fact.value)], fact.provenance)
    return written
