"""The Celery app of a distributed deployment: Redis broker, one queue, late acknowledgement, one task at a time.

Reliability settings and why (Celery 5 "Tasks" and "Configuration" docs, Kombu's Redis transport):

- ``task_acks_late``: a task's message is acknowledged after the task returns, so a
  worker that dies mid-site leaves it unacknowledged and the broker delivers it again;
- ``task_reject_on_worker_lost``: a pool process killed mid-task (OOM, SIGKILL) requeues
  its message at once instead of acknowledging it as failed;
- ``worker_prefetch_multiplier = 1``: a worker reserves only as many site tasks as it
  runs, so a dead worker strands no queue of prefetched sites;
- ``visibility_timeout``: when a whole worker dies, Redis restores its unacknowledged
  messages after this long (a sweep every ``unacked_restore_interval`` seconds);
- ``global_keyprefix`` = the queue name: one Redis database can hold several
  deployments (or test runs) without any key in common.

Tasks are idempotent on their own (leadscout.jobs.leases): a redelivery of a finished
or still-running site does nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from celery import Celery

from leadscout.config import Settings

log = logging.getLogger(__name__)

CRAWL_SITE = "leadscout.crawl_site"
RUN_STAGE = "leadscout.run_stage"
RUN_SCHEDULE = "leadscout.run_schedule"


class JobsError(ValueError):
    """A distributed job cannot start or continue (broker unreachable, wrong job); the message says what to fix."""


@dataclass(frozen=True, kw_only=True, slots=True)
class WorkerConfig:
    """How workers and the enqueuing command talk to the broker and hold their leases."""

    broker_url: str
    """Celery broker URL (redis://HOST:PORT/DB)."""
    queue: str
    """Queue name; also the prefix of every Redis key of the deployment."""
    visibility_timeout: float
    """Seconds before an unacknowledged task goes to another worker."""
    lease: float
    """Seconds a claim on a site or stage lasts without renewal."""

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkerConfig:
        if settings.worker_lease <= 0 or settings.broker_visibility_timeout <= 0:
            raise JobsError("LEADSCOUT_WORKER_LEASE and LEADSCOUT_BROKER_VISIBILITY_TIMEOUT must be positive seconds")
        if not settings.broker_queue.replace("-", "").replace("_", "").replace(".", "").isalnum():
            raise JobsError(f"LEADSCOUT_BROKER_QUEUE={settings.broker_queue!r}: use letters, digits, '-', '_', '.'")
        return cls(broker_url=settings.broker_url, queue=settings.broker_queue,
                   visibility_timeout=settings.broker_visibility_timeout, lease=settings.worker_lease)

    @property
    def heartbeat(self) -> float:
        """Seconds between lease renewals: four chances before the lease runs out."""
        return max(0.2, self.lease / 4)

    @property
    def safe_broker_url(self) -> str:
        """The broker URL without its password, for messages and logs."""
        from kombu.utils.url import maybe_sanitize_url

        return maybe_sanitize_url(self.broker_url)


def create_app(config: WorkerConfig) -> Celery:
    """A configured Celery app whose tasks (leadscout.jobs.tasks) go to ``config.queue``."""
    app = Celery("leadscout", broker=config.broker_url, include=["leadscout.jobs.tasks", "leadscout.jobs.beat"], set_as_current=True)
    app.conf.update(
        task_default_queue=config.queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # A task that raised is acknowledged (its own retry logic already decided), as Celery's default says.
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,  # progress lives in the store, not in a result backend
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        # Running site tasks keep going through a broker blip; a duplicate delivery finds the lease.
        worker_cancel_long_running_tasks_on_connection_loss=False,
        broker_transport_options={
            "visibility_timeout": config.visibility_timeout,
            "global_keyprefix": f"{config.queue}:",
            "unacked_restore_interval": max(1, min(10, int(config.visibility_timeout / 5))),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
        leadscout_worker_config=config,
    )
    return app


def check_broker(app: Celery, config: WorkerConfig) -> None:
    """Fail fast, with a one-line reason, when the broker cannot be reached."""
    from kombu.exceptions import OperationalError

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=2, interval_start=0.2, interval_step=0.5)
    except (OperationalError, OSError) as exc:
        raise JobsError(f"cannot reach the broker at {config.safe_broker_url} ({exc}); start Redis or set "
                        "LEADSCOUT_BROKER_URL / --broker") from None
