"""Finding the people a data-subject request is about: by email, phone number or name."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from leadscout.store.people import person_key
from leadscout.store.schema import people, person_facts, person_links, sites


class QueryError(ValueError):
    """The query is not an email, a phone number or a name; the message says what to pass."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Query:
    """What a request names a person by."""

    kind: str
    """``email``, ``phone`` or ``name``."""
    value: str
    """Normalised: lowercase email, E.164 phone, or the name as given (matched folded)."""

    def identifiers(self, site: str | None = None) -> list[tuple[str, str]]:
        """Suppression identifiers the query itself stands for (a name only with its site)."""
        if self.kind == "name":
            return [("name", f"{self.value}@{site}")] if site else []
        return [(self.kind, self.value)]


def parse_query(text: str, *, default_region: str = "US") -> Query:
    """An email (has an @), a phone number (digits, +, spaces, dashes, dots, parentheses), else a name."""
    text = " ".join((text or "").split())
    if not text:
        raise QueryError("give an email address, a phone number or a name")
    if "@" in text and " " not in text:
        try:
            normalized = validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError:
            raise QueryError("the query has an @ but is not a valid email address; check it") from None
        return Query(kind="email", value=normalized.lower())
    if sum(ch.isdigit() for ch in text) >= 5 and all(ch.isdigit() or ch in "+-(). /" for ch in text):
        try:
            number = phonenumbers.parse(text, default_region)
        except phonenumbers.NumberParseException:
            raise QueryError("the query looks like a phone number but cannot be read; write it in "
                             "international form, e.g. +44 20 7946 0123") from None
        if not phonenumbers.is_possible_number(number):
            raise QueryError("the query looks like a phone number but is not a possible one; write it in "
                             "international form, e.g. +44 20 7946 0123")
        return Query(kind="phone", value=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    if not person_key(text):
        raise QueryError("the query has no letters or digits; give an email, a phone number or a name")
    return Query(kind="name", value=text)


def find_people(conn: Connection, query: Query, *, site: str | None = None) -> list[int]:
    """Ids of the stored people the query matches (of ``site`` only, if given), in id order."""
    if query.kind == "email":
        match = select(person_facts.c.person_id).where(person_facts.c.field == "email",
                                                       func.lower(person_facts.c.value) == query.value)
    elif query.kind == "phone":
        match = select(person_facts.c.person_id).where(
            person_facts.c.field.in_(("phone", "fax")),
            or_(person_facts.c.value == query.value, person_facts.c.value.like(query.value + ";ext=%")))
    else:
        key = person_key(query.value)
        by_key = select(people.c.id).where(people.c.person_key == key)
        by_alias = select(person_links.c.person_id).where(person_links.c.kind == "merged",
                                                          person_links.c.other_key == key)
        by_fact = select(person_facts.c.person_id).where(person_facts.c.field == "name",
                                                         func.lower(person_facts.c.value) == query.value.lower())
        match = by_key.union(by_alias, by_fact)
    ids = set(conn.execute(match).scalars())
    if site is not None and ids:
        ids = set(conn.execute(select(people.c.id).join(sites, sites.c.id == people.c.site_id)
                               .where(people.c.id.in_(ids), sites.c.site == site)).scalars())
    return sorted(ids)
