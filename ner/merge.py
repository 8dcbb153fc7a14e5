"""Fold a page's JSON-LD (schema.org Person and Organization) into the candidates read from its text."""

from __future__ import annotations

from dataclasses import replace

from leadscout.records import ContactCandidate, Mention, MentionKind
from ner.channels import classify_social
from ner.hits import extractor, extractor_parts
from ner.localparts import email_matches_name, local_part_key
from ner.mailboxes import department_word, is_role_address
from ner.names import name_key
from ner.phones import parse_number
from ner.structured import StructuredData, StructuredPerson


def merge_structured(candidates: list[ContactCandidate], structured: StructuredData, *, page_url: str,
                     region: str) -> list[ContactCandidate]:
    """Fold JSON-LD Persons into the candidates with the same name (or add them), and the
    Organization's contact points into the company-wide candidate."""
    if not structured.people and not structured.organizations:
        return candidates
    people = {name_key(c.name.value): i for i, c in enumerate(candidates) if c.name is not None}
    merged = list(candidates)
    # hCard loses a tel's type: a number the page text labels as fax stays a fax.
    faxes = {m.value for c in candidates for m in c.mentions if m.kind is MentionKind.FAX}
    # A Person's info@ or bestellingen@ is still the company's address (see ner.associate).
    company_mentions = [_markup_mention(MentionKind.EMAIL, address)
                        for person in structured.people for address in person.emails if _mailbox(address, person.name)]
    for person in structured.people:
        emails = tuple(address for address in person.emails if not _mailbox(address, person.name))
        mentions = _structured_mentions(person.title, emails, person.phones, person.fax, person.socials, region)
        mentions = [m for m in mentions if not (m.kind is MentionKind.PHONE and m.value in faxes)]
        index = people.get(name_key(person.name))
        if index is None:
            name = _markup_mention(MentionKind.PERSON, person.name)
            candidate = ContactCandidate(page_url=page_url, name=name, mentions=tuple(mentions),
                                         evidence=_structured_evidence(person))
            people[name_key(person.name)] = len(merged)
            merged.append(candidate)
        else:
            merged[index] = _with_mentions(merged[index], mentions)
    company_mentions += [m for org in structured.organizations
                         for m in _structured_mentions("", org.emails, org.phones, org.fax, org.socials, region)
                         if not (m.kind is MentionKind.PHONE and m.value in faxes)]
    if company_mentions:
        index = next((i for i, c in enumerate(merged) if c.name is None), None)
        if index is None:
            merged.append(ContactCandidate(page_url=page_url, name=None, mentions=tuple(company_mentions),
                                           evidence="schema.org Organization"))
        else:
            merged[index] = _with_mentions(merged[index], company_mentions)
    # People first, the company-wide candidate last.
    return sorted(merged, key=lambda c: c.name is None)


def _mailbox(address: str, name: str) -> bool:
    """A role or department mailbox ("info@", "bestellingen@"), not an address built from the person's name."""
    local = address.rsplit("@", 1)[0]
    return is_role_address(address) or department_word(address) and not email_matches_name(local, name) \
        and not name.split()[0].casefold().startswith(local_part_key(local))


def _with_mentions(candidate: ContactCandidate, extra: list[Mention]) -> ContactCandidate:
    """Add mentions not already there; a JSON-LD title replaces a title read from running text only."""
    current = list(candidate.mentions)
    title_index = next((i for i, m in enumerate(current) if m.kind is MentionKind.TITLE), None)
    seen = {(m.kind, m.value) for m in current}
    for mention in extra:
        if mention.kind is MentionKind.TITLE:
            if title_index is None:
                current.insert(0, mention)
                title_index = 0
            elif "title_prose" in extractor_parts(current[title_index].extractor):
                current[title_index] = mention
            continue
        if (mention.kind, mention.value) not in seen:
            seen.add((mention.kind, mention.value))
            current.append(mention)
    name = candidate.name
    if name is not None and "jsonld" not in extractor_parts(name.extractor):
        name = replace(name, extractor=extractor("+".join(sorted(extractor_parts(name.extractor) | {"jsonld"}))))
    return replace(candidate, name=name, mentions=tuple(current))


def _structured_mentions(title: str, emails: tuple[str, ...], phones: tuple[str, ...], fax: tuple[str, ...],
                         socials: tuple[str, ...], region: str) -> list[Mention]:
    mentions = [_markup_mention(MentionKind.TITLE, title)] if title else []
    mentions += [_markup_mention(MentionKind.EMAIL, address) for address in emails]
    for kind, numbers in ((MentionKind.PHONE, phones), (MentionKind.FAX, fax)):
        for raw in numbers:
            parsed = parse_number(raw.removeprefix("tel:"), region)
            if parsed:
                e164, extension = parsed
                mentions.append(_markup_mention(kind, e164 + (f";ext={extension}" if extension else ""), text=raw))
    for url in socials:
        classified = classify_social(url)
        if classified:
            mentions.append(_markup_mention(MentionKind.SOCIAL, classified[1], text=url))
    return mentions


def _markup_mention(kind: MentionKind, value: str, *, text: str | None = None) -> Mention:
    """A mention read from markup (JSON-LD): no offsets, no block."""
    return Mention(kind=kind, text=text or value, value=" ".join(value.split()), start=-1, end=-1, block_id=-1,
                   extractor=extractor("jsonld"))


def _structured_evidence(person: StructuredPerson) -> str:
    return "schema.org Person: " + ", ".join(filter(None, (person.name, person.title, *person.emails)))
