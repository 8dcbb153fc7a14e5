"""Accuracy of the ner stage over every bundled sample page, measured against expected.json."""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from leadscout.records import Contact, Page

DEMO = Path(__file__).resolve().parent.parent / "leadscout" / "demo_sites"
FETCHED_AT = datetime(2024, 6, 1, tzinfo=UTC)

# Floors sit just under what the extractor achieves on the sample sites (see the printed report);
# a drop below them is a regression, not noise: the extraction is deterministic.
FLOORS = {
    "name_precision": 0.97,
    "name_recall": 0.97,
    "email_precision": 0.97,
    "email_recall": 0.97,
    "phone_precision": 0.97,
    "phone_recall": 0.97,
    "fax_precision": 0.95,
    "fax_recall": 0.95,
    "title_accuracy": 0.95,
    "company_precision": 0.95,
    "company_recall": 0.95,
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@dataclass
class Tally:
    """True positives, found and expected counts of one measure."""

    hits: int = 0
    found: int = 0
    expected: int = 0

    def add(self, found: set[str], expected: set[str]) -> None:
        self.hits += len(found & expected)
        self.found += len(found)
        self.expected += len(expected)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0


@dataclass
class SiteReport:
    names: Tally = field(default_factory=Tally)
    emails: Tally = field(default_factory=Tally)
    phones: Tally = field(default_factory=Tally)
    fax: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)
    company: Tally = field(default_factory=Tally)
    wrong: list[str] = field(default_factory=list)


def demo_pages(expected: dict) -> list[Page]:
    """Every sample page a polite crawler may fetch: robots.txt and expected.json's robots_blocked are honoured."""
    blocked = {(site["slug"], entry["page"]) for site in expected["sites"] for entry in site["robots_blocked"]}
    pages = []
    for path in sorted(DEMO.rglob("*.html")):
        slug, *rest = path.relative_to(DEMO).parts
        url_path = "/" + "/".join(rest)
        robots = RobotFileParser()
        robots_file = DEMO / slug / "robots.txt"
        robots.parse(robots_file.read_text(encoding="utf-8").splitlines() if robots_file.exists() else [])
        if (slug, url_path) in blocked or not robots.can_fetch("leadscout", f"http://{slug}.test{url_path}"):
            continue
        body = path.read_bytes()
        pages.append(Page(url=f"http://{slug}.test{url_path}", site=slug, fetched_at=FETCHED_AT, status=200,
                          sha256=hashlib.sha256(body).hexdigest(), html=body.decode("utf-8")))
    return pages


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted(expected) -> dict[str, list[Contact]]:
    """All sample pages through the real pipeline, contacts grouped by site; prints the speed."""
    from ner import extract_pages, load_nlp

    nlp = load_nlp()
    pages = demo_pages(expected)
    started = time.perf_counter()
    by_site: dict[str, list[Contact]] = defaultdict(list)
    for page, contacts, _facts in extract_pages(pages, nlp=nlp):
        by_site[page.site].extend(contacts)
    elapsed = time.perf_counter() - started
    print(f"\nner: {len(pages)} pages in {elapsed:.2f}s = {len(pages) / elapsed:.1f} pages/s (model loaded)")
    return by_site


