"""Validate a batch of leads: checks, then clustering over the whole batch, then one verdict each."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from leadscout.progress import ProgressReporter, null_progress
from validation.clustering import ClusterOptions, ClusterResult, cluster_scores, feature_matrix
from validation.contact import ContactChecks, Lead, check_contact
from validation.deliverability import DnsOptions, DomainChecker
from validation.score import Assessment, ScoreOptions, assess
from validation.smtp import MailboxProber, SmtpOptions

log = logging.getLogger(__name__)

_PROGRESS_STEP = 256


@dataclass(frozen=True, kw_only=True)
class ValidateOptions:
    """Everything a validation run can be told."""

    dns: DnsOptions | None = DnsOptions()
    """None = offline (``--no-dns``): syntax, lists and names only."""
    smtp: SmtpOptions = SmtpOptions()
    """The mailbox check; off unless ``smtp.enabled``."""
    default_region: str = "US"
    """Country national-format phone numbers are read in when the lead's company gives none."""
    clustering: ClusterOptions = ClusterOptions()
    score: ScoreOptions = ScoreOptions()


@dataclass
class BatchResult:
    """One assessment per lead, in input order, and how the batch was clustered."""

    assessments: list[Assessment]
    checks: list[ContactChecks]
    cluster: ClusterResult
    dns_lookups: int = 0
    stats: dict[str, int] = field(default_factory=dict)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch piles up: rows, checks and verdicts hold no
    reference cycles (reference counting frees them), and the collector's full passes over a growing
    batch cost more than the checks themselves (3x at 20,000 rows, measured by bench/bench_validate.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_leads(leads: Sequence[Lead], options: ValidateOptions = ValidateOptions(), *,
                   progress: ProgressReporter = null_progress, checker: DomainChecker | None = None) -> BatchResult:
    """Check every lead, cluster the batch's check profiles, and assess each lead."""
    if checker is None and options.dns is not None:
        checker = DomainChecker(options.dns)
    if checker is not None:
        domains = {address.rsplit("@", 1)[1].strip().lower() for lead in leads for address in lead.emails
                   if "@" in address}
        task = progress.task("DNS lookups", total=len(domains))
        checker.prefetch(domains, on_done=task.advance)  # concurrent; the per-row checks then hit the cache
        task.done()
    prober = None
    if options.smtp.enabled and checker is not None:
        prober = MailboxProber(options.smtp, checker.addresses)
    task = progress.task("checking", total=len(leads))
    checks = []
    with gc_paused():
        for index, lead in enumerate(leads, start=1):
            checks.append(check_contact(lead, dns=checker, smtp=prober, default_region=options.default_region))
            if index % _PROGRESS_STEP == 0:
                task.advance(_PROGRESS_STEP)  # a live display redrawn per row would cost more than the checks
        task.advance(len(leads) % _PROGRESS_STEP)
        task.done()
        cluster = cluster_scores(feature_matrix(checks), options.clustering)
        assessments = [assess(c, cluster_score=float(s), options=options.score)
                       for c, s in zip(checks, cluster.scores)]
    stats: dict[str, int] = {}
    for item in assessments:
        stats[item.verdict] = stats.get(item.verdict, 0) + 1
    log.info("validated %d leads (%s); clustering: %s", len(leads), stats, cluster.method)
    return BatchResult(assessments=assessments, checks=checks, cluster=cluster,
                       dns_lookups=checker.lookups if checker else 0, stats=stats)
