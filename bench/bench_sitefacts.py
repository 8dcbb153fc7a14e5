"""Company facts: technology recall and speed of the fingerprint set + rule data against builtwith (the engine
enrichment/company.py used before), and the whole per-site stage over the sample sites.

One command: `.venv/bin/python bench/bench_sitefacts.py [--rounds N]`. builtwith is the baseline, measured in the
same run (pip install the `bench` extra). The labelled pages are the sample sites and the pages of
tests/sitefacts_pages.py; every label is a technology that their HTML or headers really show. The rule data
was written with such pages in view, so "fingerprints only" is the fair engine-to-engine comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enrichment.sitepages import SitePage, site_facts_of  # noqa: E402
from enrichment.techstack import detect_technology  # noqa: E402
from tests import sitefacts_pages as tp  # noqa: E402

console = Console(stderr=True)
DEMO = ROOT / "leadscout" / "demo_sites"
SERVER = {"server": "nginx/1.24.0"}  # the sample sites carry no hosting headers of their own
LABELLED = [  # (page, headers, technologies it shows)
    (DEMO / "pinecrest" / "index.html", SERVER, {"WordPress", "jQuery", "Nginx"}),
    (DEMO / "sundaram" / "index.html", SERVER, {"WordPress", "Elementor", "Nginx"}),
    (DEMO / "kessler" / "index.html", SERVER, {"TYPO3 CMS", "Nginx"}),
    (DEMO / "corrib" / "index.html", SERVER, {"Hugo", "Nginx"}),
    (DEMO / "harbourview" / "index.html", SERVER, {"Next.js", "Nginx"}),
    (DEMO / "brightlane" / "index.html", SERVER, {"Bootstrap", "jQuery", "Nginx"}),
    (tp.WORDPRESS, tp.CLOUDFLARE_NGINX, {"WordPress", "jQuery", "Google Analytics", "Cloudflare", "PHP"}),
    (tp.SHOPIFY, tp.NGINX_FASTLY, {"Shopify", "Google Tag Manager", "Segment", "Plausible", "HubSpot", "Nginx",
                                   "Varnish", "Fastly"}),
    (tp.NEXTJS, tp.VERCEL, {"Next.js", "Vercel", "Matomo"}),
]
# builtwith's and the fingerprint set's spellings of the same product.
ALIASES = {"matomo analytics": "matomo", "piwik": "matomo", "twitter bootstrap": "bootstrap"}


def norm(name: str) -> str:
    key = name.casefold()
    return ALIASES.get(key, key)


def builtwith_names(html: str, headers: dict[str, str]) -> set[str]:
    import builtwith

    found = builtwith.builtwith("https://bench.example/", headers=headers, html=html)
    return {name for names in found.values() for name in names}


def fingerprints_only(html: str, headers: dict[str, str]) -> set[str]:
    from enrichment.techstack import _fingerprint

    return {name for name, _categories in _fingerprint("https://bench.example/", html, headers)}


def ours(html: str, headers: dict[str, str]) -> set[str]:
    return {h.value for h in detect_technology("https://bench.example/", html, headers) if h.field == "technology"}


def recall(engine, pages) -> tuple[float, float]:
    """(recall over the labels, seconds per page) of one engine."""
    hit = total = 0
    start = time.perf_counter()
    for html, headers, labels in pages:
        found = {norm(n) for n in engine(html, headers)}
        hit += sum(norm(label) in found for label in labels)
        total += len(labels)
    return hit / total, (time.perf_counter() - start) / len(pages)


def demo_sites() -> dict[str, list[SitePage]]:
    fetched = datetime(2026, 11, 1, tzinfo=UTC)
    out = {}
    for folder in sorted(p for p in DEMO.iterdir() if p.is_dir()):
        base = f"https://{folder.name}.example/"
        out[folder.name] = [SitePage(url=(base + str(f.relative_to(folder))).replace("index.html", ""),
                                     title=None, html=f.read_text(encoding="utf-8"), headers=SERVER, fetched_at=fetched,
                                     sha256=hashlib.sha256(f.read_bytes()).hexdigest())
                            for f in sorted(folder.rglob("*.html"))]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the labelled pages and the sample sites")
    args = parser.parse_args()
    pages = [(p.read_text(encoding="utf-8") if isinstance(p, Path) else p, h, labels) for p, h, labels in LABELLED]
    detect_technology("https://warm.example/", "<html></html>", {})  # load the fingerprint set once, untimed
    results = {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("technology engines", total=args.rounds * 3)
        for name, engine in (("builtwith 1.3.4 (baseline)", builtwith_names), ("fingerprints only", fingerprints_only),
                             ("fingerprints + rules", ours)):
            runs = []
            for _ in range(args.rounds):
                runs.append(recall(engine, pages))
                progress.advance(task)
            results[name] = (runs[0][0], min(r[1] for r in runs))
        sites = demo_sites()
        total_pages = sum(len(p) for p in sites.values())
        stage = {}
        task = progress.add_task("site facts stage", total=args.rounds * 2)
        for label, fingerprints in (("rules only", False), ("fingerprints + rules", True)):
            best = float("inf")
            for _ in range(args.rounds):
                start = time.perf_counter()
                for site, site_pages in sites.items():
                    site_facts_of(f"{site}.example", site_pages, fingerprints=fingerprints)
                best = min(best, time.perf_counter() - start)
                progress.advance(task)
            stage[label] = best
    table = Table(title=f"technology on {len(pages)} labelled pages ({sum(len(x[2]) for x in pages)} labels)")
    for column in ("engine", "recall", "ms/page", "recall vs baseline", "time vs baseline"):
        table.add_column(column)
    base_recall, base_time = results["builtwith 1.3.4 (baseline)"]
    for name, (rec, seconds) in results.items():
        table.add_row(name, f"{rec:.2f}", f"{seconds * 1000:.1f}", f"{rec / base_recall:.2f}x",
                      f"{seconds / base_time:.2f}x")
    console.print(table)
    table = Table(title=f"site facts stage over the {len(sites)} sample sites ({total_pages} pages), "
                        f"best of {args.rounds}")
    for column in ("variant", "s/pass", "ms/site", "ms/page", "vs rules only"):
        table.add_column(column)
    for label, seconds in stage.items():
        table.add_row(label, f"{seconds:.2f}", f"{seconds / len(sites) * 1000:.0f}",
                      f"{seconds / total_pages * 1000:.1f}", f"{seconds / stage['rules only']:.2f}x")
    console.print(table)


if __name__ == "__main__":
    main()
