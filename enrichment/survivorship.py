"""Survivorship: merging people rows into one Person, field by field, keeping every fact and its provenance.

Rules (documented in the README too):

- id: the oldest row (lowest id) survives, so ids already sent to a CRM stay valid;
- name: the most complete variant — most name tokens, then the longest given name
  ("Jonathan" over "Jon" over "J."), then the oldest row;
- title: the value of the most recently fetched title fact (ties: the most often
  seen, then alphabetical); a row's own title when there are no title facts;
- company: the survivor's, else the first non-empty one by row age;
- confidence: the highest; first_seen: the earliest; last_seen: the latest;
- facts (emails, phones, titles, names, socials, enrichment): all move to the
  survivor with their provenance; only exact duplicates (same field, value and
  source URL) collapse, the survivor keeping the later fetch;
- export-ledger entries move when the survivor has none for that destination;
  links (earlier merges, profiles) move to the survivor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from leadscout.store.engine import insert_for
from leadscout.store.schema import export_ledger, people, person_facts, person_links


@dataclass(kw_only=True, slots=True)
class PersonRow:
    """A people row as resolution sees it."""

    id: int
    site_id: int
    person_key: str
    full_name: str
    given: str
    family: str
    title: str | None
    company: str | None
    confidence: float
    first_seen: datetime
    last_seen: datetime
    facts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """email, phone and title values of the row."""

    @classmethod
    def from_row(cls, row) -> PersonRow:
        return cls(id=row.id, site_id=row.site_id, person_key=row.person_key, full_name=row.full_name,
                   given=row.given or "", family=row.family or "", title=row.title, company=row.company,
                   confidence=row.confidence, first_seen=row.first_seen, last_seen=row.last_seen)

    def name_parts(self) -> tuple[str, str]:
        """Given and family name; split from the full name when extraction left them empty."""
        if self.given or self.family:
            return self.given, self.family
        tokens = self.full_name.split()
        if len(tokens) < 2:
            return "", self.full_name
        return tokens[0], tokens[-1]


def name_rank(row: PersonRow) -> tuple:
    """Higher is more complete: more tokens, then a longer given name, then the older row."""
    given, _ = row.name_parts()
    return len(row.full_name.split()), len(given.rstrip(".")), -row.id


def merge_into(conn: Connection, survivor: PersonRow, members: Sequence[PersonRow], evidence: Sequence[dict], *,
               resolver: str, now: datetime) -> None:
    """Merge ``members`` into ``survivor`` in the caller's transaction (see the module docstring for the rules)."""
    for member, proof in zip(members, evidence, strict=True):
        _move_facts(conn, member.id, survivor.id)
        _move_ledger(conn, member.id, survivor.id)
        _move_links(conn, member.id, survivor.id)
        values = dict(person_id=survivor.id, kind="merged", site_id=member.site_id, other_key=member.person_key,
                      other_name=member.full_name, other_id=member.id, score=float(proof.get("score", 1.0)),
                      evidence=proof, resolver=resolver, created_at=now)
        conn.execute(insert_for(conn, person_links).values(**values).on_conflict_do_update(
            index_elements=["person_id", "kind", "other_key"],
            set_={k: values[k] for k in ("other_name", "other_id", "score", "evidence", "resolver", "created_at")}))
        conn.execute(delete(people).where(people.c.id == member.id))
    everyone = [survivor, *members]
    best_name = max(everyone, key=name_rank)
    conn.execute(update(people).where(people.c.id == survivor.id).values(
        full_name=best_name.full_name, given=best_name.given, family=best_name.family,
        title=_surviving_title(conn, survivor.id, everyone),
        company=survivor.company or next((r.company for r in sorted(everyone, key=lambda r: r.id) if r.company), None),
        confidence=max(r.confidence for r in everyone),
        first_seen=min(r.first_seen for r in everyone), last_seen=max(r.last_seen for r in everyone),
    ))


def _move_facts(conn: Connection, source: int, target: int) -> None:
    """Facts of ``source`` become ``target``'s; a duplicate keeps the later fetch and its provenance."""
    mine = aliased(person_facts)
    same = and_(mine.c.person_id == target, mine.c.field == person_facts.c.field,
                mine.c.value == person_facts.c.value, mine.c.source_sha256 == person_facts.c.source_sha256)
    duplicates = conn.execute(select(person_facts).where(person_facts.c.person_id == source, exists().where(same)))
    for fact in duplicates:
        conn.execute(update(person_facts).where(
            person_facts.c.person_id == target, person_facts.c.field == fact.field,
            person_facts.c.value == fact.value, person_facts.c.source_sha256 == fact.source_sha256,
            person_facts.c.fetched_at < fact.fetched_at,
        ).values(fetched_at=fact.fetched_at, page_sha256=fact.page_sha256, extractor=fact.extractor))
    conn.execute(delete(person_facts).where(person_facts.c.person_id == source, exists().where(same)))
    conn.execute(update(person_facts).where(person_facts.c.person_id == source).values(person_id=target))


def _move_ledger(conn: Connection, source: int, target: int) -> None:
    taken = select(export_ledger.c.destination).where(export_ledger.c.person_id == target)
    conn.execute(update(export_ledger).where(export_ledger.c.person_id == source,
                                             export_ledger.c.destination.not_in(taken)).values(person_id=target))


def _move_links(conn: Connection, source: int, target: int) -> None:
    theirs = aliased(person_links)
    clash = exists().where(theirs.c.person_id == target, theirs.c.kind == person_links.c.kind,
                           theirs.c.other_key == person_links.c.other_key)
    conn.execute(delete(person_links).where(person_links.c.person_id == source, clash))
    conn.execute(update(person_links).where(person_links.c.person_id == source).values(person_id=target))


def _surviving_title(conn: Connection, person_id: int, rows: Sequence[PersonRow]) -> str | None:
    query = (select(person_facts.c.value, func.max(person_facts.c.fetched_at).label("latest"),
                    func.count().label("seen"))
             .where(person_facts.c.person_id == person_id, person_facts.c.field == "title")
             .group_by(person_facts.c.value))
    titles = list(conn.execute(query))
    if titles:
        # Latest fetch first, then the most often seen, then alphabetical: deterministic.
        return min(titles, key=lambda t: (-t.latest.timestamp(), -t.seen, t.value)).value
    return next((r.title for r in sorted(rows, key=lambda r: r.id) if r.title), None)
