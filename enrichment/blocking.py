"""Blocking: which record pairs are worth comparing at all (a union of conjunctive key rules).

Comparing every left record with every right one is n*m work; blocking keeps
the pairs that agree on at least one key (phonetic names, email, E.164 phone,
postcode, company ...). Pairs are generated with numpy by sorting key codes, so
memory stays proportional to the candidates, never to n*m. Oversized blocks
(a placeholder date shared by thousands) are skipped and counted, as are rules
whose total exceeds the budget: other rules still catch the true matches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

log = logging.getLogger(__name__)

@lru_cache(maxsize=200_000)
def metaphone(text: str) -> str:
    """Metaphone code of every token, joined (jellyfish); robust to many spelling variants of a name."""
    import jellyfish

    return " ".join(jellyfish.metaphone(token) for token in text.split()) if text else ""


def _sorted_metaphones(*texts: str) -> str:
    codes = sorted(code for text in texts for code in metaphone(text).split() if code)
    return " ".join(codes)


TRANSFORMS: dict[str, Callable[..., str]] = {
    "exact": lambda value: value,
    "metaphone": metaphone,
    "initial": lambda value: value[:1],
    "year": lambda value: value[:4] if len(value) >= 8 else "",
    "first_token": lambda value: value.split()[0] if value else "",
    "last_token_metaphone": lambda value: metaphone(value.split()[-1]) if value else "",
    # Order-free: "john smith" and "smith john" (swapped fields) share this key.
    "sorted_metaphones": _sorted_metaphones,
}


@dataclass(frozen=True, kw_only=True, slots=True)
class KeyPart:
    """One part of a blocking key: a transform over one or more fields."""

    fields: tuple[str, ...]
    """Field names read (most transforms read one)."""
    transform: str = "exact"
    """Name in ``TRANSFORMS``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BlockingRule:
    """Records are candidates when all parts of this key agree and none is empty."""

    name: str
    """Shown in logs and stats, e.g. ``"names(metaphone)+date"``."""
    parts: tuple[KeyPart, ...]
    """The conjunction of key parts."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BlockingLimits:
    """Bounds that keep blocking's memory proportional to the data."""

    max_block_pairs: int = 20_000
    """A block whose left x right size exceeds this is skipped (its key is too common to be evidence)."""
    pairs_per_record: int = 40
    """A rule producing more than this many pairs per input record is skipped as a whole."""


@dataclass(kw_only=True, slots=True)
class BlockingStats:
    """What blocking did, per rule: pairs produced, blocks and rules skipped."""

    pairs_by_rule: dict[str, int] = field(default_factory=dict)
    skipped_blocks: dict[str, int] = field(default_factory=dict)
    skipped_rules: list[str] = field(default_factory=list)
    candidates: int = 0


def _transformed(part: KeyPart, fields: Mapping[str, Sequence[str]]) -> list[str]:
    """The part's key string for every record ("" when missing), each distinct input transformed once."""
    transform = TRANSFORMS[part.transform]
    cache: dict[tuple[str, ...], str] = {}
    out = []
    for row in zip(*(fields[name] for name in part.fields), strict=True):
        key = cache.get(row)
        if key is None:
            key = cache[row] = transform(*row)
        out.append(key)
    return out


class _KeyCodes:
    """Integer codes of key parts, shared by both sides (-1 = no key), each part computed once for all rules."""

    def __init__(self, left: Mapping[str, Sequence[str]], right: Mapping[str, Sequence[str]], *, dedupe: bool):
        self.left, self.right, self.dedupe = left, right, dedupe
        self._parts: dict[KeyPart, tuple[np.ndarray, np.ndarray]] = {}

    def _encode(self, keys: list[str], table: dict[str, int]) -> np.ndarray:
        return np.fromiter((table.setdefault(k, len(table) - 1) for k in keys), np.int64, len(keys))

    def part(self, part: KeyPart) -> tuple[np.ndarray, np.ndarray]:
        if part not in self._parts:
            table: dict[str, int] = {"": -1}
            left = self._encode(_transformed(part, self.left), table)
            right = left if self.dedupe else self._encode(_transformed(part, self.right), table)
            self._parts[part] = (left, right)
        return self._parts[part]

    def rule(self, rule: BlockingRule) -> tuple[np.ndarray, np.ndarray]:
        """Codes of the conjunction: parts combined arithmetically, then renumbered densely."""
        left, right = self.part(rule.parts[0])
        for part in rule.parts[1:]:
            other_left, other_right = self.part(part)
            width = max(int(other_left.max(initial=0)), int(other_right.max(initial=0))) + 1
            left = np.where((left < 0) | (other_left < 0), -1, left * width + other_left)
            right = np.where((right < 0) | (other_right < 0), -1, right * width + other_right)
            both = np.concatenate([left, right])
            valid = both >= 0
            dense = np.full(len(both), -1, dtype=np.int64)
            dense[valid] = np.unique(both[valid], return_inverse=True)[1]
            left, right = dense[:len(left)], dense[len(left):]
        return left, right


