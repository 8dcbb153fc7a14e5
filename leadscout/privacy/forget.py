"""`leadscout forget`: erasure (GDPR Art. 17) and objection to marketing (Art. 21), with a lasting effect.

Erasure deletes, in one transaction: the person rows (and with them, by foreign
key, every field value and its provenance, identity links, history, validation
and export-ledger rows — pending exports included), the cached pages that hold
them (their source pages, and any stored page of their site whose HTML contains
their email, phone or name), and company contact points equal to their own email
or phone. Their identifiers go on the suppression list as salted hashes, which
ingest (store.people.save_extraction) and every export (output.select) check: a
re-crawl of the same page stores and exports nobody.

Objection keeps the record (status ``objected``, a history row), drops the
person's unconfirmed exports and suppresses their identifiers with reason
``objection``: exports and the scorer feed leave them out from then on, and a
re-crawl does not bring them back as someone new.

An email or phone number that other people (or the company's contact points)
share — a switchboard — is not suppressed, or every colleague listing it would
vanish too; the person's name at their site and their own addresses are.
"""

from __future__ import annotations

import logging
from html import unescape
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select, true, update
from sqlalchemy.engine import Connection

from leadscout.privacy.lookup import Query, find_people
from leadscout.store.history import Change, record_changes
from leadscout.store.privacy import suppress
from leadscout.store.schema import (export_ledger, pages, people, person_facts, person_history, person_links,
                                    site_facts, sites)

log = logging.getLogger(__name__)


class ForgetError(ValueError):
    """The request is ambiguous or cannot be carried out; the message says how to narrow it."""


@dataclass(kw_only=True)
class ForgetSummary:
    """What an erasure or objection did."""

    objection: bool
    people: int = 0
    facts: int = 0
    history: int = 0
    pages: int = 0
    pending_exports: int = 0
    company_contact_points: int = 0
    suppressed: int = 0
    """Identifiers newly added to the suppression list."""
    shared_kept: int = 0
    """Emails/phones not suppressed because other people or the company's contact points share them."""
    recipients: list[tuple[str, str | None]] = field(default_factory=list)
    """(destination, record id there) of confirmed exports: erase or flag the person there too (Art. 19)."""


