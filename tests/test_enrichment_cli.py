"""`leadscout link`, `dedupe` and `enrich` as a user runs them: files in, pairs/clusters out, one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bench.synth_people import LEFT_COLUMNS, RIGHT_COLUMNS, person_tables, precision_recall_f1
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path, frozenset]:
    folder = tmp_path_factory.mktemp("link")
    tables = person_tables(300, 300, seed=21)
    left, right = folder / "crm.csv", folder / "found.jsonl"
    with left.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, LEFT_COLUMNS)
        writer.writeheader()
        writer.writerows(tables.left)
    right.write_text("".join(json.dumps({c: r[c] for c in RIGHT_COLUMNS}) + "\n" for r in tables.right),
                     encoding="utf-8")
    return left, right, tables.true_pairs


@pytest.mark.parametrize("command", ["link", "dedupe", "enrich"])
def test_enrichment_cli_every_command_has_help_with_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example: leadscout " + command in " ".join(result.stdout.split())


def test_enrichment_cli_link_csv_and_jsonl(files) -> None:
    left, right, truth = files
    as_csv = run_cli("link", str(left), str(right), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(as_csv.stdout.splitlines()))
    assert list(rows[0]) == ["left_id", "right_id", "score"]
    pairs = {(r["left_id"], r["right_id"]) for r in rows}
    assert precision_recall_f1(pairs, truth)[2] >= 0.99
    as_jsonl = run_cli("link", str(left), str(right), "--id", "id", "--explain", "--one-to-one")
    lines = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert {(r["left_id"], r["right_id"]) for r in lines} <= pairs
    assert all(0.5 <= r["score"] <= 1 and r["explain"][0]["field"] == "first_name" for r in lines)


def test_enrichment_cli_link_is_deterministic(files) -> None:
    left, right, _ = files
    runs = [run_cli("link", str(left), str(right)).stdout for _ in range(2)]
    assert runs[0] == runs[1] and runs[0]


def test_enrichment_cli_dedupe_writes_one_cluster_row_per_record(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("id,name,email,company\n1,Jon Smith,jon@acme.com,Acme\n2,Jonathan Smith,jon@acme.com,Acme Inc\n"
                    "3,Mary Major,mary@globex.com,Globex\n", encoding="utf-8")
    result = run_cli("dedupe", str(path), "--format", "csv", "--threshold", "0.5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["cluster_id,id", "1,1", "1,2", "3,3"]


@pytest.mark.parametrize(("args", "message"), [
    (["link", "missing.csv", "{right}"], "missing.csv does not exist"),
    (["link", "{left}", "{right}", "--map", "nope=email"], "--map names column(s) 'nope' found in neither file"),
    (["link", "{left}", "{right}", "--map", "email=emial"], "unknown column type 'emial'"),
    (["link", "{left}", "{right}", "--map", "email"], "is not COL=TYPE"),
    (["link", "{left}", "{right}", "--threshold", "1.5"], "--threshold 1.5 is outside 0..1"),
    (["link", "{left}", "{right}", "--format", "xml"], "unknown --format 'xml'"),
    (["link", "{left}", "{right}", "--id", "nope"], "--id column 'nope' is not in"),
    (["dedupe", "{empty}"], "is empty"),
    (["dedupe", "{blank}"], "holds no records"),
    (["enrich", "--source", "nonsense", "--db", "sqlite:///{tmp}/x.db"], "is not NAME=PATH_OR_URL"),
    (["enrich", "--source", "s={tmp}/none.jsonl", "--db", "sqlite:///{tmp}/x.db"], "does not exist"),
])
def test_enrichment_cli_bad_input_is_one_line_and_exit_2(files, tmp_path: Path, args: list[str], message: str) -> None:
    left, right, _ = files
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    paths = {"left": left, "right": right, "empty": tmp_path / "empty.csv", "blank": tmp_path / "blank.jsonl",
             "tmp": tmp_path}
    result = run_cli(*[a.format(**paths) for a in args], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leadscout: error: ") and message in lines[0], lines


def test_enrichment_cli_enrich_links_profiles_in_the_store(tmp_path: Path) -> None:
    from tests.test_enrichment_enrich import PROFILES, people_store

    db = f"sqlite:///{tmp_path / 'leads.db'}"
    people_store(db)
    dump = tmp_path / "profiles.jsonl"
    dump.write_text("".join(json.dumps(p) + "\n" for p in PROFILES), encoding="utf-8")
    result = run_cli("enrich", "--source", f"social={dump}", "--no-topics", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "3 profiles read, 2 people enriched" in result.stderr
