"""Job title -> (clean title, function, seniority), from the rule data in ``ner/data/title_map.jsonl``.

The one place titles are classified: extraction puts function and seniority on each ``Contact``, the
store keeps them on the person, and the exporters and the lead scorer read them from here too.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ner.lexicon import load_rows

log = logging.getLogger(__name__)

SENIORITY_BANDS = ("c_level", "vp", "director", "manager", "individual")
"""What ``Contact.seniority`` holds (``senior`` and ``entry`` levels are individual contributors)."""
LEVEL_RANKS = {"c_level": 6, "vp": 5, "director": 4, "manager": 3, "senior": 2, "individual": 1, "entry": 0}
"""The finer levels the scorer uses, with their ranks."""
_PUNCTUATION = re.compile(r"[,;:()\[\]|–—·•\"“”«»®™*]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleClass:
    """What a job title says about its holder."""

    title: str
    """The title cleaned: whitespace collapsed, stray punctuation at the ends removed."""
    function: str
    """``executive``, ``finance``, ``legal``, ``hr``, ``marketing``, ``sales``, ``support``, ``product``,
    ``design``, ``data``, ``it``, ``engineering``, ``research``, ``medical``, ``operations``, or ``other``."""
    seniority: str
    """The band: ``c_level``, ``vp``, ``director``, ``manager`` or ``individual``."""
    level: str
    """The finer level: the band, or ``senior`` / ``entry`` inside ``individual``."""
    rank: int
    """6 (``c_level``) .. 0 (``entry``)."""


def normalize_title(raw: str | None) -> tuple[str | None, str | None, str | None]:
    """``(title, function, seniority)`` of a raw job title; ``(None, None, None)`` for no title.

    >>> normalize_title("  SVP,  Sales EMEA ")
    ('SVP, Sales EMEA', 'sales', 'vp')
    """
    classified = classify_title(raw)
    if classified is None:
        return None, None, None
    return classified.title, classified.function, classified.seniority


@lru_cache(maxsize=65536)
def classify_title(raw: str | None) -> TitleClass | None:
    """Function, seniority band and finer level of a job title, by the first matching rule of each kind."""
    title = clean_title(raw)
    if not title:
        return None
    text = fold_title(title)
    rules = _rules()
    level = next((name for name, pattern in rules.seniority if pattern.search(text)), "individual")
    function = next((name for name, pattern in rules.functions if pattern.search(text)), "other")
    return TitleClass(title=title, function=function, seniority=rules.bands.get(level, level), level=level,
                      rank=LEVEL_RANKS[level])


def clean_title(raw: str | None) -> str:
    """Whitespace collapsed, separators and stray punctuation trimmed from the ends."""
    if not raw:
        return ""
    return _SPACES.sub(" ", raw).strip(" ,;:-–—|·•/").strip()


def fold_title(title: str) -> str:
    """Casefolded, accents stripped, separators as spaces: what the rule patterns match."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", plain)).strip()


@dataclass(frozen=True, slots=True)
class _Rules:
    seniority: tuple[tuple[str, re.Pattern[str]], ...]
    functions: tuple[tuple[str, re.Pattern[str]], ...]
    bands: dict[str, str]


_FUNCTION_GROUPS = ("chief", "executive", "function", "late")
"""Order in which function rows are tried: chief-officer titles, top executives, the specific functions,
then partners and vice presidents without one."""


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    rows = load_rows("title_map")
    seniority = tuple((str(r["level"]), re.compile(str(r["pattern"]))) for r in rows if r["kind"] == "seniority")
    functions = tuple((str(r["function"]), re.compile(str(r["pattern"])))
                      for group in _FUNCTION_GROUPS for r in rows if r["kind"] == group)
    bands = {str(r["level"]): str(r["seniority"]) for r in rows if r["kind"] == "band"}
    unknown = {level for level, _ in seniority} - LEVEL_RANKS.keys()
    if unknown:
        raise ValueError(f"ner/data/title_map.jsonl: unknown seniority level(s) {sorted(unknown)}")
    log.debug("title map: %d seniority rules, %d function rules", len(seniority), len(functions))
    return _Rules(seniority=seniority, functions=functions, bands=bands)