def forget(engine: Engine, query: Query, *, site: str | None = None, object_only: bool = False,
           all_matches: bool = False, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> ForgetSummary:
    """Erase (or, with ``object_only``, mark as objecting) the people ``query`` matches, and suppress them."""
    summary = ForgetSummary(objection=object_only)
    with engine.begin() as conn:
        ids = find_people(conn, query, site=site)
        if len(ids) > 1 and query.kind != "email" and not all_matches:
            where = sorted(set(conn.execute(select(sites.c.site).join(people, people.c.site_id == sites.c.id)
                                            .where(people.c.id.in_(ids))).scalars()))
            raise ForgetError(f"the query matches {len(ids)} people (sites: {', '.join(where)}); narrow it with "
                              "--site SITE or an email address, or pass --all to include every one")
        identifiers, summary.shared_kept = _own_identifiers(conn, ids, query, site)
        summary.people = len(ids)
        summary.recipients = [(d, r) for d, r in conn.execute(
            select(export_ledger.c.destination, export_ledger.c.result)
            .where(export_ledger.c.person_id.in_(ids), export_ledger.c.status == "confirmed")
            .order_by(export_ledger.c.destination))] if ids else []
        pending = (export_ledger.c.person_id.in_(ids)) & (export_ledger.c.status != "confirmed")
        summary.pending_exports = _count(conn, export_ledger, pending) if ids else 0
        if object_only:
            _object(conn, ids, clock())
        elif ids:
            _erase(conn, ids, identifiers, summary)
        summary.suppressed = suppress(conn, sorted(identifiers), reason="objection" if object_only else "erasure")
    log.info("%s: %d people, %d identifiers suppressed", "objection" if object_only else "erasure",
             summary.people, summary.suppressed)
    return summary


def _own_identifiers(conn: Connection, ids: list[int], query: Query, site: str | None
                     ) -> tuple[set[tuple[str, str]], int]:
    """Every (kind, value) the people go by: names at their site (variants included), emails, phones — less
    the emails and phones someone else shares; returns them and how many were shared."""
    names = {item for item in query.identifiers(site) if item[0] == "name"}
    contacts = {item for item in query.identifiers(site) if item[0] != "name"}
    if ids:
        of_people = people.c.id.in_(ids)
        names |= {("name", f"{n}@{s}") for n, s in conn.execute(
            select(people.c.full_name, sites.c.site).join(sites, sites.c.id == people.c.site_id).where(of_people))}
        facts = conn.execute(select(person_facts.c.field, person_facts.c.value, sites.c.site)
                             .join(people, people.c.id == person_facts.c.person_id)
                             .join(sites, sites.c.id == people.c.site_id)
                             .where(of_people, person_facts.c.field.in_(("name", "email", "phone", "fax"))))
        for fact, value, where in facts:
            if fact == "name":
                names.add(("name", f"{value}@{where}"))
            else:
                contacts.add(("email" if fact == "email" else "phone", value.split(";", 1)[0]))
        names |= {("name", f"{n}@{s}") for n, s in conn.execute(
            select(person_links.c.other_name, sites.c.site).join(people, people.c.id == person_links.c.person_id)
            .join(sites, sites.c.id == people.c.site_id)
            .where(of_people, person_links.c.kind == "merged", person_links.c.other_name.is_not(None)))}
    shared = {item for item in contacts if _shared(conn, item, ids)}
    return names | (contacts - shared), len(shared)


def _shared(conn: Connection, identifier: tuple[str, str], ids: list[int]) -> bool:
    kind, value = identifier
    if kind == "email":
        fields, same = ("email",), person_facts.c.value == value
    else:  # a stored phone may carry an extension: "+4971123456040;ext=12"
        fields = ("phone", "fax")
        same = (person_facts.c.value == value) | (func.substr(person_facts.c.value, 1, len(value) + 5)
                                                  == value + ";ext=")
    others = select(func.count()).select_from(person_facts).where(
        person_facts.c.field.in_(fields), same, person_facts.c.person_id.not_in(ids) if ids else true())
    company = select(func.count()).select_from(site_facts).where(site_facts.c.field.in_(fields),
                                                                  site_facts.c.value == value)
    return bool(conn.execute(others).scalar_one() or conn.execute(company).scalar_one())


def _object(conn: Connection, ids: list[int], now: datetime) -> None:
    if not ids:
        return
    before = dict(conn.execute(select(people.c.id, people.c.status).where(people.c.id.in_(ids))).all())
    conn.execute(update(people).where(people.c.id.in_(ids)).values(status="objected"))
    conn.execute(delete(export_ledger).where(export_ledger.c.person_id.in_(ids),
                                             export_ledger.c.status != "confirmed"))
    record_changes(conn, [Change(person_id=pid, field="status", old_value=old, new_value="objected",
                                 reason="objection") for pid, old in before.items() if old != "objected"],
                   at=now, job_id=None)


def _erase(conn: Connection, ids: list[int], identifiers: set[tuple[str, str]], summary: ForgetSummary) -> None:
    summary.facts = _count(conn, person_facts, person_facts.c.person_id.in_(ids))
    summary.history = _count(conn, person_history, person_history.c.person_id.in_(ids))
    needles = {value.split("@", 1)[0].casefold() if kind == "name" else value.casefold()
               for kind, value in identifiers}
    raw = conn.execute(select(person_facts.c.raw).where(  # phones as written ("0711 23456-40"); not titles
        person_facts.c.person_id.in_(ids), person_facts.c.field.in_(("phone", "fax")),
        person_facts.c.raw.is_not(None))).scalars()
    needles |= {text.casefold() for text in raw if len(text) >= 5}
    source_urls = set(conn.execute(select(person_facts.c.source_url).where(person_facts.c.person_id.in_(ids)))
                      .scalars())
    site_ids = set(conn.execute(select(people.c.site_id).where(people.c.id.in_(ids))).scalars())
    doomed = []
    for page_id, url, html in conn.execute(select(pages.c.id, pages.c.url, pages.c.html)
                                           .where(pages.c.site_id.in_(site_ids))):
        text = unescape(html or "").casefold()  # "Br&uuml;ckner" is "Brückner"
        if url in source_urls or any(needle in text for needle in needles):
            doomed.append(page_id)
    if doomed:
        conn.execute(delete(pages).where(pages.c.id.in_(doomed)))
    summary.pages = len(doomed)
    own = [value for kind, value in identifiers if kind in ("email", "phone")]
    if own:
        summary.company_contact_points = _count(conn, site_facts, site_facts.c.value.in_(own))
        conn.execute(delete(site_facts).where(site_facts.c.value.in_(own)))
    conn.execute(delete(people).where(people.c.id.in_(ids)))  # facts, links, history, ledger: ON DELETE CASCADE


def _count(conn: Connection, table, where) -> int:
    return conn.execute(select(func.count()).select_from(table).where(where)).scalar_one()
