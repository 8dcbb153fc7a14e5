"""Measure extraction against labelled pages: precision/recall/F1 per field and for tied (name, title, email).

A *unit* is what one truth list describes: one page of the golden set (``tests/golden/*.html`` with a
``.json`` sidecar), or one bundled sample site (``leadscout/demo_sites``, truth in ``expected.json``). Found
contacts of a unit are merged by name (a person seen on two pages of a site is one person).

Measures (micro-averaged over units):

- ``names``: staff names (order of name words, honorifics, initials, case and accents ignored).
- ``titles``: a found title counts when it sits on the right person and equals that person's title or one of
  its listed alternatives (case, accents and punctuation ignored); titles on non-staff are false.
- ``emails``, ``phones``, ``fax``, ``socials``: every value on the unit, staff and company alike (phones as
  E.164 without extension).
- ``email_owner``, ``phone_owner``: (owner, value) pairs, the owner a person or the company.
- ``triples``: a found person is right when name, title and set of emails all match one staff member.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leadscout.records import Contact

MEASURES = ("names", "titles", "emails", "phones", "fax", "socials", "email_owner", "phone_owner", "triples")
_HONORIFIC_WORDS = frozenset({"dr", "prof", "mr", "mrs", "ms", "dott", "dottssa", "dra", "ing", "lic"})


@dataclass(frozen=True, slots=True)
class TruthContact:
    """One expected contact: a staff member, or the company (``name`` None)."""

    name: str | None
    title: str | None = None
    title_alt: tuple[str, ...] = ()
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    fax: frozenset[str] = frozenset()
    socials: frozenset[str] = frozenset()
    function: str | None = None
    seniority: str | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """A labelled page (golden set) or site (sample sites) and the contacts expected on it."""

    key: str
    pages: tuple[Path, ...]
    urls: tuple[str | None, ...]
    """The URL of each page; None when the page must give its own (``<base href>``)."""
    truth: tuple[TruthContact, ...]
    expected_page_url: str | None = None


@dataclass
class Tally:
    """True positives, found and expected counts of one measure."""

    hits: int = 0
    found: int = 0
    expected: int = 0

    def add(self, hits: int, found: int, expected: int) -> None:
        self.hits += hits
        self.found += found
        self.expected += expected

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Tallies per measure over all units, and what went wrong where."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in MEASURES})
    problems: dict[str, list[str]] = field(default_factory=dict)


def load_golden(folder: Path) -> list[Unit]:
    """Every ``*.html`` page in ``folder`` with its ``.json`` sidecar (see tests/golden/README.md)."""
    units = []
    for page in sorted(folder.glob("*.html")):
        data = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        units.append(Unit(key=page.stem, pages=(page,), urls=(data.get("url"),),
                          truth=tuple(_truth(row) for row in data["contacts"]),
                          expected_page_url=data.get("page_url")))
    return units


def load_demo(demo: Path) -> list[Unit]:
    """The bundled sample sites as units: the pages a polite crawler may fetch, truth from expected.json."""
    from urllib.robotparser import RobotFileParser

    expected = json.loads((demo / "expected.json").read_text(encoding="utf-8"))
    units = []
    for site in expected["sites"]:
        slug = site["slug"]
        blocked = {entry["page"] for entry in site["robots_blocked"]}
        robots = RobotFileParser()
        robots_file = demo / slug / "robots.txt"
        robots.parse(robots_file.read_text(encoding="utf-8").splitlines() if robots_file.exists() else [])
        pages, urls = [], []
        for path in sorted((demo / slug).rglob("*.html")):
            url_path = "/" + "/".join(path.relative_to(demo / slug).parts)
            if url_path in blocked or not robots.can_fetch("leadscout", f"http://{slug}.test{url_path}"):
                continue
            pages.append(path)
            urls.append(f"http://{slug}.test{url_path}")
        truth = [_truth(person) for person in site["people"]]
        company = {kind: [v for point in site["company_contacts"] for v in point[kind]]
                   for kind in ("emails", "phones", "fax")}
        truth.append(_truth({"name": None, **company}))
        units.append(Unit(key=slug, pages=tuple(pages), urls=tuple(urls), truth=tuple(truth)))
    return units


def score(units: Sequence[Unit], found: dict[str, list[Contact]]) -> Report:
    """Compare each unit's found contacts (``found[unit.key]``) with its truth."""
    report = Report()
    for unit in units:
        _score_unit(unit, found.get(unit.key, []), report)
    return report


def name_key(name: str) -> str:
    """Order-, case-, accent- and punctuation-free form of a name; initials and honorifics dropped."""
    words = re.findall(r"\w+", fold(name))
    return " ".join(sorted(w for w in words if len(w) > 1 and w not in _HONORIFIC_WORDS))


