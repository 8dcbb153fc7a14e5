"""Load the rule data in ``enrichment/data/*.jsonl`` once per process."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load_rows(name: str) -> tuple[dict[str, Any], ...]:
    """Every JSON object in ``enrichment/data/<name>.jsonl``; blank lines and ``//`` comments are skipped."""
    path = DATA_DIR / f"{name}.jsonl"
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON: {error}") from error
    log.debug("loaded %d rows from %s", len(rows), path)
    return tuple(rows)


@lru_cache(maxsize=None)
def words(name: str, field: str) -> tuple[str, ...]:
    """The casefolded values of one field over a data file, in file order (a word list)."""
    return tuple(dict.fromkeys(str(row[field]).casefold() for row in load_rows(name) if field in row))
