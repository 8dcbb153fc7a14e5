"""`leadscout extract` end to end: folders, <base href> URLs, formats, worker processes; function and
seniority on contacts and in the store."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from leadscout.records import Contact
from tests.conftest import run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = ["de-verein-vorstand-basehref", "uk-law-team-cards", "fr-avocats-bios", "it-azienda-contatti-js"]


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    (folder / "nested").mkdir(parents=True)
    for index, name in enumerate(PAGES):
        target = folder / ("nested" if index % 2 else "") / f"{name}.html"
        shutil.copy(GOLDEN / f"{name}.html", target)
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")
    return folder


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.model
def test_extract_cli_walks_folders_and_uses_base_href(saved: Path):
    result = run_cli("extract", str(saved), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = _jsonl(result.stdout)
    assert {Path(r["source"]).stem for r in rows} == set(PAGES)
    verein = [r for r in rows if "basehref" in r["source"]]
    assert {r["page_url"] for r in verein} == {"https://www.tsv-eichenau.de/verein/"}
    monika = next(r for r in verein if r["name"] == "Monika Huber")
    assert (monika["title"], monika["function"], monika["seniority"], monika["phones"]) == (
        "1. Vorsitzende", "executive", "c_level", ["+498141357210"])
    assert {"source", "page_url", "name", "title", "emails", "phones", "fax", "socials", "confidence",
            "evidence"} <= set(rows[0])


@pytest.mark.model
def test_extract_cli_workers_give_the_same_rows(saved: Path):
    one = run_cli("extract", str(saved), "--format", "jsonl")
    two = run_cli("extract", str(saved), "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert _jsonl(one.stdout) == _jsonl(two.stdout)


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_extract_cli_formats(fmt: str):
    result = run_cli("extract", str(GOLDEN / "uk-law-team-cards.html"), "--url",
                     "https://www.ashworthpryce.co.uk/people/", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        helen = next(r for r in rows if r["name"] == "Helen Pryce")
        assert (helen["title"], helen["seniority"], helen["phones"]) == ("Senior Partner", "director", "+441134960101")
    else:
        assert "Helen Pryce" in result.stdout and "Senior Partner" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "0"], "--workers"),
    (["--url", "https://a.example/"], "--url names the URL of one file"),
])
def test_extract_cli_refuses_bad_options(saved: Path, args: list[str], message: str):
    result = run_cli("extract", str(saved), *args)
    assert result.returncode == 2 and message in result.stderr


@pytest.mark.model
def test_extract_pages_in_processes_match_one_process():
    from leadscout.offline import load_page
    from ner import extract_pages, load_nlp

    nlp = load_nlp()
    pages = [load_page(path, url=f"https://x{i}.example/team") for i, path in enumerate(sorted(GOLDEN.glob("*.html"))[:12])]
    single = [(p.url, c) for p, cs, _f in extract_pages(pages, nlp=nlp) for c in cs]
    multi = [(p.url, c) for p, cs, _f in extract_pages(pages, nlp=nlp, batch_size=3, n_process=2) for c in cs]
    assert single == multi


def test_extract_contacts_carry_function_and_seniority_into_the_store(store_url: str):
    from leadscout.store.schema import people
    from tests.output_support import contact, store_people

    jane = contact("Jane Doe", title="VP Marketing")
    jane = replace(jane, function="marketing", seniority="vp")
    bob = replace(contact("Bob Roe", title=None), function=None, seniority=None)
    engine = store_people(store_url, [jane, bob])
    again: Contact = replace(jane, title=None, function=None, seniority=None)  # a later page without a title
    store_people(store_url, [again])
    with engine.connect() as conn:
        rows = {r.full_name: (r.title, r.function, r.seniority) for r in conn.execute(select(people))}
    assert rows == {"Jane Doe": ("VP Marketing", "marketing", "vp"), "Bob Roe": (None, None, None)}
