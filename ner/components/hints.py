"""Which words can start a job title: the cheap test that keeps text without any out of spaCy."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ner.lexicon import DATA_DIR

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def lexicon_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSONL title lexicon, without its ``//`` comment lines."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("//")]


@dataclass(frozen=True, slots=True)
class TitleHints:
    """Which words can start a title: text without any of them cannot hold one and need not go through
    spaCy at all (a set lookup per word, far cheaper than tokenizing)."""

    words: frozenset[str]
    suffixes: tuple[str, ...]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The title-seed words in ``text``, as matches."""
        for match in _WORD.finditer(text):
            word = match.group(0).casefold()
            if self._seed(word) or "-" in word and any(self._seed(part) for part in word.split("-")):
                yield match  # a hyphenated compound counts by its parts: "Directeur-eigenaar", "Sales-Leiter"

    def _seed(self, word: str) -> bool:
        return word in self.words or len(word) > 7 and word.endswith(self.suffixes)

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None


@lru_cache(maxsize=4)
def title_hint_pattern(lexicon: Path | None = None) -> TitleHints:
    """The seed words of the lexicon (role words, the words of phrases and abbreviations), casefolded."""
    rows = lexicon_rows(lexicon or DATA_DIR / "titles.jsonl")
    words: set[str] = set()
    for row in rows:
        parts = _WORD.findall(str(row["text"]))
        if row["kind"] == "abbr" or row["kind"] == "role" and len(parts) == 1:
            words.update(w.casefold() for w in parts)
    for row in rows:
        if row["kind"] in ("phrase", "role"):
            # A phrase is seeded by its role word ("Managing Director"), else by its head: the last word in
            # English ("Account Executive"), the first in Romance languages ("Jefe de Ventas").
            parts = [w.casefold() for w in _WORD.findall(str(row["text"]))]
            if parts and not words.intersection(parts):
                words.update({parts[0], parts[-1]})
    suffixes = tuple(sorted(str(row["text"]).casefold() for row in rows if row["kind"] == "suffix"))
    return TitleHints(words=frozenset(words), suffixes=suffixes)
