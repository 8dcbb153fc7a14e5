"""The golden set (tests/golden): well-formed truth, and extraction accuracy floors on it and the sample sites."""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
import pytest

from leadscout.offline import load_page
from ner.evaluate import Report, load_demo, load_golden, score

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DEMO = ROOT / "leadscout" / "demo_sites"

# Floors sit just under what bench/extraction.py measures (golden: names F1 0.990, titles 0.979, emails 1.000,
# phones 1.000, triples 0.969; sample sites: 1.000 throughout, phone owners 0.980). The targets are
# names >= 0.95, titles >= 0.90, emails and phones >= 0.98, tied triples >= 0.90; extraction is deterministic,
# so a drop below a floor is a regression.
GOLDEN_FLOORS = {"names": 0.98, "titles": 0.96, "emails": 0.99, "phones": 0.99, "fax": 0.95,
                 "socials": 0.97, "email_owner": 0.98, "phone_owner": 0.95, "triples": 0.95}
DEMO_FLOORS = {"names": 0.99, "titles": 0.99, "emails": 0.99, "phones": 0.99, "fax": 0.99, "email_owner": 0.99,
               "phone_owner": 0.96, "triples": 0.99}
FUNCTIONS = {"executive", "finance", "legal", "hr", "marketing", "sales", "support", "product", "design", "data",
             "it", "engineering", "research", "medical", "operations", "other"}
SENIORITIES = {"c_level", "vp", "director", "manager", "individual"}


def _sidecars() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def test_ner_golden_set_has_forty_pages_each_with_truth():
    pages = sorted(GOLDEN.glob("*.html"))
    assert len(pages) >= 40
    assert {p.stem for p in pages} == {s.stem for s in _sidecars()}


@pytest.mark.parametrize("sidecar", _sidecars(), ids=lambda p: p.stem)
def test_ner_golden_truth_is_well_formed(sidecar: Path):
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    assert data.get("url") or data.get("page_url"), "a page needs its URL or a <base href> to give it"
    assert sum(1 for c in data["contacts"] if c["name"] is None) <= 1
    for contact in data["contacts"]:
        for value in (*contact.get("phones", ()), *contact.get("fax", ())):
            number = phonenumbers.parse(value.split(";ext=")[0])
            assert phonenumbers.is_valid_number(number), f"{sidecar.stem}: {value} is not a valid number"
            assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == value.split(";")[0]
        assert all(e == e.strip().casefold() and "@" in e for e in contact.get("emails", ()))
        assert contact.get("function") in FUNCTIONS | {None}
        assert contact.get("seniority") in SENIORITIES | {None}


def _measure(units, nlp) -> Report:
    from ner import extract_pages

    found = {}
    for unit in units:
        pages = [load_page(path, url=url) for path, url in zip(unit.pages, unit.urls)]
        found[unit.key] = [c for _p, contacts, _f in extract_pages(pages, nlp=nlp) for c in contacts]
        if unit.expected_page_url:
            assert all(p.url == unit.expected_page_url for p in pages), "<base href> must give the page URL"
    return score(units, found)


@pytest.fixture(scope="module")
def reports():
    from ner import load_nlp

    nlp = load_nlp()
    return {"golden": _measure(load_golden(GOLDEN), nlp), "demo": _measure(load_demo(DEMO), nlp)}


@pytest.mark.model
@pytest.mark.parametrize(("unit_set", "measure", "floor"),
                         [("golden", m, f) for m, f in GOLDEN_FLOORS.items()]
                         + [("demo", m, f) for m, f in DEMO_FLOORS.items()])
def test_ner_golden_f1_floors(reports, unit_set: str, measure: str, floor: float):
    report = reports[unit_set]
    tally = report.tallies[measure]
    problems = [f"{key}: {p}" for key, items in report.problems.items() for p in items][:30]
    assert tally.f1 >= floor, f"{unit_set} {measure} F1 {tally.f1:.3f} < {floor}\n" + "\n".join(problems)


def test_ner_golden_title_map_agrees_with_the_truth():
    from ner.titlemap import normalize_title

    checked = wrong = 0
    for unit in load_golden(GOLDEN):
        for truth in unit.truth:
            if not truth.title:
                continue
            _title, function, seniority = normalize_title(truth.title)
            for expected, got in ((truth.function, function), (truth.seniority, seniority)):
                if expected is not None:
                    checked += 1
                    wrong += expected != got
    assert checked > 250 and wrong / checked <= 0.02