def block_pairs(left_codes: np.ndarray, right_codes: np.ndarray, *, dedupe: bool,
                max_block_pairs: int) -> tuple[np.ndarray, np.ndarray, int]:
    """All (left index, right index) pairs sharing a code, skipping oversized blocks; and how many were skipped.

    In dedupe mode both sides are one table and only pairs i < j are returned.
    """
    order = np.argsort(right_codes, kind="stable")
    sorted_codes = right_codes[order]
    start = np.searchsorted(sorted_codes, left_codes, side="left")
    end = np.searchsorted(sorted_codes, left_codes, side="right")
    counts = np.where(left_codes >= 0, end - start, 0)
    # Block sizes: left count per code times right count per code.
    n_codes = int(max(left_codes.max(initial=0), right_codes.max(initial=0))) + 1
    left_sizes = np.bincount(left_codes[left_codes >= 0], minlength=n_codes)
    right_sizes = np.bincount(right_codes[right_codes >= 0], minlength=n_codes)
    oversized = left_sizes * right_sizes > max_block_pairs * (2 if dedupe else 1)
    skipped = int(oversized.sum())
    counts = np.where((left_codes >= 0) & ~oversized[np.maximum(left_codes, 0)], counts, 0)
    total = int(counts.sum())
    left_idx = np.repeat(np.arange(len(left_codes), dtype=np.int64), counts)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    right_idx = order[np.repeat(start, counts) + offsets]
    if dedupe:
        keep = left_idx < right_idx
        left_idx, right_idx = left_idx[keep], right_idx[keep]
    return left_idx, right_idx, skipped


def candidate_pairs(rules: Sequence[BlockingRule], left: Mapping[str, Sequence[str]], n_left: int,
                    right: Mapping[str, Sequence[str]] | None, n_right: int, *,
                    limits: BlockingLimits = BlockingLimits()) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """The union of every rule's pairs, sorted by (left, right) index: deterministic whatever the rule order.

    ``right=None`` means dedupe within ``left``.
    """
    dedupe = right is None
    right_fields = left if dedupe else right
    n_right = n_left if dedupe else n_right
    stats = BlockingStats()
    budget = limits.pairs_per_record * max(n_left + (0 if dedupe else n_right), 1)
    width = np.int64(n_right)
    encoded: list[np.ndarray] = []
    codes = _KeyCodes(left, right_fields, dedupe=dedupe)
    for rule in rules:
        needed = {name for part in rule.parts for name in part.fields}
        if not needed <= set(left) or not needed <= set(right_fields):
            continue
        left_codes, right_codes = codes.rule(rule)
        li, ri, skipped = block_pairs(left_codes, right_codes, dedupe=dedupe, max_block_pairs=limits.max_block_pairs)
        if skipped:
            stats.skipped_blocks[rule.name] = skipped
        if len(li) > budget:
            log.warning("blocking rule %s skipped: %d pairs exceed the budget of %d", rule.name, len(li), budget)
            stats.skipped_rules.append(rule.name)
            continue
        stats.pairs_by_rule[rule.name] = len(li)
        encoded.append(li * width + ri)
    keys = np.unique(np.concatenate(encoded)) if encoded else np.zeros(0, dtype=np.int64)
    stats.candidates = len(keys)
    log.info("blocking: %d candidate pairs %s", len(keys), stats.pairs_by_rule)
    return keys // width, keys % width, stats
