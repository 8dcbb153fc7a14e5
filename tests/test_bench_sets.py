"""The evaluation sets' ground truth stays consistent with their pages (bench/check_sets.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_bench_evaluation_sets_match_their_pages(capsys):
    spec = importlib.util.spec_from_file_location("check_sets", BENCH / "check_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([]) == 0, capsys.readouterr().out
