"""schema.org records on a page: Persons (alone, in @graph, as employees) and its Organization, from nodes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ner.deobfuscate import normalize_email
from ner.lexicon import load_rows

_PEOPLE_PROPERTIES = ("employee", "employees", "founder", "founders", "member", "members", "contactPoint",
                      "alumni", "director", "ceo", "owner", "accountablePerson", "leader")
_HISTORIC_PROPERTIES = frozenset({"founder", "founders", "alumni"})
"""People an Organization names who may have left long ago ("founder": the late father, the retired
grandfather): staff only when the node gives their job or a way to reach them."""
# Persons reached through these are someone else: an article's author, a review's writer, a customer.
_NOT_STAFF_PROPERTIES = frozenset({"author", "creator", "editor", "contributor", "reviewedBy", "review",
                                   "publisher", "customer", "attendee", "performer", "mentions", "about",
                                   "sponsor", "funder", "translator", "character", "actor", "audience"})


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
    outsiders: list[str] = field(default_factory=list)
    """Names of Persons the markup puts elsewhere: an article's author, an event's performer, a reviewer,
    a customer, or someone who ``worksFor`` another organisation."""

    def extend(self, other: StructuredData) -> None:
        """Add what another syntax of the same page declares (people once by name)."""
        names = {person.name for person in self.people}
        self.people.extend(p for p in other.people if p.name not in names)
        self.organizations.extend(other.organizations)
        self.outsiders.extend(other.outsiders)


def read_nodes(data: list[Any]) -> StructuredData:
    """schema.org Persons and Organizations from JSON-LD-shaped data (a node, a list, ``@graph``s)."""
    result = StructuredData()
    nodes: list[dict[str, Any]] = [node for item in data for node in _flatten(item)]
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    excluded = _referenced_as_not_staff(nodes)
    seen_people: set[str] = set()
    for node in nodes:
        types = _types(node)
        if "Person" in types:
            if node.get("@id") in excluded or id(node) in excluded:
                result.outsiders.extend(filter(None, [_text(node.get("name"))]))
                continue
            person = _person(node)
            if person and person.name not in seen_people:
                seen_people.add(person.name)
                result.people.append(person)
        elif types and not types.isdisjoint(_organization_types()):
            result.organizations.append(_organization(node))
            for prop in _PEOPLE_PROPERTIES:
                for member in _as_list(node.get(prop)):
                    member = by_id.get(member.get("@id"), member) if isinstance(member, dict) else member
                    if isinstance(member, dict) and "Person" in _types(member) \
                            and not (prop in _HISTORIC_PROPERTIES and not _reachable(member)):
                        person = _person(member)
                        if person and person.name not in seen_people:
                            seen_people.add(person.name)
                            result.people.append(person)
    result.outsiders.extend(_outsider_names(nodes, by_id))
    own = {org.name.casefold() for org in result.organizations if org.name}
    if own:
        # A Person that worksFor another organisation (a speaker, a customer) is not staff here.
        elsewhere = {p.name for p, node in _top_people(nodes, result.people) if _works_elsewhere(node, by_id, own)}
        result.people = [p for p in result.people if p.name not in elsewhere]
        result.outsiders.extend(sorted(elsewhere))
    return result


def _reachable(node: dict[str, Any]) -> bool:
    return any(node.get(key) for key in ("jobTitle", "email", "telephone", "contactPoint"))


def _outsider_names(nodes: list[dict[str, Any]], by_id: dict[str, Any]) -> list[str]:
    names = []
    for node in nodes:
        for prop, value in node.items():
            if prop not in _NOT_STAFF_PROPERTIES:
                continue
            for ref in _as_list(value):
                ref = by_id.get(ref.get("@id"), ref) if isinstance(ref, dict) else ref
                if isinstance(ref, dict) and "Person" in _types(ref) and _text(ref.get("name")):
                    names.append(_text(ref.get("name")))
    return names


def _top_people(nodes: list[dict[str, Any]], people: list[StructuredPerson]
                ) -> Iterator[tuple[StructuredPerson, dict[str, Any]]]:
    by_name = {_text(node.get("name")): node for node in nodes if "Person" in _types(node)}
    for person in people:
        if person.name in by_name:
            yield person, by_name[person.name]


def _works_elsewhere(node: dict[str, Any], by_id: dict[str, Any], own: set[str]) -> bool:
    for employer in _as_list(node.get("worksFor")):
        employer = by_id.get(employer.get("@id"), employer) if isinstance(employer, dict) else employer
        name = _text(employer.get("name")) if isinstance(employer, dict) else _text(employer)
        if name and name.casefold() not in own:
            return True
    return False


@lru_cache(maxsize=1)
def _organization_types() -> frozenset[str]:
    """The schema.org types of a node about an organisation (``ner/data/organization_types.jsonl``)."""
    return frozenset(str(row["type"]) for row in load_rows("organization_types"))


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
