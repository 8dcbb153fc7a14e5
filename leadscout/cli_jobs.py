"""CLI commands for keeping the store true over time: `revalidate`, `purge` and `schedule`.

Registered on leadscout.cli's app when that module is imported (it imports this one last).
"""

from __future__ import annotations

import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Optional

import typer

from leadscout.cli import DbOption, UsageProblem, _say, _settings, app, console, err_console


@app.command()
def revalidate(
    older_than: Annotated[Optional[str], typer.Option("--older-than", help="Re-validate people not confirmed "
                                                      "for this long: 30d, 2w, 12h [env "
                                                      "LEADSCOUT_REVALIDATE_AFTER; default 30d].")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Also write what changed to FILE: .json "
                                                   "(summary and one entry per person) or .csv (one row per "
                                                   "person).")] = None,
    site: Annotated[Optional[str], typer.Option("--site", help="Only people of this site (registered domain "
                                                "as stored, e.g. acme.com).")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Permit loopback and private addresses "
                                                "(off by default; tests and the demo use it).")] = False,
    delay: Annotated[Optional[float], typer.Option("--delay", min=0.0, help="Seconds between requests to one "
                                                   "site (default 0.5, AutoThrottle adapts it).")] = None,
    conditional: Annotated[bool, typer.Option("--conditional/--unconditional", help="Send the stored ETag / "
                                              "Last-Modified so unchanged pages answer 304 (--unconditional "
                                              "re-downloads every page).")] = True,
    purge: Annotated[bool, typer.Option("--purge/--no-purge", help="Afterwards, purge people and pages past "
                                        "retention (LEADSCOUT_RETENTION_DAYS, default 365; 0 = never).")] = True,
    db: DbOption = None,
) -> None:
    """Re-check people on the pages they were found on: still there, still reachable; update status and confidence.

    Source pages are re-fetched with conditional requests (an unchanged page answers 304); a changed page is
    re-extracted. Status becomes active, stale, departed or invalid; every change is kept with its time.

    Example: leadscout revalidate --older-than 30d --report revalidation.json --db sqlite:///leads.db
    """
    from leadscout.progress import rich_progress
    from leadscout.revalidate.fetch import FetchOptions
    from leadscout.revalidate.report import ReportError, write_report
    from leadscout.revalidate.run import options_from, revalidate as run

    settings = _settings(db)
    if report is not None and report.suffix.lower() not in (".json", ".csv"):
        raise ReportError(f"--report {report}: name a .json or .csv file")
    options = options_from(settings, older_than=older_than, site=site, purge=purge,
                           fetch=FetchOptions(allow_private=allow_private, download_delay=delay,
                                              conditional=conditional))
    with rich_progress(err_console) as progress:
        summary = run(settings, options, progress)
    if report is not None:
        write_report(summary, report)
    _say(f"leadscout: {summary.line()}" + (f"; report written to {report}" if report else ""))


@app.command()
def purge(
    older_than: Annotated[Optional[str], typer.Option("--older-than", help="Retention period: purge what was "
                                                      "not confirmed for this long, e.g. 365d [default "
                                                      "LEADSCOUT_RETENTION_DAYS days].")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be purged; delete nothing.")]
    = False,
    db: DbOption = None,
) -> None:
    """Delete people not seen, and stored pages not fetched, within the retention period (suppression kept).

    Example: leadscout purge --older-than 365d --dry-run --db sqlite:///leads.db
    """
    from leadscout.privacy.retention import purge_expired
    from leadscout.revalidate.plan import parse_window
    from leadscout.revalidate.run import LOCK
    from leadscout.store import create_store_engine
    from leadscout.store.locks import HeldLock

    settings = _settings(db)
    if older_than is None and settings.retention_days <= 0:
        raise UsageProblem("retention is off (LEADSCOUT_RETENTION_DAYS=0); pass --older-than to purge anyway")
    retention = parse_window(older_than) if older_than else timedelta(days=settings.retention_days)
    engine = create_store_engine(settings.db)
    with HeldLock(engine, LOCK):
        summary = purge_expired(engine, retention=retention, now=datetime.now(UTC), dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    _say(f"leadscout: {verb} {summary.people} people and {summary.pages} pages not confirmed since "
         f"{summary.cutoff:%Y-%m-%d %H:%M} UTC")


@app.command()
def schedule(
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML file with a schedules table "
                                                   "(default ./leadscout.toml).")] = None,
    show: Annotated[bool, typer.Option("--list", help="Print the schedules, their next runs and the "
                                       "equivalent crontab lines, then exit.")] = False,
    db: DbOption = None,
) -> None:
    """Run the schedules of leadscout.toml (re-validate weekly, re-crawl monthly, export nightly) until stopped.

    A schedule missed while the scheduler was down runs once at start; no schedule ever runs twice at once.

    Example: leadscout schedule --config leadscout.toml --db sqlite:///leads.db
    """
    from leadscout.jobs.schedule import CommandRunner, Scheduler, load_schedules
    from leadscout.store import create_store_engine

    settings = _settings(db)
    path = config or Path("leadscout.toml")
    if config is not None and not config.is_file():
        raise UsageProblem(f"--config {config} does not exist")
    specs = load_schedules(path)
    if not specs:
        raise UsageProblem(f"no schedules table in {path}; add e.g. [schedules] revalidate = \"0 3 * * 1\"")
    runner = CommandRunner(settings.db)
    scheduler = Scheduler(create_store_engine(settings.db), specs, runner=runner)
    executable = str(Path(sys.executable).parent / "leadscout")
    if show:
        for name, when in scheduler.next_runs().items():
            console.print(f"{name}: next run {when:%Y-%m-%d %H:%M %Z}" if when else f"{name}: no further run",
                          markup=False, highlight=False)
        console.print("\n# crontab equivalent (crontab -e):", markup=False, highlight=False)
        for spec in specs:
            console.print(spec.crontab_line(executable=executable, db=settings.db), markup=False,
                          highlight=False)
        return

    def stop(signum: int, _frame: object) -> None:
        _say(f"leadscout: schedule stopping (signal {signum})")
        scheduler.shutdown()
        runner.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    _say(f"leadscout: scheduling {', '.join(f'{s.name} ({s.cron})' for s in specs)}; Ctrl-C to stop")
    scheduler.start()


def _errors() -> tuple[type[Exception], ...]:
    from leadscout.jobs.schedule import ScheduleError
    from leadscout.revalidate.plan import WindowError
    from leadscout.revalidate.report import ReportError
    from leadscout.store.locks import LockBusy

    return (WindowError, ReportError, LockBusy, ScheduleError)


JOB_ERRORS = _errors()
"""Bad input (or a busy lock) these commands report in one line with exit code 2."""
