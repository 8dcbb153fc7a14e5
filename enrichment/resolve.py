"""Identity resolution over the store: people rows of one site that are the same person become one Person.

A batch stage run after extraction (never inside Scrapy). Within each site,
people rows are linked by the record linker with a reviewed, fixed
Fellegi–Sunter model (names with nicknames, email, phone, title, email-vs-name),
clustered, and each cluster is merged into its oldest row:

- facts (every value with its provenance) move to the survivor; nothing is dropped
  but exact duplicates of a fact the survivor already holds;
- the survivor's display fields follow the survivorship rules in ``survivorship``;
- a ``person_links`` row per merged row keeps its name, key, score and the
  field-by-field evidence, and makes the merge sticky: when a re-crawl brings
  the variant back under its old key, it is merged again without re-scoring.

People on different sites are never merged: a site is a company, and two
people with the same name at different companies are different people.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from enrichment.survivorship import PersonRow, merge_into
from leadscout.store.schema import job_sites, people, person_facts, person_links

log = logging.getLogger(__name__)

RESOLVER = "enrichment.resolve/1"
DEFAULT_THRESHOLD = 0.9


SURNAME_SPELLING = 0.88
"""Jaro-Winkler similarity under which two folded surnames are two different names (not a typo/transliteration)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ResolveSummary:
    """What a resolution pass did."""

    people: int
    """People rows considered."""
    merged: int
    """Rows merged into another (and removed)."""
    persons: int
    """People rows left (resolved Persons) among those considered."""


def _model():
    """The reviewed model: m = P(level | same person), u = P(level | different people on one site).

    Fixed rather than learned because a site holds a handful of name variants, far
    too few pairs for EM; the numbers encode: nicknames and surname agreement are
    strong, two different addresses at one domain are strong evidence of two
    people, a shared phone is weak (switchboards), a differing title is weak
    (people change and write titles differently).
    """
    import numpy as np

    from enrichment.fellegi_sunter import MatchModel

    plan = _plan()
    table = {
        "first_name": ([.70, .08, .12, .02, .04, .03, .01], [.02, .01, .005, .002, .03, .05, .883]),
        "last_name": ([.85, .08, .001, .02, .03, .01, .009], [.02, .005, .001, .002, .02, .05, .902]),
        "email": ([.80, .05, .05, .01, .09], [.0001, .0005, .002, .60, .3974]),
        "phone": ([.60, .05, .02, .33], [.05, .005, .01, .935]),
        "title": ([.50, .15, .15, .20], [.05, .02, .05, .88]),
        "email_vs_name": ([.50, .40, .10], [.01, .02, .97]),
    }
    return MatchModel(labels=tuple(c.label for c in plan.comparisons),
                      levels=tuple(c.levels for c in plan.comparisons),
                      m=[np.array(table[c.label][0]) for c in plan.comparisons],
                      u=[np.array(table[c.label][1]) for c in plan.comparisons], prior=0.1)


def _plan():
    from enrichment.blocking import BlockingRule, KeyPart
    from enrichment.compare import EmailComparison, PhoneComparison, TextComparison
    from enrichment.compare_names import EmailNameComparison, NameComparison
    from enrichment.plan import LinkPlan

    site = KeyPart(fields=("site",))
    comparisons = (
        NameComparison("first_name", "first_name", swap_left="last_name", swap_right="last_name"),
        NameComparison("last_name", "last_name", swap_left="first_name", swap_right="first_name"),
        EmailComparison("email", "email"), PhoneComparison("phone", "phone"), TextComparison("title", "title"),
        EmailNameComparison("email_vs_name", email="email", first="first_name", last="last_name"),
    )
    # Every rule includes the site: people are only ever compared with people of the same company.
    rules = tuple(BlockingRule(name=f"site+{name}", parts=(site, part)) for name, part in (
        ("last(metaphone)", KeyPart(fields=("last_name",), transform="metaphone")),
        ("first(metaphone)", KeyPart(fields=("first_name",), transform="metaphone")),
        ("names(metaphone)", KeyPart(fields=("first_name", "last_name"), transform="sorted_metaphones")),
        ("email", KeyPart(fields=("email",))), ("phone", KeyPart(fields=("phone",))),
    ))
    return LinkPlan(fields=(), comparisons=comparisons, rules=rules)


def _load(conn: Connection, site_ids: set[int] | None) -> list[PersonRow]:
    query = select(people).where(people.c.status == "active").order_by(people.c.id)
    if site_ids is not None:
        query = query.where(people.c.site_id.in_(site_ids))
    rows = {r.id: PersonRow.from_row(r) for r in conn.execute(query)}
    facts = select(person_facts.c.person_id, person_facts.c.field, person_facts.c.value).where(
        person_facts.c.field.in_(("email", "phone", "title"))).order_by(person_facts.c.person_id, person_facts.c.id)
    for fact in conn.execute(facts):
        if fact.person_id in rows:
            rows[fact.person_id].facts[fact.field].append(fact.value)
    return list(rows.values())


def _values(rows: Sequence[PersonRow]):
    import numpy as np

    from enrichment.columns import fold_text, normalize_email

    columns: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        given, family = row.name_parts()
        columns["site"].append(str(row.site_id))
        columns["first_name"].append(fold_text(given))
        columns["last_name"].append(fold_text(family))
        columns["email"].append(normalize_email(min(row.facts["email"], default="")))
        columns["phone"].append(min(row.facts["phone"], default="").split(";")[0])
        columns["title"].append(fold_text(row.title or min(row.facts["title"], default="")))
    return {name: np.array(values, dtype=object) for name, values in columns.items()}


