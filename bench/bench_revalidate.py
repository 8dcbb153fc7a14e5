"""Re-validation of 10,000 contacts against local sites: conditional GETs (ETag / Last-Modified) against
unconditional re-fetching, in one run. One command: `.venv/bin/python bench/bench_revalidate.py [--sites N]`.

500 sites (each its own loopback address, so each has its own download slot as a real domain would), one team
page of 20 people each, padded to a realistic page weight. Since the store was filled, 10% of the pages changed
(one person left, one joined) and 2% are gone (404); the rest are unchanged. Both modes run `leadscout
revalidate` (a fresh process, the crawler's guards and politeness settings, delay 0) on identical copies of the
store; the unconditional baseline re-downloads every page (unchanged bodies are recognised by hash and not
re-extracted either), the conditional run sends the stored validators and gets 304s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leadscout.store import create_store_engine  # noqa: E402
from tests.revalidate_support import Member, seed_page, team_page  # noqa: E402
from tests.webserver import Reply, serve  # noqa: E402

PER_SITE = 20
PADDING = 40_000  # bytes of inline CSS/JS: team pages of real sites weigh 40-100 KB
CHANGED_EVERY, GONE_EVERY = 10, 50
console = Console(stderr=True, width=170)


def names(count: int) -> list[tuple[str, str]]:
    """``count`` distinct (given, family) pairs, the same on every run (Faker's tables, seeded)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(2026)
    seen: set[tuple[str, str]] = set()
    while len(seen) < count:
        seen.add((fake.first_name(), fake.last_name()))
    ordered = sorted(seen)
    random.Random(2026).shuffle(ordered)  # alphabetical order would seat namesakes side by side on one site
    return ordered


def page_html(members: list[Member]) -> str:
    padding = "<style>" + ".c{margin:0 auto;padding:1em}" * (PADDING // 28) + "</style>"
    return team_page(members).replace("</head>", padding + "</head>")


def build(sites: int, progress: Progress) -> tuple[list[list[Member]], list[list[Member]], list[Member]]:
    """(members as stored, members as served now, spare people who joined)."""
    pool = names(sites * PER_SITE + sites // CHANGED_EVERY + 1)
    stored, served, joined = [], [], []
    for s in range(sites):
        members = [Member(f"{g} {f}", "Account Manager", f"{g}.{f}@firm{s}.example".lower().replace(" ", ""))
                   for g, f in pool[s * PER_SITE:(s + 1) * PER_SITE]]
        stored.append(members)
        if s % CHANGED_EVERY == 1:
            g, f = pool[sites * PER_SITE + len(joined)]
            newcomer = Member(f"{g} {f}", "Sales Director", f"{g}.{f}@firm{s}.example".lower().replace(" ", ""))
            joined.append(newcomer)
            served.append(members[1:] + [newcomer])
        else:
            served.append(members)
    return stored, served, joined


def host(s: int) -> str:
    return f"127.0.{1 + s // 250}.{1 + s % 250}"


def run_mode(db: str, flag: str, report: Path) -> tuple[float, dict]:
    env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "leadscout", "revalidate", flag, "--older-than", "30d",
                             "--allow-private", "--delay", "0", "--no-purge", "--report", str(report), "--db", db],
                            env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"revalidate {flag} failed: {result.stderr[-2000:]}")
    return seconds, json.loads(report.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=500, help="sites of 20 people each (default 500 = 10,000)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-revalidate-"))
    last_modified = format_datetime(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), usegmt=True)
    then = datetime.now(UTC) - timedelta(days=40)
    contexts = []
    with Progress(console=console) as progress:
        stored, served, joined = build(args.sites, progress)
        servers = []
        for s in range(args.sites):
            gone = s % GONE_EVERY == 3
            changed = stored[s] is not served[s]
            page = Reply(404, "gone") if gone else Reply(200, page_html(served[s]), etag=f'"{s}-{int(changed)}"',
                                                         last_modified=last_modified)
            contexts.append(serve({"/robots.txt": Reply(404, "none"), "/team.html": page}, host=host(s)))
            servers.append(contexts[-1].__enter__())
        base = work / "base.db"
        engine = create_store_engine(f"sqlite:///{base}")
        task = progress.add_task(f"storing {args.sites * PER_SITE:,} contacts", total=args.sites)
        for s, site in enumerate(servers):
            seed_page(engine, site.url + "team.html", page_html(stored[s]), stored[s], fetched_at=then,
                      headers={"etag": f'"{s}-0"', "last-modified": last_modified})
            progress.advance(task)
        engine.dispose()
        results = {}
        for flag in ("--unconditional", "--conditional"):
            copy = work / f"{flag.strip('-')}.db"
            shutil.copy(base, copy)
            for site in servers:
                site.answers.clear()
            task = progress.add_task(f"revalidate {flag}", total=None)
            seconds, report = run_mode(f"sqlite:///{copy}", flag, work / f"{flag.strip('-')}.json")
            progress.update(task, total=1, completed=1)
            answered = [status for site in servers for path, status, _ in site.answers if path == "/team.html"]
            results[flag] = dict(seconds=seconds, report=report, full=answered.count(200),
                                 not_modified=answered.count(304), requests=len(answered))
    with ThreadPoolExecutor(64) as pool:  # each server's shutdown waits out its poll interval: all at once
        list(pool.map(lambda context: context.__exit__(None, None, None), contexts))
    show(results, args.sites * PER_SITE, len(joined))
    if os.environ.get("BENCH_KEEP"):
        console.print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def show(results: dict, contacts: int, joined: int) -> None:
    base, cond = results["--unconditional"], results["--conditional"]
    table = Table(title=f"re-validating {contacts:,} contacts on {contacts // PER_SITE} local sites "
                        f"({PADDING // 1000} KB+ pages)")
    for column in ("mode", "seconds", "contacts/s", "page requests", "full 200 bodies", "304", "bytes received",
                   "statuses"):
        table.add_column(column)
    for flag, row in results.items():
        report = row["report"]
        table.add_row(flag.strip("-"), f"{row['seconds']:.1f}", f"{contacts / row['seconds']:,.0f}",
                      str(row["requests"]), str(row["full"]), str(row["not_modified"]),
                      f"{report['response_bytes']:,}", ", ".join(f"{n} {s}" for s, n in
                                                                 sorted(report["statuses"].items())))
    console.print(table)
    saved = base["full"] - cond["full"]
    bytes_ratio = cond["report"]["response_bytes"] / max(1, base["report"]["response_bytes"])
    console.print(f"conditional GETs: {saved:,} of {base['full']:,} full downloads saved "
                  f"({saved / max(1, base['full']):.1%}); bytes received x{bytes_ratio:.3f} "
                  f"of the baseline; time x{cond['seconds'] / base['seconds']:.2f} of the baseline "
                  f"({base['seconds']:.1f} s -> {cond['seconds']:.1f} s); newcomers found: "
                  f"{cond['report']['new_people']} of {joined}")


if __name__ == "__main__":
    main()
