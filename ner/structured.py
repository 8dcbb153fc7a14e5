"""schema.org JSON-LD: the Persons a page declares (alone, in @graph, as employees) and its Organization."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ner.deobfuscate import normalize_email

log = logging.getLogger(__name__)

_PEOPLE_PROPERTIES = ("employee", "employees", "founder", "founders", "member", "members", "contactPoint",
                      "alumni", "director", "ceo", "owner", "accountablePerson", "leader")
# Persons reached through these are someone else: an article's author, a review's writer, a customer.
_NOT_STAFF_PROPERTIES = frozenset({"author", "creator", "editor", "contributor", "reviewedBy", "review",
                                   "publisher", "customer", "attendee", "performer", "mentions", "about",
                                   "sponsor", "funder", "translator", "character", "actor", "audience"})
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class StructuredPerson:
    """A schema.org Person declared by the page."""

    name: str
    title: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    fax: tuple[str, ...] = ()
    socials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StructuredOrganization:
    """The schema.org Organization (or LocalBusiness ...) the page describes."""

    name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    fax: tuple[str, ...] = ()
    socials: tuple[str, ...] = ()
    country: str = ""


@dataclass(slots=True)
class StructuredData:
    """Everything the page's JSON-LD says about people and the organization."""

    people: list[StructuredPerson] = field(default_factory=list)
    organizations: list[StructuredOrganization] = field(default_factory=list)


def parse_json_ld(scripts: tuple[str, ...] | list[str]) -> StructuredData:
    """Read every ``application/ld+json`` script; broken JSON is repaired where cheap, else skipped."""
    result = StructuredData()
    nodes: list[dict[str, Any]] = []
    for script in scripts:
        data = _load(script)
        if data is not None:
            nodes.extend(_flatten(data))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    excluded = _referenced_as_not_staff(nodes)
    seen_people: set[str] = set()
    for node in nodes:
        types = _types(node)
        if "Person" in types:
            if node.get("@id") in excluded or id(node) in excluded:
                continue
            person = _person(node)
            if person and person.name not in seen_people:
                seen_people.add(person.name)
                result.people.append(person)
        elif types and not types.isdisjoint(_ORGANIZATION_TYPES):
            result.organizations.append(_organization(node))
            for prop in _PEOPLE_PROPERTIES:
                for member in _as_list(node.get(prop)):
                    member = by_id.get(member.get("@id"), member) if isinstance(member, dict) else member
                    if isinstance(member, dict) and "Person" in _types(member):
                        person = _person(member)
                        if person and person.name not in seen_people:
                            seen_people.add(person.name)
                            result.people.append(person)
    return result


_ORGANIZATION_TYPES = frozenset({"Organization", "Corporation", "LocalBusiness", "ProfessionalService",
                                 "LegalService", "Attorney", "AccountingService", "Store", "NGO",
                                 "EducationalOrganization", "MedicalOrganization", "GovernmentOrganization",
                                 "SportsOrganization", "OnlineBusiness", "ProfessionalOrganization"})


def _load(script: str) -> Any:
    text = _CONTROL.sub(" ", script.strip().removeprefix("<!--").removesuffix("-->").strip())
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
    log.debug("skipped unparseable JSON-LD (%d chars)", len(script))
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    """Top-level nodes: a node, a list of nodes, and the members of any ``@graph``."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.extend(reversed(_as_list(item["@graph"])))
            if "@type" in item:
                yield item


def _referenced_as_not_staff(nodes: list[dict[str, Any]]) -> set[Any]:
    """The @ids (and objects) of Persons that appear as an author, reviewer, customer ...."""
    excluded: set[Any] = set()
    for node in nodes:
        for prop, value in node.items():
            if prop not in _NOT_STAFF_PROPERTIES:
                continue
            for ref in _as_list(value):
                if isinstance(ref, dict):
                    excluded.add(ref.get("@id") or id(ref))
                elif isinstance(ref, str):
                    excluded.add(ref)
    return excluded


def _person(node: dict[str, Any]) -> StructuredPerson | None:
    name = _text(node.get("name")) or " ".join(filter(None, (_text(node.get("givenName")),
                                                             _text(node.get("familyName")))))
    if not name:
        return None
    return StructuredPerson(name=name, title=_text(node.get("jobTitle")), emails=_emails(node),
                            phones=_strings(node.get("telephone")), fax=_strings(node.get("faxNumber")),
                            socials=_urls(node.get("sameAs")))


def _organization(node: dict[str, Any]) -> StructuredOrganization:
    emails = list(_emails(node))
    phones, fax = list(_strings(node.get("telephone"))), list(_strings(node.get("faxNumber")))
    for point in _as_list(node.get("contactPoint")):
        if isinstance(point, dict) and "Person" not in _types(point):
            emails.extend(_emails(point))
            phones.extend(_strings(point.get("telephone")))
            fax.extend(_strings(point.get("faxNumber")))
    country = ""
    for address in _as_list(node.get("address")):
        if isinstance(address, dict):
            value = address.get("addressCountry")
            country = _text(value.get("name") if isinstance(value, dict) else value)
            if country:
                break
    return StructuredOrganization(name=_text(node.get("name")) or _text(node.get("legalName")),
                                  emails=tuple(dict.fromkeys(emails)), phones=tuple(dict.fromkeys(phones)),
                                  fax=tuple(dict.fromkeys(fax)), socials=_urls(node.get("sameAs")),
                                  country=country.upper() if len(country) == 2 else "")


def _emails(node: dict[str, Any]) -> tuple[str, ...]:
    found = []
    for value in _strings(node.get("email")):
        address = normalize_email(value.removeprefix("mailto:").removeprefix("MAILTO:"))
        if address:
            found.append(address)
    return tuple(dict.fromkeys(found))


def _urls(value: Any) -> tuple[str, ...]:
    return tuple(url for url in _strings(value) if url.startswith(("http://", "https://")))


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(text for text in (_text(item) for item in _as_list(value)) if text)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _types(node: dict[str, Any]) -> set[str]:
    return {t.rsplit("/", 1)[-1] for t in _as_list(node.get("@type")) if isinstance(t, str)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
