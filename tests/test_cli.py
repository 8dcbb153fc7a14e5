"""The CLI contract: --help with examples, one-line errors and exit code 2 on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("command", ["crawl", "extract", "export", "status", "demo"])
def test_cli_every_command_has_help_with_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example: leadscout " + command in " ".join(result.stdout.split())


@pytest.mark.parametrize(("args", "message"), [
    (["crawl", "--seeds-file", "no-such-file.txt"], "seeds file no-such-file.txt does not exist"),
    (["crawl", "acme.com", "--db", "nonsense"], "cannot read database URL"),
    (["crawl", "acme.com", "--db", "nonsense://"], "unsupported database 'nonsense'"),
    (["crawl", "acme.com", "--db", "mysql://root@127.0.0.1/x"], "unsupported database 'mysql'"),
    (["crawl", "acme.com", "--db", "sqlite:////no/such/dir/x.db"], "does not exist"),
    (["crawl", "not a url"], "none of the 1 seed(s) can be crawled"),
    (["crawl", "file:///etc/passwd", "ftp://acme.com/"], "none of the 2 seed(s) can be crawled"),
    (["crawl"], "no seeds given"),
    (["export", "--to", "xlsx"], "unknown export format 'xlsx'"),
    (["status", "42"], "no job 42"),
    (["extract", "missing.html"], "missing.html does not exist"),
    (["extract", "x.html", "--format", "xml"], "unknown --format 'xml'"),
])
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    if "--db" not in args and args[0] in ("crawl", "export", "status"):
        args = [*args, "--db", f"sqlite:///{tmp_path / 'cli.db'}"]
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("leadscout: error:")


def test_cli_bad_seeds_are_named_and_good_ones_kept(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# prospects\njavascript:alert(1)\n\nnot a url\n")
    result = run_cli("crawl", "--seeds-file", str(seeds), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert "skipped: seed 'javascript:alert(1)': scheme 'javascript' is not allowed" in result.stderr
    assert "skipped: seed 'not a url' is not a URL or domain" in result.stderr