def _known_aliases(conn: Connection, rows: Sequence[PersonRow]) -> list[tuple[int, int, dict]]:
    """(survivor id, row id, link) for rows whose key an earlier pass already merged into a live survivor."""
    by_key = {(r.site_id, r.person_key): r.id for r in rows}
    live = {r.id for r in rows}
    out = []
    query = select(person_links).where(person_links.c.kind == "merged").order_by(person_links.c.id)
    for link in conn.execute(query):
        row_id = by_key.get((link.site_id, link.other_key))
        if row_id is not None and row_id != link.person_id and link.person_id in live:
            out.append((link.person_id, row_id, {"reason": "known alias", "link_id": link.id}))
    return out


def resolve_people(engine: Engine, *, job_id: int | None = None, threshold: float = DEFAULT_THRESHOLD) -> ResolveSummary:
    """Merge the people rows that are the same person, within each site (of ``job_id``'s sites, or all)."""
    from enrichment.linker import LinkOptions, run_plan

    with engine.connect() as conn:
        site_ids = None
        if job_id is not None:
            site_ids = set(conn.execute(select(job_sites.c.site_id).where(job_sites.c.job_id == job_id)).scalars())
        rows = _load(conn, site_ids)
        aliases = _known_aliases(conn, rows)
    if len(rows) < 2:
        return ResolveSummary(people=len(rows), merged=0, persons=len(rows))
    ids = [str(r.id) for r in rows]
    result = run_plan(_plan(), _values(rows), None, ids, ids, options=LinkOptions(threshold=threshold),
                      model=_model())
    index = {r.id: i for i, r in enumerate(rows)}
    evidence: dict[tuple[int, int], dict] = {}
    links = list(result.pairs)
    for pair in result.pairs:
        # Levels and weights only: the evidence is kept, so it carries no raw email or phone.
        evidence[(pair.left_index, pair.right_index)] = {
            "score": pair.score, "fields": [_field(e) for e in result.explain(pair)]}
    for survivor, row_id, link in aliases:
        a, b = sorted((index[survivor], index[row_id]))
        evidence[(a, b)] = {"score": 1.0, **link}
        links.append(_AliasPair(a, b))
    groups = _constrained_clusters(rows, links)
    merged = 0
    now = datetime.now(UTC)
    for members in groups.values():
        if len(members) < 2:
            continue
        survivor = min(members, key=lambda i: rows[i].id)
        proofs = {i: _best_evidence(i, members, evidence) for i in members if i != survivor}
        for proof in proofs.values():
            proof["with_person"] = rows[proof.pop("with_index")].id
        with engine.begin() as conn:
            merge_into(conn, rows[survivor], [rows[i] for i in proofs], [proofs[i] for i in proofs],
                       resolver=RESOLVER, now=now)
        merged += len(proofs)
        log.info("resolved %d people rows into person %d (site %d)", len(members), rows[survivor].id,
                 rows[survivor].site_id)
    return ResolveSummary(people=len(rows), merged=merged, persons=len(rows) - merged)


def _cannot_link(a: PersonRow, b: PersonRow) -> bool:
    """Hard evidence of two people, whatever the score: two surnames that are not spellings of one
    another. (Colleagues' addresses look alike, alice.johnson@ vs alice.patel@, and a shared first
    name and title must not outweigh that; one person may well have two addresses, so differing
    emails alone are no such evidence.)"""
    from rapidfuzz.distance import JaroWinkler

    from enrichment.columns import fold_text

    family_a, family_b = fold_text(a.name_parts()[1]), fold_text(b.name_parts()[1])
    if family_a and family_b and family_a != family_b and min(len(family_a), len(family_b)) > 2:
        return JaroWinkler.similarity(family_a, family_b) < SURNAME_SPELLING
    return False


def _constrained_clusters(rows: Sequence[PersonRow], links) -> dict[int, list[int]]:
    """Clusters from the links, strongest first, never joining two groups that hold a cannot-link pair.

    Plain connected components would chain A~B~C into one person even when A and C are plainly two
    people; here every merge is checked against every member of both groups.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(len(rows))}
    group_of = list(range(len(rows)))
    for pair in sorted(links, key=lambda p: (-getattr(p, "score", 1.0), p.left_index, p.right_index)):
        a, b = group_of[pair.left_index], group_of[pair.right_index]
        if a == b or any(_cannot_link(rows[i], rows[j]) for i in members[a] for j in members[b]):
            continue
        keep, gone = min(a, b), max(a, b)
        for i in members[gone]:
            group_of[i] = keep
        members[keep] += members.pop(gone)
    return members


@dataclass(frozen=True, slots=True)
class _AliasPair:
    left_index: int
    right_index: int


def _field(e) -> dict:
    return {"field": e.field, "level": e.level, "weight": e.weight}


def _best_evidence(i: int, members: Sequence[int], evidence: dict[tuple[int, int], dict]) -> dict:
    """The strongest recorded pair tying row ``i`` into its cluster (pairs are keyed by sorted indices)."""
    found = [evidence[key] | {"with_index": key[0] if key[1] == i else key[1]}
             for key in evidence if i in key and key[0] in members and key[1] in members]
    return max(found, key=lambda e: (e["score"], -e["with_index"]))
