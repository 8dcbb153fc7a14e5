"""The vocabulary files in ner/data/: each row parses, and none is listed twice."""

from __future__ import annotations

import json

import pytest

from ner.lexicon import DATA_DIR

FILES = sorted(DATA_DIR.glob("*.jsonl"))


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_data_rows_parse_and_are_listed_once(path):
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("//")]
    assert all(isinstance(json.loads(row), dict) for row in rows)
    twice = sorted({row for row in rows if rows.count(row) > 1})
    assert not twice, f"{path.name} lists these rows twice: {twice}"
