"""Crawl benchmark: `leadscout crawl` (every guard on, extraction off) against a plain Scrapy CrawlSpider.

One command: `python bench/crawl.py [--sites 500] [--pages 10]`. It generates a local web of
small company sites, serves each on its own 127.0.0.1 port, crawls them with a plain
CrawlSpider (same concurrency, robots.txt obeyed, no delay) and with `leadscout crawl`
(SSRF guard + guarded resolver, fail-closed robots, backoff retries, integrity checks,
link ranking, crawl state in SQLite), and prints pages/s and CPU ms per page with their
ratio. Then: requests spent per person found on the bundled sample sites, focused vs
breadth-first with the same budget; and peak memory of a crawl with 10,000 seeds queued.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
console = Console()

PLAIN_SPIDER = textwrap.dedent('''
    import json, sys
    from urllib.parse import urlsplit
    from scrapy import Request
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    seeds = [line.strip() for line in open(sys.argv[1]) if line.strip()]

    def per_site(request, response=None):
        # Like leadscout: one download slot per site (here: per host:port), so concurrency is comparable.
        request.meta["download_slot"] = urlsplit(request.url).netloc
        return request

    class Plain(CrawlSpider):
        name = "plain"
        rules = (Rule(LinkExtractor(), follow=True, process_request=per_site),)

        async def start(self):
            for url in seeds:
                yield per_site(Request(url))

        def parse_start_url(self, response):
            return []

    process = CrawlerProcess({
        "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "DEPTH_LIMIT": 4, "COOKIES_ENABLED": False,
    })
    crawler = process.create_crawler(Plain)
    process.crawl(crawler)
    process.start()
    print(json.dumps({"pages": crawler.stats.get_value("response_received_count", 0)}))
''')


def generate_web(root: Path, sites: int, pages: int) -> None:
    for s in range(sites):
        site = root / f"s{s:05d}"
        site.mkdir(parents=True)
        nav = "".join(f'<a href="/p{i}.html">{"Our team" if i == 0 else f"Product {i}"}</a>'
                      for i in range(pages - 1))
        (site / "index.html").write_text(f"<html><head><title>Firm {s}</title></head><body>{nav}</body></html>")
        for i in range(pages - 1):
            body = f"<html><body>{nav}<p>Page {i} of firm {s}. " + "Lorem ipsum dolor sit amet. " * 40
            (site / f"p{i}.html").write_text(body + "</p></body></html>")
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")


def serve(root: Path, log: Path | None = None) -> tuple[subprocess.Popen, dict[str, str]]:
    args = [sys.executable, "-m", "leadscout.demo_server", str(root)] + ([str(log)] if log else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    return proc, json.loads(proc.stdout.readline())


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user+sys of the child) and stdout of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def peak_rss_mb(args: list[str]) -> float:
    """Peak resident memory of one command, read in a fresh wrapper process (so no earlier child counts)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT,
                          env=os.environ.copy())
    return int(done.stdout.strip()) / 1024


def crawl_speed(work: Path, sites: int, pages: int) -> None:
    web = work / "web"
    with console.status(f"generating {sites} sites x {pages} pages"):
        generate_web(web, sites, pages)
    proc, urls = serve(web)
    try:
        seeds = work / "seeds.txt"
        seeds.write_text("\n".join(urls.values()))
        script = work / "plain.py"
        script.write_text(PLAIN_SPIDER)
        with console.status("plain Scrapy CrawlSpider"):
            p_wall, p_cpu, out = timed([sys.executable, str(script), str(seeds)])
        plain_pages = json.loads(out.strip().splitlines()[-1])["pages"] - sites  # minus robots.txt
        with console.status("leadscout crawl (extraction off)"):
            l_wall, l_cpu, _ = timed([str(BIN / "leadscout"), "crawl", "--seeds-file", str(seeds), "--allow-private",
                                      "--delay", "0", "--no-extract", "--db", f"sqlite:///{work / 'bench.db'}"])
        ours_pages = sites * pages
    finally:
        proc.terminate()
    table = Table("crawler", "pages", "seconds", "pages/s", "CPU ms/page", title=f"{sites} local sites")
    table.add_row("plain CrawlSpider", str(plain_pages), f"{p_wall:.1f}", f"{plain_pages / p_wall:.1f}",
                  f"{1000 * p_cpu / plain_pages:.2f}")
    table.add_row("leadscout crawl", str(ours_pages), f"{l_wall:.1f}", f"{ours_pages / l_wall:.1f}",
                  f"{1000 * l_cpu / ours_pages:.2f}")
    console.print(table)
    console.print(f"pages/s ratio leadscout/plain: {(ours_pages / l_wall) / (plain_pages / p_wall):.2f}x "
                  f"(target >= 0.8x); CPU per page ratio: {(l_cpu / ours_pages) / (p_cpu / plain_pages):.2f}x")


