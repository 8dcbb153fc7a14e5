"""Field comparisons at named levels (splink style): each class's docstring lists its levels, best first.

A comparison turns the normalized values of a batch of candidate pairs into
level indices: 0 is the strongest agreement, the last level is "else", and -1
means a value is missing on either side (no evidence either way, weight 0).
Scores come from RapidFuzz's vectorised ``process.cpdist`` (element-wise over
aligned sequences, multi-threaded, deterministic).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler

Values = Mapping[str, np.ndarray]
"""Per-record values of each field (object arrays of normalized strings, "" = missing)."""

NULL = -1


def scores(scorer: Callable, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``scorer(a[i], b[i])`` for every i, vectorised (RapidFuzz ``process.cpdist``)."""
    if len(a) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(list(a), list(b), scorer=scorer, workers=-1)


class Pairs:
    """A batch of candidate pairs: per-record field values of both sides and the pair index arrays.

    Features of a value (an email's domain, a date's year) are computed once per
    record and gathered per pair: a million pairs over a hundred thousand
    records cost a hundred thousand feature calls, not a million.
    """

    def __init__(self, left: Values, right: Values, li: np.ndarray, ri: np.ndarray) -> None:
        self.left, self.right, self.li, self.ri = left, right, li, ri
        self._cache: dict[tuple, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.li)

    def get(self, side: str, name: str, feature: Callable[[str], object] | None = None) -> np.ndarray:
        """Per-pair values of field ``name`` on ``side`` ("left"/"right"), optionally mapped through ``feature``."""
        key = (side, name, feature)
        if key not in self._cache:
            values = (self.left if side == "left" else self.right)[name]
            if feature is not None:
                values = _per_record(values, feature)
            self._cache[key] = values[self.li if side == "left" else self.ri]
        return self._cache[key]


