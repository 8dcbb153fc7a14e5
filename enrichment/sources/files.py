"""Profile dumps on disk: JSONL (one profile object per line) or CSV (a header row; lists separated by ";")."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from enrichment.sources import Profile, SourceError, profile_from_mapping

log = logging.getLogger(__name__)


class FileSource:
    """Reads a JSONL or CSV dump of public profiles (schema: ``enrichment.sources.PROFILE_FIELDS``)."""

    version = "1"

    def __init__(self, *, name: str, path: str | Path) -> None:
        self.name = name
        self.path = Path(path)

    def profiles(self) -> Iterator[Profile]:
        if not self.path.is_file():
            raise SourceError(f"source {self.name}: {self.path} does not exist or is not a file")
        fetched_at = datetime.fromtimestamp(self.path.stat().st_mtime, UTC)
        uri = self.path.resolve().as_uri()
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"source {self.name}: cannot read {self.path}: {exc}") from None
        skipped = 0
        for number, record in self._records(text):
            where = f"{self.path}:{number}"
            profile = profile_from_mapping(record, source=self.name, where=where, fallback_url=f"{uri}#line={number}",
                                           fetched_at=fetched_at)
            if profile is None:
                skipped += 1
                continue
            yield profile
        if skipped:
            log.warning("source %s: %d record(s) without a name skipped", self.name, skipped)

    def _records(self, text: str) -> Iterator[tuple[int, dict]]:
        if self.path.suffix.lower() == ".csv":
            reader = csv.DictReader(text.splitlines())
            for number, row in enumerate(reader, start=2):  # line 1 is the header
                yield number, {k.strip(): v for k, v in row.items() if k}
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{self.path}:{number}: not JSON ({exc.msg})") from None
