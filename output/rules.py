"""Rule data for exports (output/data/scorer_rules.jsonl): job title -> seniority and function, careers URLs."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).parent / "data" / "scorer_rules.jsonl"


@dataclass(frozen=True, kw_only=True, slots=True)
class TitleClass:
    """What a job title says about its holder."""

    seniority: str | None
    """``c_level``, ``vp``, ``director``, ``manager``, ``senior``, ``individual``, ``entry``; None without a title."""
    seniority_rank: int | None
    """6 (c_level) .. 0 (entry); None without a title."""
    function: str | None
    """``executive``, ``finance``, ``engineering``, ``sales``, ... (see the rules file); ``other`` when no
    rule matched; None without a title."""


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> tuple[dict[str, Any], ...]:
    """Every rule row of the file; blank lines and ``//`` comments are skipped."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
    return tuple(rows)


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, int, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    seniority = [(r["level"], int(r["rank"]), re.compile(r["pattern"])) for r in load_rules() if r["kind"] == "seniority"]
    function = [(r["function"], re.compile(r["pattern"])) for r in load_rules() if r["kind"] == "function"]
    return seniority, function


def fold(text: str) -> str:
    """Casefold and strip accents (``Geschäftsführer`` -> ``geschaftsfuhrer``), collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


@lru_cache(maxsize=65536)
def classify_title(title: str | None) -> TitleClass:
    """Seniority and function of a raw job title by the first matching rule of each kind."""
    if not title or not title.strip():
        return TitleClass(seniority=None, seniority_rank=None, function=None)
    text = fold(title)
    seniority_rules, function_rules = _compiled()
    level, rank = next(((lvl, rk) for lvl, rk, pattern in seniority_rules if pattern.search(text)), ("individual", 1))
    function = next((name for name, pattern in function_rules if pattern.search(text)), "other")
    return TitleClass(seniority=level, seniority_rank=rank, function=function)


@lru_cache(maxsize=1)
def careers_path_words() -> frozenset[str]:
    """URL path words that mark a careers/jobs page."""
    return frozenset(r["word"] for r in load_rules() if r["kind"] == "careers_path")