def requests_per_person(work: Path) -> None:
    """Focused vs breadth-first on the sample sites, same budget: requests spent per person found."""
    from leadscout.demo_server import demo_sites_dir

    expected = json.loads((demo_sites_dir() / "expected.json").read_text())["sites"]
    people_total = sum(len(s["people"]) for s in expected)
    rows = []
    for mode, env in (("focused (leadscout)", {}), ("breadth-first", {"LEADSCOUT_FOCUSED": "0"})):
        for budget in (4, 6):
            log = work / f"access-{mode[:5]}-{budget}.log"
            log.touch()
            proc, urls = serve(demo_sites_dir(), log)
            db = work / f"rpp-{mode[:5]}-{budget}.db"
            try:
                timed([str(BIN / "leadscout"), "crawl", *urls.values(), "--allow-private", "--delay", "0",
                       "--max-pages-per-site", str(budget), "--db", f"sqlite:///{db}"], env=env)
            finally:
                proc.terminate()
                proc.wait()
            requests = len(log.read_text().splitlines())
            import sqlite3

            found = sqlite3.connect(db).execute("select count(*) from people").fetchone()[0]
            rows.append((mode, budget, requests, found, requests / max(found, 1)))
    table = Table("crawl", "page budget", "requests", "people found", "requests/person",
                  title=f"sample sites ({people_total} people)")
    for mode, budget, requests, found, rpp in rows:
        table.add_row(mode, str(budget), str(requests), str(found), f"{rpp:.2f}")
    console.print(table)
    for budget in (4, 6):
        focused = next(r for r in rows if r[0].startswith("focused") and r[1] == budget)
        bfs = next(r for r in rows if r[0].startswith("breadth") and r[1] == budget)
        console.print(f"budget {budget}: breadth-first spends {bfs[4] / focused[4]:.2f}x the requests per person")


def memory_with_seeds(work: Path, count: int) -> None:
    """Peak RSS of a crawl with ``count`` seeds queued; a loopback DNS server answers NXDOMAIN for all."""
    sys.path.insert(0, str(ROOT))
    from tests.dnsserver import Zone, dns_server

    def run(n: int) -> tuple[float, float]:
        seeds = work / f"seeds-{n}.txt"
        seeds.write_text("\n".join(f"firm{i:05d}.example" for i in range(n)))
        with dns_server(Zone()) as dns:
            os.environ["LEADSCOUT_DNS_SERVER"] = dns
            start = time.perf_counter()
            rss = peak_rss_mb([str(BIN / "leadscout"), "crawl", "--seeds-file", str(seeds), "--no-extract",
                               "--db", f"sqlite:///{work / f'mem-{n}.db'}"])
            del os.environ["LEADSCOUT_DNS_SERVER"]
        return rss, time.perf_counter() - start

    base, _ = run(10)
    peak, seconds = run(count)
    console.print(f"peak memory: {peak:.0f} MB with {count:,} seeds vs {base:.0f} MB with 10 seeds "
                  f"({peak / base:.2f}x); {count / seconds:.0f} seeds/s settled (all NXDOMAIN)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seeds-for-memory", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="leadscout-bench-"))
    try:
        crawl_speed(work, args.sites, args.pages)
        requests_per_person(work)
        memory_with_seeds(work, args.seeds_for_memory)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
