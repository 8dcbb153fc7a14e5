"""`leadscout export` as a user runs it: formats, --dry-run, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.output_support import people, store_people


@pytest.mark.parametrize("to", ["csv", "jsonl", "parquet", "scorer", "hubspot-csv", "salesforce-csv"])
def test_output_cli_writes_each_file_format(to: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    store_people(db, people(3))
    out = tmp_path / f"out.{to}"
    result = run_cli("export", "--to", to, "--out", str(out), "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert f"wrote 3 rows to {out}" in " ".join(result.stderr.split())


@pytest.mark.parametrize("to", ["csv", "scorer", "hubspot", "salesforce"])
def test_output_cli_dry_run_prints_and_touches_nothing(to: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    store_people(db, people(2))
    # No CRM credentials and an unreachable URL: a dry run must not need either.
    env = {"LEADSCOUT_HUBSPOT_URL": "http://127.0.0.1:9", "LEADSCOUT_SALESFORCE_URL": "http://127.0.0.1:9"}
    result = run_cli("export", "--to", to, "--dry-run", "--db", db, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob("*.parquet"))
    assert ("would send 2 people" if to in ("hubspot", "salesforce") else "would write 2 rows") in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "xlsx"], "unknown export format 'xlsx'"),
    (["--to", "hubspot"], "no HubSpot token; set LEADSCOUT_HUBSPOT_TOKEN"),
    (["--to", "salesforce"], "Salesforce is not configured; set LEADSCOUT_SALESFORCE_URL"),
    (["--to", "csv", "--since", "yesterday"], "--since 'yesterday': use 'last'"),
    (["--to", "csv", "--mapping", "none.toml"], "mapping file none.toml does not exist"),
    (["--to", "hubspot", "--mapping", "none.toml"], "--mapping applies to csv, jsonl, parquet exports"),
])
def test_output_cli_bad_export_input_is_one_line_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    store_people(db, people(1))
    env = {"LEADSCOUT_HUBSPOT_TOKEN": "", "LEADSCOUT_SALESFORCE_URL": ""}
    result = run_cli("export", *args, "--db", db, cwd=tmp_path, env=env)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("leadscout: error:")