def text_key(text: str) -> str:
    """Case-, accent- and punctuation-free form of a title."""
    return " ".join(re.findall(r"\w+", fold(text.replace("&", " and "))))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def social_key(url: str) -> str:
    """A profile URL without scheme, ``www.``/country subdomain, trailing slash or case."""
    host_path = re.sub(r"^https?://", "", url.strip().casefold()).rstrip("/")
    host, _, path = host_path.partition("/")
    host = re.sub(r"^(?:www|m|[a-z]{2})\.(?=[^.]+\.[^.]+$)", "", host)
    return f"{host}/{path}"


def _truth(row: dict[str, Any]) -> TruthContact:
    return TruthContact(
        name=row.get("name"), title=row.get("title"), title_alt=tuple(row.get("title_alt", ())),
        emails=frozenset(e.casefold() for e in row.get("emails", ())),
        phones=frozenset(_phone(p) for p in row.get("phones", ())),
        fax=frozenset(_phone(p) for p in row.get("fax", ())),
        socials=frozenset(social_key(s) for s in row.get("socials", ())),
        function=row.get("function"), seniority=row.get("seniority"))


def _phone(value: str) -> str:
    return value.split(";", 1)[0]


@dataclass
class _Found:
    title: str | None = None
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)


def _score_unit(unit: Unit, contacts: Iterable[Contact], report: Report) -> None:
    tallies, problems = report.tallies, report.problems.setdefault(unit.key, [])
    people: dict[str, _Found] = {}
    company = _Found()
    values: dict[str, set[str]] = {"emails": set(), "phones": set(), "fax": set(), "socials": set()}
    for contact in contacts:
        values["emails"].update(contact.emails)
        values["phones"].update(p.e164 for p in contact.phones)
        values["fax"].update(p.e164 for p in contact.fax)
        values["socials"].update(social_key(s) for s in contact.socials)
        target = company if contact.name is None else people.setdefault(name_key(contact.name.full), _Found())
        if contact.name is not None and target.title is None:
            target.title = contact.title
        target.emails.update(contact.emails)
        target.phones.update(p.e164 for p in contact.phones)
    truth_people = {name_key(t.name): t for t in unit.truth if t.name}
    truth_company = next((t for t in unit.truth if t.name is None), TruthContact(name=None))
    expected = {kind: set().union(*(getattr(t, kind) for t in unit.truth)) for kind in values}
    for kind, found_values in values.items():
        tallies[kind].add(len(found_values & expected[kind]), len(found_values), len(expected[kind]))
        problems += [f"{kind} extra: {v}" for v in sorted(found_values - expected[kind])]
        problems += [f"{kind} missed: {v}" for v in sorted(expected[kind] - found_values)]
    tallies["names"].add(len(people.keys() & truth_people.keys()), len(people), len(truth_people))
    problems += [f"not staff: {k}" for k in sorted(people.keys() - truth_people.keys())]
    problems += [f"missed person: {k}" for k in sorted(truth_people.keys() - people.keys())]
    title_hits = triple_hits = 0
    for key, person in people.items():
        truth = truth_people.get(key)
        title_ok = truth is not None and _title_matches(person.title, truth)
        title_hits += bool(title_ok and person.title)
        if truth is not None and not title_ok:
            problems.append(f"title of {key}: {person.title!r} != {truth.title!r}")
        if truth is not None and title_ok and person.emails == set(truth.emails):
            triple_hits += 1
        elif truth is not None and person.emails != set(truth.emails):
            problems.append(f"emails of {key}: {sorted(person.emails)} != {sorted(truth.emails)}")
    tallies["titles"].add(title_hits, sum(1 for p in people.values() if p.title),
                          sum(1 for t in truth_people.values() if t.title))
    tallies["triples"].add(triple_hits, len(people), len(truth_people))
    for kind, measure in (("emails", "email_owner"), ("phones", "phone_owner")):
        found_pairs = {(k, v) for k, p in people.items() for v in getattr(p, kind)}
        found_pairs |= {("", v) for v in getattr(company, kind)}
        truth_pairs = {(k, v) for k, t in truth_people.items() for v in getattr(t, kind)}
        truth_pairs |= {("", v) for v in getattr(truth_company, kind)}
        tallies[measure].add(len(found_pairs & truth_pairs), len(found_pairs), len(truth_pairs))


def _title_matches(found: str | None, truth: TruthContact) -> bool:
    if not truth.title:
        return not found
    if not found:
        return False
    return text_key(found) in {text_key(t) for t in (truth.title, *truth.title_alt)}
