"""The distributed commands' contract: help with an example, one-line errors with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.jobs_support import redis_broker


def test_jobs_cli_worker_has_help_with_example() -> None:
    result = run_cli("worker", "--help")
    assert result.returncode == 0
    assert "Example: leadscout worker" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("args", "env", "message"), [
    (["crawl", "acme.com", "--distributed", "--broker", "redis://127.0.0.1:1/0"], {},
     "cannot reach the broker at redis://127.0.0.1:1/0"),
    (["worker", "--broker", "redis://127.0.0.1:1/0"], {}, "cannot reach the broker"),
    (["worker"], {"LEADSCOUT_BROKER_QUEUE": "no spaces"}, "LEADSCOUT_BROKER_QUEUE='no spaces'"),
    (["worker", "--loglevel", "LOUD"], {}, "unknown --loglevel 'LOUD'"),
    (["worker", "--beat", "--config", "missing.toml"], {}, "--config missing.toml does not exist"),
])
def test_jobs_cli_bad_input_is_one_line_and_exit_2(args: list[str], env: dict, message: str, tmp_path: Path) -> None:
    result = run_cli(*args, "--db", f"sqlite:///{tmp_path / 'jobs.db'}", cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("leadscout: error:")


def test_jobs_cli_distributed_job_is_not_resumed_in_process(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'jobs.db'}"
    with redis_broker() as broker:
        sent = run_cli("crawl", "acme.com", "--distributed", "--db", db, env=broker.env())
        assert sent.returncode == 0, sent.stderr
        assert "job 1: 1 site tasks sent to queue" in sent.stdout
        status = run_cli("status", "1", "--db", db)
        assert "site tasks: 1 queued (0 redelivered); stages: resolve pending, site_facts pending" in status.stdout, \
            status.stdout
        again = run_cli("crawl", "--resume", "1", "--db", db)
        assert again.returncode == 2
        assert "resume it with `leadscout crawl --resume 1 --distributed`" in again.stderr
        resent = run_cli("crawl", "--resume", "1", "--distributed", "--db", db, env=broker.env())
        assert resent.returncode == 0 and "job 1: 1 site tasks sent" in resent.stdout, resent.stderr
