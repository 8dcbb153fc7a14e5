"""Reading rule data kept as JSONL files (one JSON object per line), for every stage's data/ folder."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def read_jsonl(path: Path) -> tuple[dict[str, Any], ...]:
    """Every JSON object in ``path``; blank lines and ``//`` comments are skipped.

    A malformed line raises ValueError naming the file and line, so a bad edit to a rule
    file says where it is.
    """
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
