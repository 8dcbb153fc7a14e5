"""`leadscout worker`: a Celery worker taking site tasks (and, with ``--beat``, running the schedules)."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from leadscout.config import Settings
from leadscout.jobs.app import JobsError, WorkerConfig, check_broker, create_app

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class WorkerOptions:
    """How one worker process runs."""

    concurrency: int | None = None
    """Site tasks at once (pool processes); None = Celery's default, the number of CPUs."""
    beat: bool = False
    """Also run Celery beat (the schedules); give it to exactly one worker of a deployment."""
    beat_state: Path = Path("leadscout-beat-schedule")
    """Where beat keeps the time of each schedule's last run (so a restart does not re-run or skip)."""
    schedules: Path | None = None
    """The TOML file with the ``[schedules]`` table; None = ./leadscout.toml."""
    loglevel: str = "INFO"
    """Worker log level."""
    name: str | None = None
    """Node name (NAME@HOST); default leadscout-PID@HOST, unique per process."""


def run_worker(settings: Settings, options: WorkerOptions) -> None:
    """Start the worker in this process; returns when it is shut down (SIGTERM: warm, finishes running tasks)."""
    config = WorkerConfig.from_settings(settings)
    if options.concurrency is not None and options.concurrency < 1:
        raise JobsError("--concurrency must be 1 or more")
    # Pool processes and their crawl children read these; flags must win there too.
    os.environ.update({"LEADSCOUT_DB": settings.db, "LEADSCOUT_BROKER_URL": settings.broker_url,
                       "LEADSCOUT_BROKER_QUEUE": config.queue})
    _check_store(settings.db)
    _warm_imports()
    app = create_app(config)
    check_broker(app, config)
    # The worker does not take over the root logger: its --loglevel applies to the CLI's handler.
    for handler in logging.getLogger().handlers:
        handler.setLevel(options.loglevel.upper())
    argv = ["worker", f"--queues={config.queue}", f"--loglevel={options.loglevel}",
            f"--hostname={options.name or f'leadscout-{os.getpid()}'}@{socket.gethostname()}",
            # Progress lives in the store; gossip and mingle only add broker chatter and start-up delay.
            "--without-gossip", "--without-mingle", "--disable-prefetch"]
    if options.concurrency is not None:
        argv.append(f"--concurrency={options.concurrency}")
    if options.beat:
        from leadscout.jobs.beat import beat_schedule, send_missed
        from leadscout.store import create_store_engine

        entries, zone = beat_schedule(config, options.schedules)
        if not entries:
            raise JobsError(f"--beat: no schedules table in {options.schedules or 'leadscout.toml'}; "
                            "add e.g. [schedules] revalidate = \"0 3 * * 1\"")
        app.conf.update(beat_schedule=entries, timezone=zone)
        engine = create_store_engine(settings.db)
        send_missed(app, config, engine, options.schedules)
        engine.dispose()  # before the pool forks
        argv += ["--beat", f"--schedule={options.beat_state}"]
        log.info("beat (%s): %s", zone, ", ".join(entries))
    log.info("worker on %s, queue %s, store %s", config.safe_broker_url, config.queue, _safe_db(settings.db))
    app.worker_main(argv)


def _warm_imports() -> None:
    """Import the stages once here: every pool process and every forked site crawl inherits them.

    None of these installs the Twisted reactor (each crawl child installs its own).
    """
    import leadscout.jobs.tasks  # noqa: F401
    import leadscout.pipeline  # noqa: F401
    import ner.extract  # noqa: F401  (ner/__init__ imports lazily; this loads the extractor and spaCy)
    from leadscout.jobs.crawl_site import preload_crawler

    missing = preload_crawler()
    if missing:
        log.info("crawler components not preloaded (imported by each crawl instead): %s", ", ".join(missing))


def _check_store(db: str) -> None:
    """Open the store once (schema created if missing) and close it again before the pool forks."""
    from leadscout.store import create_store_engine

    create_store_engine(db).dispose()


def _safe_db(db: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(db).render_as_string(hide_password=True)
