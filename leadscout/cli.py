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
BrokerOption = Annotated[Optional[str], typer.Option(
    "--broker", help="Celery broker URL, e.g. redis://HOST:6379/0 [env LEADSCOUT_BROKER_URL; "
                     "default redis://127.0.0.1:6379/0]", show_default=False)]
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
    distributed: Annotated[bool, typer.Option("--distributed", help="Send one task per site to the broker for "
                                              "`leadscout worker` processes; print the job id and return "
                                              "(follow it with `leadscout status JOB`).")] = False,
    broker: BrokerOption = None,
    db: DbOption = None,
) -> None:
    """Crawl sites, extract the people on them, and store them.

    Example: leadscout crawl acme.com https://firm.de --max-pages-per-site 25 --db sqlite:///leads.db
    """
    from leadscout import pipeline
    from leadscout.progress import rich_progress

    settings = load_settings(db=db, broker_url=broker)
    accepted = [] if resume is not None else _read_seeds(seeds or [], seeds_file, allow_private=allow_private,
                                                                 settings=settings)
    options = pipeline.CrawlOptions(max_pages_per_site=max_pages_per_site, allow_private=allow_private,
                                    download_delay=delay)
    if resume is not None:
        _require_job(settings, resume)
    if distributed:
        from leadscout.jobs.enqueue import enqueue_crawl

        sent = enqueue_crawl(settings, accepted, max_pages_per_site=max_pages_per_site, allow_private=allow_private,
                             download_delay=delay, extract=extract, resume_job=resume)
        console.print(f"job {sent.job_id}: {sent.sites} site tasks sent to queue {sent.queue}; "
                      f"follow with: leadscout status {sent.job_id}", markup=False, highlight=False)
        return
    if resume is not None:
        from leadscout.jobs.enqueue import require_in_process

        require_in_process(settings.db, resume)
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
    workers: Annotated[int, typer.Option("--workers", help="Extraction processes, 1 or more (pages are "
                                         "shared out in batches).")] = 1,
) -> None:
    """Offline: find contacts in saved HTML files, without crawling or storing anything.

    A page's URL is --url, else its own <base href>, else the file's path. Phone numbers written without
    a country code are read in LEADSCOUT_DEFAULT_REGION when the page gives no hint.

    Example: leadscout extract saved/team.html --url https://acme.com/team --format table
    """
    from leadscout.offline import extract_files

    if fmt not in ("jsonl", "csv", "table"):
        raise UsageProblem(f"unknown --format {fmt!r}; choose jsonl, csv or table")
    settings = load_settings(spacy_model=model)
    rows = extract_files(paths, url=url, settings=settings, workers=workers)
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
    to: Annotated[str, typer.Option("--to", help="csv, jsonl, parquet, scorer (feature table), hubspot, "
                                    "salesforce (live upserts), hubspot-csv or salesforce-csv (import files).")]
    = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", help="Output file [default leads.<format>, "
                                                "scorer_features.parquet, hubspot_contacts.csv, "
                                                "salesforce_leads.csv].")] = None,
    mapping: Annotated[Optional[Path], typer.Option("--mapping", help="TOML file selecting and renaming "
                                                    "columns (csv, jsonl, parquet); see the README.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Only people changed since: 'last' (the "
                                                 "previous export to the same destination), 7d, 12h or "
                                                 "2026-11-01.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would be written or sent (JSON lines "
                                          "on stdout); write, send and record nothing.")] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0)] = 0.0,
    db: DbOption = None,
) -> None:
    """Export people (suppressed and erased ones never) to a file, a CRM or the lead scorer's feature table.

    CRM pushes are upserts recorded in the export ledger: a re-run sends only what changed or was not
    confirmed. Credentials come from LEADSCOUT_HUBSPOT_TOKEN and LEADSCOUT_SALESFORCE_* (see the README).

    Example: leadscout export --to hubspot --since last --db sqlite:///leads.db
    """
    from leadscout import pipeline
    from leadscout.progress import rich_progress

    def emit(record: dict) -> None:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    settings = _settings(db)
    with rich_progress(err_console) as progress:
        summary = pipeline.export(settings, out, fmt=to, min_confidence=min_confidence, mapping=mapping,
                                  since=since, dry_run=dry_run, progress=progress, emit=emit)
    left_out = f"; left out: {summary.suppressed} suppressed, {summary.inactive} erased/objected" + (
        f", {summary.unchanged} unchanged since {since}" if since else "")
    verb = "would write" if dry_run else "wrote"
    if summary.push is not None:
        push = summary.push
        verb = "would send" if dry_run else "sent"
        _say(f"{to}: {verb} {push.sent} people ({push.confirmed} confirmed, {push.failed} failed, "
             f"{push.conflicts} conflicts, {push.rejected} rejected, {push.unchanged} unchanged){left_out}")
        for reason, n in sorted(push.reasons.items(), key=lambda kv: -kv[1])[:5]:
            _say(f"  {n} x {reason}")
        if push.failed or push.conflicts:
            raise typer.Exit(1)
    else:
        target = "" if dry_run else f" to {summary.path}"
        rejected = f"; {len(summary.rejected)} rejected (missing required fields)" if summary.rejected else ""
        _say(f"{verb} {summary.written} rows{target}{rejected}{left_out}")


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