def _per_record(values: np.ndarray, feature: Callable[[str], object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    cache: dict[str, object] = {}
    for i, value in enumerate(values):
        result = cache.get(value)
        if result is None:
            result = cache[value] = feature(value)
        out[i] = result
    return out


def _missing(*arrays: np.ndarray) -> np.ndarray:
    out = np.zeros(len(arrays[0]), dtype=bool)
    for array in arrays:
        out |= array == ""
    return out


class Comparison:
    """Base class: compares field ``left`` of the left record with field ``right`` of the right record."""

    levels: ClassVar[tuple[str, ...]] = ()

    def __init__(self, label: str, left: str | None = None, right: str | None = None) -> None:
        self.label = label
        """Name shown in explanations (usually the column name)."""
        self.left = left or label
        """Field read on the left record (default: the label)."""
        self.right = right or self.left
        """Field read on the right record (default: the left field)."""

    @property
    def fields(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The left and right fields this comparison reads."""
        return (self.left,), (self.right,)

    def compare(self, pairs: Pairs) -> np.ndarray:
        """Level index per pair (int8; -1 = missing)."""
        a, b = pairs.get("left", self.left), pairs.get("right", self.right)
        conditions = self._conditions(a, b, pairs)
        levels = np.select(conditions, np.arange(len(conditions), dtype=np.int8),
                           default=len(self.levels) - 1).astype(np.int8)
        levels[_missing(a, b)] = NULL
        return levels

    def _feature(self, pairs: Pairs, feature: Callable[[str], object]) -> tuple[np.ndarray, np.ndarray]:
        return pairs.get("left", self.left, feature), pairs.get("right", self.right, feature)

    def _conditions(self, a: np.ndarray, b: np.ndarray, pairs: Pairs) -> list[np.ndarray]:
        """One boolean array per level but the last (else), best first; np.select picks the first true."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"


class _ThresholdComparison(Comparison):
    """Exact, then a similarity score at descending thresholds, then else."""

    scorer: ClassVar[Callable] = staticmethod(fuzz.token_sort_ratio)
    thresholds: ClassVar[tuple[float, ...]] = (90.0, 70.0)

    def _conditions(self, a, b, pairs):
        similarity = scores(self.scorer, a, b)
        return [a == b, *(similarity >= t for t in self.thresholds)]


class TextComparison(_ThresholdComparison):
    """Free text, titles and addresses. Levels: exact; token sort >= 0.9; token sort >= 0.7; else."""

    levels = ("exact", "token sort >= 0.9", "token sort >= 0.7", "else")


class CompanyComparison(_ThresholdComparison):
    """Company names (legal forms already stripped). Levels: exact; token set >= 0.9; token sort >= 0.7 (as set); else.

    Token set ratio scores "acme" against "acme widgets" as 1.0: a short and a long form of one firm agree.
    """

    levels = ("exact", "token set >= 0.9", "token set >= 0.7", "else")
    scorer = staticmethod(fuzz.token_set_ratio)


class CityComparison(_ThresholdComparison):
    """Cities and towns. Levels: exact; Jaro-Winkler >= 0.9; Jaro-Winkler >= 0.8; else."""

    levels = ("exact", "Jaro-Winkler >= 0.9", "Jaro-Winkler >= 0.8", "else")
    scorer = staticmethod(JaroWinkler.normalized_similarity)
    thresholds = (0.9, 0.8)


def _one_edit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # Optimal string alignment: one substitution, insertion, deletion or transposition of neighbours.
    return scores(OSA.distance, a, b) <= 1


def _first3(value: str) -> str:
    return value[:3]


def _number(value: str) -> float:
    return float(value) if value else np.nan


def _year(value: str) -> str:
    return value[:4]


def _day_month_swapped(value: str) -> str:
    return value[:4] + value[6:8] + value[4:6] if len(value) == 8 else "\x00"


def _last8(value: str) -> str:
    return value[-8:] if len(value) >= 8 else ""


def _local_part(value: str) -> str:
    return value.rpartition("@")[0]


def _domain(value: str) -> str:
    return value.rpartition("@")[2]

class IdComparison(Comparison):
    """Shared identifiers (national id, customer number). Levels: exact; one edit (a typo or a transposition); else."""

    levels = ("exact", "one edit", "else")

    def _conditions(self, a, b, pairs):
        return [a == b, _one_edit(a, b)]


class PostcodeComparison(Comparison):
    """Postcodes. Levels: exact; one edit; same first 3 characters (same district); else."""

    levels = ("exact", "one edit", "same first 3 characters", "else")

    def _conditions(self, a, b, pairs):
        prefix_a, prefix_b = self._feature(pairs, _first3)
        return [a == b, _one_edit(a, b), prefix_a == prefix_b]


class NumberComparison(Comparison):
    """Small numbers (street numbers). Levels: exact; one edit; numeric distance <= 10%; else."""

    levels = ("exact", "one edit", "within 10%", "else")

    def _conditions(self, a, b, pairs):
        x, y = (array.astype(np.float64) for array in self._feature(pairs, _number))
        with np.errstate(invalid="ignore"):
            near = np.abs(x - y) <= 0.1 * np.maximum(np.abs(x), np.abs(y))
        return [a == b, _one_edit(a, b), near]


class DateComparison(Comparison):
    """Dates as YYYYMMDD. Levels: exact; day and month swapped; one character differs; same year; else."""

    levels = ("exact", "day and month swapped", "one edit", "same year", "else")

    def _conditions(self, a, b, pairs):
        swapped_a, _ = self._feature(pairs, _day_month_swapped)
        year_a, year_b = self._feature(pairs, _year)
        return [a == b, swapped_a == b, _one_edit(a, b), year_a == year_b]


class PhoneComparison(Comparison):
    """Phones as E.164. Levels: exact; same last 8 digits (country code written differently); one edit; else."""

    levels = ("exact", "same last 8 digits", "one edit", "else")

    def _conditions(self, a, b, pairs):
        tail_a, tail_b = self._feature(pairs, _last8)
        return [a == b, (tail_a == tail_b) & (tail_a != ""), _one_edit(a, b)]


class EmailComparison(Comparison):
    """Email addresses. Levels: exact; same local part (other domain); Jaro-Winkler >= 0.9; same domain; else."""

    levels = ("exact", "same local part", "Jaro-Winkler >= 0.9", "same domain", "else")

    def _conditions(self, a, b, pairs):
        local_a, local_b = self._feature(pairs, _local_part)
        domain_a, domain_b = self._feature(pairs, _domain)
        similar = scores(JaroWinkler.normalized_similarity, a, b) >= 0.9
        return [a == b, local_a == local_b, similar, domain_a == domain_b]
