"""Load the rule data in ``enrichment/data/*.jsonl`` once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from leadscout.datafiles import read_jsonl


DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load_rows(name: str) -> tuple[dict[str, Any], ...]:
    """Every JSON object in ``enrichment/data/<name>.jsonl``; blank lines and ``//`` comments are skipped."""
    return read_jsonl(DATA_DIR / f"{name}.jsonl")


@lru_cache(maxsize=None)
def words(name: str, field: str) -> tuple[str, ...]:
    """The casefolded values of one field over a data file, in file order (a word list)."""
    return tuple(dict.fromkeys(str(row[field]).casefold() for row in load_rows(name) if field in row))
