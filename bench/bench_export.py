"""Export throughput: 100,000 people to CSV and Parquet against plain csv.writer, and a HubSpot push against the
fake CRM with its rate limit on. One command: `.venv/bin/python bench/bench_export.py [--people N]`."""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leadscout.config import Settings  # noqa: E402
from leadscout.store import create_store_engine  # noqa: E402
from leadscout.store.people import iter_people, person_key  # noqa: E402
from leadscout.store.schema import people, person_facts, site_facts, sites  # noqa: E402
from output.crm.http import CrmSession  # noqa: E402
from output.export import ExportRequest, run_export  # noqa: E402
from output.exporters import COLUMNS, person_row  # noqa: E402
from tests.fake_crm import FakeCrm  # noqa: E402

TITLES = ["CEO", "Head of Sales", "Senior Software Engineer", "VP Marketing", "Office Manager", "CFO",
          "=HYPERLINK(\"x\")", "Werkstudent Marketing", "Director of Operations", "Accountant"]
PER_SITE = 100
console = Console(stderr=True)


def generate(url: str, count: int, progress: Progress) -> None:
    """``count`` people over ``count / 100`` sites, written with bulk inserts (the store's schema, not ingest)."""
    engine = create_store_engine(url)
    rng = random.Random(42)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    task = progress.add_task(f"generating {count:,} people", total=count)
    with engine.begin() as conn:
        site_rows = [{"id": s + 1, "site": f"firm{s}.example", "seed_url": f"https://firm{s}.example/",
                      "company": f"Firm {s} GmbH", "country": "DE", "created_at": now}
                     for s in range((count + PER_SITE - 1) // PER_SITE)]
        conn.execute(sites.insert(), site_rows)
        conn.execute(site_facts.insert(), [
            {"site_id": s["id"], "field": "phone", "value": f"+4930{s['id']:07d}", "source_url": s["seed_url"],
             "source_sha256": hashlib.sha256(s["seed_url"].encode()).hexdigest(), "fetched_at": now,
             "extractor": "bench/1", "page_sha256": "0" * 64} for s in site_rows])
    for start in range(0, count, 5000):
        person_rows, fact_rows = [], []
        for pid in range(start + 1, min(count, start + 5000) + 1):
            sid = (pid - 1) // PER_SITE + 1
            name = f"Person{pid} Family{pid % 977}"
            url = f"https://firm{sid - 1}.example/team"
            seen = now - timedelta(days=rng.randint(0, 90))
            person_rows.append({"id": pid, "site_id": sid, "person_key": person_key(name), "full_name": name,
                                "given": f"Person{pid}", "family": f"Family{pid % 977}",
                                "title": TITLES[pid % len(TITLES)], "company": f"Firm {sid - 1} GmbH",
                                "confidence": rng.random(), "status": "active", "first_seen": seen,
                                "last_seen": seen})
            common = {"person_id": pid, "source_url": url, "source_sha256": hashlib.sha256(url.encode()).hexdigest(),
                      "fetched_at": seen, "extractor": "bench/1", "page_sha256": "0" * 64, "first_seen": seen}
            fact_rows += [{**common, "field": "name", "value": name},
                          {**common, "field": "title", "value": TITLES[pid % len(TITLES)]},
                          {**common, "field": "email", "value": f"person{pid}@firm{sid - 1}.example"},
                          {**common, "field": "phone", "value": f"+4930{pid:08d}"}]
        with engine.begin() as conn:
            conn.execute(people.insert(), person_rows)
            conn.execute(person_facts.insert(), fact_rows)
        progress.advance(task, len(person_rows))


def timed(label: str, progress: Progress, work) -> tuple[float, int]:
    task = progress.add_task(label, total=None)
    started = time.perf_counter()
    count = work()
    elapsed = time.perf_counter() - started
    progress.update(task, total=1, completed=1)
    return elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000, help="people in the file-export store")
    parser.add_argument("--crm-people", type=int, default=3_000, help="people pushed to the fake HubSpot")
    parser.add_argument("--rate-limit", type=int, default=10, help="fake HubSpot requests per second")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_export_"))
    db, crm_db = f"sqlite:///{work / 'big.db'}", f"sqlite:///{work / 'crm.db'}"
    results: dict[str, tuple[float, int]] = {}
    with Progress(console=console) as progress:
        generate(db, args.people, progress)
        generate(crm_db, args.crm_people, progress)
        settings = Settings(db=db)
        engine = create_store_engine(db)
        rows: list[list] = []

        def store_read() -> int:
            rows.clear()
            for person in iter_people(engine):
                row = person_row(person)
                rows.append([row[c].isoformat() if hasattr(row[c], "isoformat") else row[c] for c in COLUMNS[:14]])
            return len(rows)

        def plain_csv() -> int:
            with (work / "plain.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS[:14])
                writer.writerows(rows)
            return len(rows)

        read = timed("reading the store", progress, store_read)
        write = timed("plain csv.writer", progress, plain_csv)
        # The baseline: the same people read from the store and written by a bare csv.writer — no selection,
        # suppression check, company facts, neutralisation or atomic rename.
        results["baseline: iter_people + csv.writer"] = (read[0] + write[0], write[1])
        results["  of which csv.writer alone (rows in memory)"] = write
        for fmt in ("csv", "parquet", "scorer"):
            out = work / f"export.{fmt}"
            results[f"leadscout export --to {fmt}"] = timed(f"export --to {fmt}", progress, lambda fmt=fmt, out=out:
                run_export(settings, ExportRequest(to=fmt, out=out)).written)

        fake = FakeCrm().start()
        crm_settings = Settings(db=crm_db, hubspot_url=fake.url, hubspot_token="hs-test-token")
        for label, limit in (("HubSpot push, no rate limit", None),
                             (f"HubSpot push, rate limit {args.rate_limit}/s", args.rate_limit)):
            fake.configure(rate_limit=limit, window_ms=1000)
            crm_engine = create_store_engine(crm_db)
            with crm_engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM export_ledger")
            session = CrmSession()
            results[label] = timed(label, progress, lambda: run_export(
                crm_settings, ExportRequest(to="hubspot"), crm_session=session).push.confirmed)
            results[label + " (429s)"] = (0.0, sum(1 for e in fake.state()["log"] if e["status"] == 429))
            fake.log.clear()
        fake.stop()

    table = Table("measure", "people", "seconds", "people/s", "vs baseline")
    base = results["baseline: iter_people + csv.writer"]
    hub_base = results["HubSpot push, no rate limit"]
    for label, (seconds, count) in results.items():
        if label.endswith("(429s)"):
            table.add_row(label, str(count), "", "", "")
            continue
        rate = count / seconds if seconds else 0.0
        reference = hub_base if label.startswith("HubSpot") else base
        ratio = rate / (reference[1] / reference[0])
        table.add_row(label, f"{count:,}", f"{seconds:.2f}", f"{rate:,.0f}", f"{ratio:.3f}x")
    Console().print(table)
    Console().print(f"store and files in {work}")


if __name__ == "__main__":
    main()
