"""The `leadscout` command line: one command per job the team does.

Every command is a thin shell over a function in `leadscout.pipeline` (or a
stage package); bad input ends in a one-line error and a non-zero exit.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from leadscout.config import ConfigError, Settings, load_settings
from leadscout.seeds import Seed, SeedError, parse_seed

app = typer.Typer(
    name="leadscout",
    help="Find the people on prospect companies' websites, check them, and export them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="Store URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
                 "[env LEADSCOUT_DB; default sqlite:///leadscout.db]", show_default=False)]
EXIT_BAD_INPUT = 2


class UsageProblem(ValueError):
    """Bad input found by the CLI itself."""


def _settings(db: str | None) -> Settings:
    return load_settings(db=db)


@app.command()
def crawl(
    seeds: Annotated[Optional[list[str]], typer.Argument(help="Domains or URLs, e.g. acme.com https://firm.de/team",
                                                         show_default=False)] = None,
    seeds_file: Annotated[Optional[Path], typer.Option("--seeds-file", help="A file with one seed per line "
                                                       "(# comments and blank lines ignored).")] = None,
    max_pages_per_site: Annotated[int, typer.Option("--max-pages-per-site", min=1,
                                                    help="Page budget per site.")] = 25,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Permit loopback and private addresses "
                                                "(off by default; tests and the demo use it).")] = False,
    delay: Annotated[Optional[float], typer.Option("--delay", min=0.0, help="Seconds between requests to one site "
                                                   "(default 0.5, AutoThrottle adapts it).")] = None,
    resume: Annotated[Optional[int], typer.Option("--resume", help="Resume crawl job JOB from the store.")] = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract people after crawling "
                                          "(--no-extract stores pages only).")] = True,
    db: DbOption = None,
) -> None:
    """Crawl sites, extract the people on them, and store them.

    Example: leadscout crawl acme.com https://firm.de --max-pages-per-site 25 --db sqlite:///leads.db
    """
    from leadscout import pipeline
    from leadscout.progress import rich_progress

    settings = _settings(db)
    accepted = [] if resume is not None else _read_seeds(seeds or [], seeds_file, allow_private=allow_private,
                                                                 settings=settings)
    options = pipeline.CrawlOptions(max_pages_per_site=max_pages_per_site, allow_private=allow_private,
                                    download_delay=delay)
    if resume is not None:
        _require_job(settings, resume)
    with rich_progress(err_console) as progress:
        job_id = pipeline.crawl(settings, accepted, options, progress, resume_job=resume, extract=extract)
    _print_status(settings, job_id)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Saved HTML files or folders of them.", show_default=False)],
    url: Annotated[Optional[str], typer.Option("--url", help="The URL the page was saved from (one file).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table.")] = "jsonl",
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load "
                                                 "[env LEADSCOUT_SPACY_MODEL].")] = None,
) -> None:
    """Offline: find contacts in saved HTML files, without crawling or storing anything.

    Example: leadscout extract saved/team.html --url https://acme.com/team --format table
    """
    from leadscout.offline import extract_files

    if fmt not in ("jsonl", "csv", "table"):
        raise UsageProblem(f"unknown --format {fmt!r}; choose jsonl, csv or table")
    settings = load_settings(spacy_model=model)
    rows = extract_files(paths, url=url, settings=settings)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from leadscout.offline import write_rows_csv

        write_rows_csv(rows, sys.stdout)
    else:
        table = Table("name", "title", "emails", "phones", "confidence", "page_url")
        for row in rows:
            table.add_row(row["name"] or "(company)", row["title"] or "", ", ".join(row["emails"]),
                          ", ".join(row["phones"]), f"{row['confidence']:.2f}", row["page_url"])
        console.print(table)


@app.command()
def export(
    to: Annotated[str, typer.Option("--to", help="csv or jsonl.")] = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", help="Output file [default leads.<format>].")] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0)] = 0.0,
    db: DbOption = None,
) -> None:
    """Export every stored person with contact points, confidence and provenance.

    Example: leadscout export --to csv --out leads.csv --db sqlite:///leads.db
    """
    from leadscout import pipeline
    from output.exporters import FORMATS, ExportError

    if to not in FORMATS:
        raise ExportError(f"unknown export format {to!r}; this version writes {', '.join(FORMATS)}")
    path = out or Path(f"leads.{to}")
    count = pipeline.export(_settings(db), path, fmt=to, min_confidence=min_confidence)
    err_console.print(f"wrote {count} people to {path}")


@app.command()
def status(
    job: Annotated[int, typer.Argument(help="Job id, as printed by `leadscout crawl`.")],
    sites: Annotated[bool, typer.Option("--sites", help="One row per site: pages fetched, URL outcomes, "
                                        "and why links were not followed.")] = False,
    db: DbOption = None,
) -> None:
    """Progress of a crawl job: sites done and failed, pages, people found.

    Example: leadscout status 3 --sites --db sqlite:///leads.db
    """
    settings = _settings(db)
    _require_job(settings, job)
    _print_status(settings, job)
    if sites:
        from leadscout.store import create_store_engine
        from leadscout.store.crawl import site_reports

        def counts(mapping: dict[str, int]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(mapping.items(), key=lambda kv: -kv[1]))

        table = Table("site", "status", "pages", "urls", "failed/skipped URLs", "links not followed")
        for report in site_reports(create_store_engine(settings.db), job):
            table.add_row(report.site, report.status + (f" ({report.reason})" if report.reason else ""),
                          str(report.pages_fetched), counts(report.urls), counts(report.url_reasons),
                          counts(report.links_skipped))
        console.print(table)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="CSV file for the leads found.")] = Path("leads.csv"),
    db: Annotated[str, typer.Option("--db", help="Store for the demo (recreated on each run).")]
    = "sqlite:///leadscout-demo.db",
) -> None:
    """Serve the bundled sample sites on 127.0.0.1, crawl them, print the people found, write leads.csv.

    Example: leadscout demo --out leads.csv
    """
    from leadscout.demo import run_demo

    people = run_demo(db=db, out=out, progress_console=err_console)
    table = Table("name", "title", "company", "email", "phone", "confidence", title="People found")
    for person in people:
        emails = [v.value for v in person.fields.get("email", ())]
        phones = [v.value for v in person.fields.get("phone", ())]
        table.add_row(person.name, person.title or "", person.company or person.site,
                      emails[0] if emails else "", phones[0] if phones else "", f"{person.confidence:.2f}")
    console.print(table)
    console.print(f"{len(people)} people from the sample sites; written to {out}")


def _read_seeds(args: list[str], seeds_file: Path | None, *, allow_private: bool, settings: Settings) -> list[Seed]:
    texts = list(args)
    if seeds_file is not None:
        try:
            lines = seeds_file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise UsageProblem(f"seeds file {seeds_file} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageProblem(f"cannot read seeds file {seeds_file}: {exc}") from None
        texts += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not texts:
        raise UsageProblem("no seeds given; pass domains/URLs or --seeds-file FILE")
    from crawler.middlewares.ssrf import AddressPolicy, ip_literal_problem, literal_address

    policy = AddressPolicy.from_networks(allow_private=allow_private, networks=settings.allow_networks)
    accepted, refused = [], 0
    for text in texts:
        try:
            seed = parse_seed(text)
            problem = ip_literal_problem(seed.url)
            if problem and not policy.problem(literal_address(urlsplit(seed.url).hostname or "")):
                problem = None
            if problem:
                raise SeedError(f"seed {text!r} is a {problem.replace('_', '-')} address; "
                                "only --allow-private permits that")
        except SeedError as exc:
            _say(f"leadscout: skipped: {exc}")
            refused += 1
            continue
        accepted.append(seed)
    if not accepted:
        raise UsageProblem(f"none of the {refused} seed(s) can be crawled")
    return list({seed.url: seed for seed in accepted}.values())


def _require_job(settings: Settings, job_id: int) -> None:
    from leadscout.store import create_store_engine
    from leadscout.store.crawl import job_progress

    if job_progress(create_store_engine(settings.db), job_id) is None:
        raise UsageProblem(f"no job {job_id} in {settings.db}")


def _print_status(settings: Settings, job_id: int) -> None:
    from leadscout.store import create_store_engine
    from leadscout.store.crawl import job_progress

    progress = job_progress(create_store_engine(settings.db), job_id)
    assert progress is not None
    sites = ", ".join(f"{n} {state}" for state, n in sorted(progress.sites.items())) or "none"
    urls = ", ".join(f"{n} {state}" for state, n in sorted(progress.urls.items())) or "none"
    console.print(f"job {job_id}: {progress.status}; sites: {sites}; urls: {urls}; people: {progress.people}",
                  markup=False, highlight=False)
    if progress.error:
        console.print(f"error: {progress.error}", markup=False, highlight=False)


def main() -> None:
    """Console entry point: run the app, turning known errors into one line and exit code 2."""
    from leadscout.store import StoreError
    from output.exporters import ExportError

    logging.basicConfig(level=os.environ.get("LEADSCOUT_LOG_LEVEL", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    from leadscout.offline import InputError

    known = (UsageProblem, SeedError, ConfigError, StoreError, ExportError, InputError)
    try:
        app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("leadscout: aborted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place every error becomes one line
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("LEADSCOUT_DEBUG"):
            raise
        kind = "error" if isinstance(exc, known) or _is_model_error(exc) else f"unexpected {type(exc).__name__}"
        _say(f"leadscout: {kind}: {exc}")
        sys.exit(EXIT_BAD_INPUT if isinstance(exc, known) else 1)


def _say(line: str) -> None:
    """One unwrapped line on stderr (rich would wrap it at the terminal width)."""
    print(" ".join(line.split()), file=sys.stderr, flush=True)


def _is_model_error(exc: Exception) -> bool:
    try:
        from ner.nlp import ModelNotFound
    except ImportError:
        return False
    return isinstance(exc, ModelNotFound)


if __name__ == "__main__":
    main()
