"""File-level link and dedupe: what `leadscout link` and `leadscout dedupe` do, as plain functions.

Output shapes (the CLI contract):

- link: ``left_id``, ``right_id``, ``score`` (match probability 0..1), one pair per
  JSONL line or CSV row; ``explain=True`` adds ``explain`` (JSONL only): per field
  the level reached, its weight (log2 m/u) and the two normalized values.
- dedupe: ``cluster_id``, ``id``, one row per input record in file order; the
  cluster id is the id of the cluster's first record in the file, so a record
  that matches nothing is its own cluster (``cluster_id == id``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from enrichment.columns import ColumnError, ColumnType, parse_type
from enrichment.linker import LinkOptions, LinkResult, dedupe_table, link_tables
from enrichment.tables import TableError, read_table

FORMATS = ("jsonl", "csv")


def parse_map(entries: Sequence[str]) -> dict[str, ColumnType]:
    """``["fname=first_name", "Date of Birth=date"]`` -> column types; ColumnError names a malformed entry."""
    out: dict[str, ColumnType] = {}
    for entry in entries:
        column, sep, kind = entry.rpartition("=")
        if not sep or not column.strip() or not kind.strip():
            raise ColumnError(f"--map {entry!r} is not COL=TYPE (e.g. --map fname=first_name)")
        out[column.strip()] = parse_type(kind)
    return out


def check_common(fmt: str, threshold: float) -> None:
    if fmt not in FORMATS:
        raise ColumnError(f"unknown --format {fmt!r}; choose jsonl or csv")
    if not 0.0 <= threshold <= 1.0:
        raise ColumnError(f"--threshold {threshold} is outside 0..1 (it is a match probability)")


def link_files(left: Path, right: Path, out: TextIO, *, left_id: str | None = None, right_id: str | None = None,
               mapping: Sequence[str] = (), threshold: float = 0.5, fmt: str = "jsonl", one_to_one: bool = False,
               explain: bool = False, options: LinkOptions = LinkOptions()) -> LinkResult:
    """Link two record files and write the pairs to ``out``; returns the result (model, blocking stats)."""
    check_common(fmt, threshold)
    options = replace(options, types=parse_map(mapping), threshold=threshold, one_to_one=one_to_one)
    left_table, right_table = read_table(left), read_table(right)
    result = link_tables(left_table, right_table, left_id=left_id, right_id=right_id, options=options)
    write_pairs(result, out, fmt=fmt, explain=explain)
    return result


def write_pairs(result: LinkResult, out: TextIO, *, fmt: str, explain: bool = False) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["left_id", "right_id", "score"])
        writer.writerows([pair.left_id, pair.right_id, f"{pair.score:.6f}"] for pair in result.pairs)
        return
    for pair in result.pairs:
        row: dict = {"left_id": pair.left_id, "right_id": pair.right_id, "score": pair.score}
        if explain:
            row["explain"] = [{"field": e.field, "level": e.level, "weight": e.weight, "left": e.left,
                               "right": e.right} for e in result.explain(pair)]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def dedupe_file(path: Path, out: TextIO, *, id_column: str | None = None, mapping: Sequence[str] = (),
                threshold: float = 0.5, fmt: str = "jsonl", options: LinkOptions = LinkOptions()) -> int:
    """Cluster one record file's duplicates and write ``cluster_id, id`` rows; returns the number of clusters."""
    check_common(fmt, threshold)
    options = replace(options, types=parse_map(mapping), threshold=threshold)
    rows, _ = dedupe_table(read_table(path), id_column=id_column, options=options)
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["cluster_id", "id"])
        writer.writerows(rows)
    else:
        for cluster_id, record_id in rows:
            out.write(json.dumps({"cluster_id": cluster_id, "id": record_id}, ensure_ascii=False) + "\n")
    return len({cluster for cluster, _ in rows})


def open_output(path: Path | None) -> AbstractContextManager[TextIO]:
    """``path`` opened for writing, or stdout (left open) when None; TableError names an unwritable path."""
    if path is None:
        return nullcontext(sys.stdout)
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise TableError(f"cannot write {path}: {exc.strerror}") from None