@app.command()
def link(
    left: Annotated[Path, typer.Argument(help="Left record file (CSV with a header, or JSONL).", show_default=False)],
    right: Annotated[Path, typer.Argument(help="Right record file (CSV or JSONL).", show_default=False)],
    id_column: Annotated[Optional[str], typer.Option("--id", help="Record id column of both files "
                                                     "[default: a column named id, else the row number].")] = None,
    left_id: Annotated[Optional[str], typer.Option("--left-id", help="Record id column of LEFT.")] = None,
    right_id: Annotated[Optional[str], typer.Option("--right-id", help="Record id column of RIGHT.")] = None,
    mapping: Annotated[Optional[list[str]], typer.Option("--map", help="COL=TYPE, overriding type detection; TYPE is "
                                                         "first_name, last_name, full_name, email, phone, company, "
                                                         "title, city, postcode, address, date, id, number, text or "
                                                         "ignore.")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum match probability 0..1.")] = 0.5,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    one_to_one: Annotated[bool, typer.Option("--one-to-one", help="Link each record to at most one other.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="JSONL: add each pair's field-by-field evidence.")]
    = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of stdout.")] = None,
) -> None:
    """Link two record files: pairs of records that are the same person, with a match probability.

    Example: leadscout link crm.csv found.jsonl --id id --map fname=first_name --threshold 0.9 --format csv
    """
    from enrichment.linkfiles import link_files, open_output

    if id_column and (left_id or right_id):
        raise UsageProblem("give either --id or --left-id/--right-id, not both")
    with open_output(out) as stream:
        result = link_files(left, right, stream, left_id=left_id or id_column, right_id=right_id or id_column,
                            mapping=mapping or [], threshold=threshold, fmt=fmt, one_to_one=one_to_one,
                            explain=explain)
    _say(f"leadscout: {len(result.pairs)} pairs from {result.blocking.candidates} candidates")


@app.command()
def dedupe(
    file: Annotated[Path, typer.Argument(help="Record file (CSV with a header, or JSONL).", show_default=False)],
    id_column: Annotated[Optional[str], typer.Option("--id", help="Record id column "
                                                     "[default: a column named id, else the row number].")] = None,
    mapping: Annotated[Optional[list[str]], typer.Option("--map", help="COL=TYPE, overriding type detection "
                                                         "(types as for `leadscout link`).")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum match probability 0..1.")] = 0.5,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of stdout.")] = None,
) -> None:
    """Find the records of one file that are the same person: one `cluster_id, id` row per record.

    Example: leadscout dedupe contacts.csv --id id --format csv --out clusters.csv
    """
    from enrichment.linkfiles import dedupe_file, open_output

    with open_output(out) as stream:
        clusters = dedupe_file(file, stream, id_column=id_column, mapping=mapping or [], threshold=threshold,
                               fmt=fmt)
    _say(f"leadscout: {clusters} clusters")


@app.command()
def enrich(
    source: Annotated[Optional[list[str]], typer.Option("--source", help="NAME=PATH_OR_URL: a JSONL/CSV profile "
                                                        "dump, or an http(s) JSON API (token from env "
                                                        "LEADSCOUT_SOURCE_<NAME>_TOKEN); repeatable. Without it, "
                                                        "only employer facts from the crawl are added.",
                                                        show_default=False)] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum match probability 0..1.")] = 0.9,
    topics: Annotated[bool, typer.Option("--topics/--no-topics", help="Derive topics from bios and posts "
                                         "(loads the spaCy model).")] = True,
    db: DbOption = None,
) -> None:
    """Link stored people to public profiles and merge their fields, with provenance.

    Example: leadscout enrich --source github=profiles.jsonl --source api=https://profiles.example/api --db sqlite:///leads.db
    """
    from enrichment.enrich import enrich_store, parse_sources

    sources = parse_sources(source or [])
    summary = enrich_store(_settings(db), sources, threshold=threshold, with_topics=topics)
    _say(f"leadscout: {summary.profiles} profiles read, {summary.linked} people enriched, "
         f"{summary.facts} facts added")


