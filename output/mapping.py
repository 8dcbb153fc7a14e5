"""Field selection and renaming for file exports, read from a TOML mapping file.

The file has one table, ``[columns]``, listing the columns to write in order,
each as ``leadscout_column = "Header to write"``::

    [columns]
    name = "Full name"
    emails = "Email"
    phones = "Phone"       # E.164 phones stay intact in CSV, whatever the header is called
    company = "Account"

Columns left out are not written. Run ``leadscout export --mapping FILE --dry-run`` to check one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class MappingError(ValueError):
    """A mapping file cannot be used; the message names the file, the key and what to fix."""


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Which columns to write, in which order, under which names."""

    pairs: tuple[tuple[str, str], ...]
    """``(leadscout column, header written)`` in output order."""
    origin: str = "mapping"
    """Where the mapping came from (for error messages)."""

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(source for source, _ in self.pairs)

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(target for _, target in self.pairs)

    def check(self, available: Iterable[str]) -> None:
        """Refuse columns the export does not have, naming the ones it does."""
        available = tuple(available)
        unknown = [source for source in self.sources if source not in available]
        if unknown:
            raise MappingError(f"{self.origin}: [columns] {', '.join(unknown)}: no such column in this export; "
                               f"choose from {', '.join(available)}")

    def apply(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row with only the mapped columns, renamed, in mapping order."""
        return {target: row.get(source) for source, target in self.pairs}


def load_mapping(path: Path) -> FieldMapping:
    """Read and check a TOML mapping file."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(f"mapping file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"cannot read mapping file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(table) - {"columns"}
    if unknown:
        raise MappingError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; only [columns] is read")
    columns = table.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise MappingError(f"{path}: needs a [columns] table with at least one `column = \"Header\"` line")
    pairs = []
    for source, target in columns.items():
        if not isinstance(target, str) or not target.strip():
            raise MappingError(f"{path}: [columns] {source}: the header must be a non-empty string")
        pairs.append((source, target.strip()))
    targets = [t for _, t in pairs]
    duplicates = sorted({t for t in targets if targets.count(t) > 1})
    if duplicates:
        raise MappingError(f"{path}: [columns] header(s) {', '.join(duplicates)} used twice")
    return FieldMapping(tuple(pairs), origin=str(path))
