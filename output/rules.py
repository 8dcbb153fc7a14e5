"""Rule data for exports: job title -> seniority and function (from ner.titlemap), careers URL words
(output/data/scorer_rules.jsonl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from leadscout.datafiles import read_jsonl

RULES_FILE = Path(__file__).parent / "data" / "scorer_rules.jsonl"


@dataclass(frozen=True, kw_only=True, slots=True)
class TitleClass:
    """What a job title says about its holder."""

    seniority: str | None
    """``c_level``, ``vp``, ``director``, ``manager``, ``senior``, ``individual``, ``entry``; None without a title."""
    seniority_rank: int | None
    """6 (c_level) .. 0 (entry); None without a title."""
    function: str | None
    """``executive``, ``finance``, ``engineering``, ``sales``, ... (see ner/data/title_map.jsonl); ``other``
    when no rule matched; None without a title."""


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> tuple[dict[str, Any], ...]:
    """Every rule row of the file; blank lines and ``//`` comments are skipped."""
    return read_jsonl(path)


@lru_cache(maxsize=65536)
def classify_title(title: str | None) -> TitleClass:
    """Seniority level, rank and function of a raw job title, from the extractor's title map
    (``ner.titlemap``, rules in ner/data/title_map.jsonl): one source of truth for extraction, the store and
    the scorer."""
    from ner.titlemap import classify_title as classify

    classified = classify(title)
    if classified is None:
        return TitleClass(seniority=None, seniority_rank=None, function=None)
    return TitleClass(seniority=classified.level, seniority_rank=classified.rank, function=classified.function)


@lru_cache(maxsize=1)
def careers_path_words() -> frozenset[str]:
    """URL path words that mark a careers/jobs page."""
    return frozenset(r["word"] for r in load_rules() if r["kind"] == "careers_path")