@app.command()
def worker(
    concurrency: Annotated[Optional[int], typer.Option("--concurrency", min=1, help="Site tasks at once "
                                                       "(pool processes); default: the number of CPUs.")] = None,
    beat: Annotated[bool, typer.Option("--beat", help="Also run Celery beat: the schedules table of "
                                       "leadscout.toml. Give it to exactly one worker of a deployment.")] = False,
    loglevel: Annotated[str, typer.Option("--loglevel", help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
    name: Annotated[Optional[str], typer.Option("--name", help="Node name NAME@HOST; "
                                                "default: leadscout-PID.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="With --beat: TOML file with the schedules "
                                                   "table (default ./leadscout.toml).")] = None,
    broker: BrokerOption = None,
    db: DbOption = None,
) -> None:
    """Run a Celery worker that crawls, extracts and stores the sites of `crawl --distributed` jobs.

    Start one per machine, each with the same broker, queue (LEADSCOUT_BROKER_QUEUE) and store. SIGTERM stops it warmly.

    Example: leadscout worker --concurrency 8 --broker redis://10.0.0.5:6379/0 --db postgresql+psycopg://leadscout@10.0.0.5/leads
    """
    from leadscout.jobs.worker import WorkerOptions, run_worker

    if loglevel.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise UsageProblem(f"unknown --loglevel {loglevel!r}; choose DEBUG, INFO, WARNING or ERROR")
    if config is not None and not config.is_file():
        raise UsageProblem(f"--config {config} does not exist")
    run_worker(load_settings(db=db, broker_url=broker),
               WorkerOptions(concurrency=concurrency, beat=beat, loglevel=loglevel.upper(), name=name,
                             schedules=config))


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
    from leadscout.jobs.enqueue import task_progress

    tasks = task_progress(create_store_engine(settings.db), job_id)
    if tasks is not None:  # a distributed job: where its site tasks and batch stages stand
        site_tasks = ", ".join(f"{n} {state}" for state, n in sorted(tasks.sites.items())) or "none"
        stages = ", ".join(f"{name} {state}" for name, state in tasks.stages.items()) or "none"
        console.print(f"site tasks: {site_tasks} ({tasks.redelivered} redelivered); stages: {stages}",
                      markup=False, highlight=False)
        for error, n in sorted(tasks.errors.items(), key=lambda kv: -kv[1])[:3]:
            console.print(f"task error ({n}x): {error}", markup=False, highlight=False)


def main() -> None:
    """Console entry point: run the app, turning known errors into one line and exit code 2."""
    from leadscout.store import StoreError
    from output.exporters import ExportError

    # The level sits on the handler too: Scrapy lowers the root logger's level when it starts.
    handler = logging.StreamHandler()
    handler.setLevel(os.environ.get("LEADSCOUT_LOG_LEVEL", "WARNING").upper())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=handler.level, handlers=[handler])
    from leadscout.privacy.redact import install_log_redaction, mask

    install_log_redaction()  # no raw email or phone number in any log line, Scrapy's included
    from leadscout.offline import InputError
    from output.crm.http import CrmConfigError, CrmError
    from output.mapping import MappingError
    from output.select import SelectionError

    from enrichment.errors import ENRICHMENT_ERRORS
    from leadscout.jobs.app import JobsError
    from leadscout.cli_jobs import JOB_ERRORS
    from leadscout.cli_privacy import PRIVACY_ERRORS
    from validation.errors import VALIDATION_ERRORS

    known = (UsageProblem, SeedError, ConfigError, StoreError, ExportError, InputError, MappingError,
             SelectionError, CrmConfigError, JobsError, *ENRICHMENT_ERRORS, *JOB_ERRORS, *PRIVACY_ERRORS,
             *VALIDATION_ERRORS)
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
        # A CRM that failed for good (after its retries) is an error worth one line too, but not bad input.
        kind = "error" if isinstance(exc, (*known, CrmError)) or _is_model_error(exc) \
            else f"unexpected {type(exc).__name__}"
        _say(f"leadscout: {kind}: {mask(str(exc))}")
        sys.exit(EXIT_BAD_INPUT if isinstance(exc, known) else 1)


def _say(line: str) -> None:
    """One unwrapped line on stderr (rich would wrap it at the terminal width)."""
    print(" ".join(line.split()), file=sys.stderr, flush=True)


def _is_model_error(exc: Exception) -> bool:
    try:
        from ner.nlp import ModelNotFoundError
    except ImportError:
        return False
    return isinstance(exc, ModelNotFoundError)


# Commands defined in their own modules, registered on `app` as they are imported.
from leadscout import cli_jobs, cli_privacy, cli_validate  # noqa: E402,F401

if __name__ == "__main__":
    main()
