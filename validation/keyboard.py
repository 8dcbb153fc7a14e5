"""Keyboard geometry: which keys sit next to each other on common layouts, and how "walked" a word is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Letter rows of the three layouts that cover most Latin-script typists (ISO 9995 physical rows,
# letters only). The row offsets are the stagger of a physical keyboard in key widths.
LAYOUTS: dict[str, tuple[str, str, str]] = {
    "qwerty": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "qwertz": ("qwertzuiop", "asdfghjkl", "yxcvbnm"),
    "azerty": ("azertyuiop", "qsdfghjklm", "wxcvbn"),
}
_ROW_OFFSETS = (0.0, 0.25, 0.75)


@dataclass(frozen=True, slots=True)
class Walk:
    """How much of a word could have been typed by sliding across one keyboard."""

    adjacent_share: float
    """Share of consecutive letter pairs that are the same key or neighbouring keys (best layout)."""
    longest_row_run: int
    """Longest stretch of letters that follow one row in order, forwards or backwards ("asdf", "poiu")."""


@cache
def _positions(layout: str) -> dict[str, tuple[float, int]]:
    return {key: (column + _ROW_OFFSETS[row], row)
            for row, keys in enumerate(LAYOUTS[layout]) for column, key in enumerate(keys)}


@cache
def _neighbours(layout: str) -> frozenset[tuple[str, str]]:
    """Key pairs at most one key apart: same row +-1 column, or the row above/below within 1.1 widths."""
    positions = _positions(layout)
    pairs = set()
    for a, (xa, ra) in positions.items():
        for b, (xb, rb) in positions.items():
            if a == b or (ra == rb and abs(xa - xb) <= 1.01) or (abs(ra - rb) == 1 and abs(xa - xb) <= 1.1):
                pairs.add((a, b))
    return frozenset(pairs)


@cache
def _row_steps(layout: str) -> frozenset[tuple[str, str]]:
    steps = set()
    for keys in LAYOUTS[layout]:
        for a, b in zip(keys, keys[1:]):
            steps.update({(a, b), (b, a)})
    return frozenset(steps)


def walk(word: str) -> Walk:
    """``word`` (lowercase a-z) measured on each layout; the layout that explains it best wins."""
    pairs = list(zip(word, word[1:]))
    if not pairs:
        return Walk(adjacent_share=0.0, longest_row_run=len(word))
    best_share, best_run = 0.0, 1
    for layout in LAYOUTS:
        neighbours, steps = _neighbours(layout), _row_steps(layout)
        share = sum(pair in neighbours for pair in pairs) / len(pairs)
        run, longest, direction = 1, 1, 0
        for a, b in pairs:
            step = (a, b) in steps
            # A run keeps one direction along the row: "asdf" is a run, "asas" is not.
            this = _direction(layout, a, b) if step else 0
            run = run + 1 if step and (direction == 0 or this == direction) else (2 if step else 1)
            direction = this if step else 0
            longest = max(longest, run)
        best_share, best_run = max(best_share, share), max(best_run, longest)
    return Walk(adjacent_share=best_share, longest_row_run=best_run)


def _direction(layout: str, a: str, b: str) -> int:
    positions = _positions(layout)
    return 1 if positions[b][0] > positions[a][0] else -1