def site_report(site: dict, contacts: list[Contact]) -> SiteReport:
    """Compare one site's contacts (merged across its pages by name) with its ground truth."""
    people: dict[str, dict[str, set[str]]] = {}
    titles: dict[str, str] = {}
    company = {"emails": set(), "phones": set()}
    for contact in contacts:
        if contact.name is None:
            company["emails"].update(contact.emails)
            company["phones"].update(p.e164 for p in (*contact.phones, *contact.fax))
            continue
        person = people.setdefault(fold(contact.name.full), {"emails": set(), "phones": set(), "fax": set()})
        person["emails"].update(contact.emails)
        person["phones"].update(p.e164 for p in contact.phones)
        person["fax"].update(p.e164 for p in contact.fax)
        if contact.title and fold(contact.name.full) not in titles:
            titles[fold(contact.name.full)] = contact.title
    report = SiteReport()
    truth = {fold(p["name"]): p for p in site["people"]}
    report.names.add(set(people), set(truth))
    for key in set(people) | set(truth):
        found = people.get(key, {"emails": set(), "phones": set(), "fax": set()})
        wanted = truth.get(key, {"emails": [], "phones": [], "fax": []})
        report.emails.add(found["emails"], set(wanted["emails"]))
        report.phones.add(found["phones"], set(wanted["phones"]))
        report.fax.add(found["fax"], set(wanted["fax"]))
        if key in truth and key in people:
            right = fold(titles.get(key, "")) == fold(truth[key]["title"])
            report.titles.add({"ok"} if right else {"wrong"}, {"ok"})
            if not right:
                report.wrong.append(f"title of {key}: {titles.get(key)!r} != {truth[key]['title']!r}")
    report.wrong += [f"not staff: {key}" for key in set(people) - set(truth)]
    report.wrong += [f"missed: {key}" for key in set(truth) - set(people)]
    expected_company = {v for point in site["company_contacts"] for k in ("emails", "phones", "fax") for v in point[k]}
    report.company.add(company["emails"] | company["phones"], expected_company)
    return report


@pytest.fixture(scope="module")
def reports(expected, extracted) -> dict[str, SiteReport]:
    reports = {site["slug"]: site_report(site, extracted.get(site["slug"], [])) for site in expected["sites"]}
    total = SiteReport()
    print(f"{'site':12} {'names P/R':>11} {'emails P/R':>11} {'phones P/R':>11} {'fax P/R':>11} "
          f"{'titles':>7} {'company P/R':>12}")
    for slug, report in [*reports.items(), ("TOTAL", total)]:
        if slug != "TOTAL":
            for name in ("names", "emails", "phones", "fax", "titles", "company"):
                mine, all_ = getattr(report, name), getattr(total, name)
                all_.hits, all_.found, all_.expected = (all_.hits + mine.hits, all_.found + mine.found,
                                                        all_.expected + mine.expected)
        print(f"{slug:12} {_pr(report.names)} {_pr(report.emails)} {_pr(report.phones)} {_pr(report.fax)} "
              f"{report.titles.recall:7.2f} {_pr(report.company):>12}")
        for problem in report.wrong:
            print(f"    {problem}")
    reports["TOTAL"] = total
    return reports


def _pr(tally: Tally) -> str:
    return f"{tally.precision:5.2f}/{tally.recall:<5.2f}"


@pytest.mark.model
@pytest.mark.parametrize(("measure", "attribute"), [
    ("name_precision", ("names", "precision")),
    ("name_recall", ("names", "recall")),
    ("email_precision", ("emails", "precision")),
    ("email_recall", ("emails", "recall")),
    ("phone_precision", ("phones", "precision")),
    ("phone_recall", ("phones", "recall")),
    ("fax_precision", ("fax", "precision")),
    ("fax_recall", ("fax", "recall")),
    ("title_accuracy", ("titles", "recall")),
    ("company_precision", ("company", "precision")),
    ("company_recall", ("company", "recall")),
])
def test_ner_accuracy_over_demo_sites(reports, measure, attribute):
    tally = getattr(reports["TOTAL"], attribute[0])
    value = getattr(tally, attribute[1])
    assert value >= FLOORS[measure], f"{measure} {value:.3f} < {FLOORS[measure]}"


@pytest.mark.model
def test_ner_accuracy_not_staff_never_extracted(expected, extracted):
    for site in expected["sites"]:
        found = {fold(c.name.full) for c in extracted.get(site["slug"], []) if c.name}
        outsiders = {fold(name) for name in site["not_staff"]} | {fold(e["name"]) for e in site["robots_blocked"]}
        assert not found & outsiders, f"{site['slug']}: {sorted(found & outsiders)}"
