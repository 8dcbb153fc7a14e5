"""Name comparisons at named levels: first/last names with nicknames and swaps, whole names, email vs name.

Nicknames come from the ``nicknames`` package (carltonnorthern/nicknames, a
hand-curated table of English given names); two names are nicknames of each
other when their groups (the name plus the canonical names it abbreviates)
meet: "jon"/"jonathan", "bob"/"robert", "jon"/"johnny".
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from enrichment.compare import NULL, Comparison, Pairs, scores
from ner.names import name_group, nicknamer


def _initial(value: str) -> str:
    return value[:1]


def _surname(value: str) -> str:
    tokens = value.split()
    return tokens[-1] if len(tokens) >= 2 else ""


def _given(value: str) -> str:
    tokens = value.split()
    return tokens[0] if len(tokens) >= 2 else ""


def _given_group(value: str) -> frozenset[str]:
    return name_group(_given(value))


def _given_initial(value: str) -> str:
    return _given(value)[:1]


def _given_is_initial(value: str) -> bool:
    return len(_given(value)) == 1


def _groups_meet(group_a: np.ndarray, group_b: np.ndarray, where: np.ndarray) -> np.ndarray:
    """Nickname test only where it can change the level (other levels already decided the rest)."""
    out = np.zeros(len(group_a), dtype=bool)
    for i in np.flatnonzero(where):
        out[i] = not group_a[i].isdisjoint(group_b[i])
    return out


class NameComparison(Comparison):
    """First or last names. Levels: exact; Jaro-Winkler >= 0.92; nickname; swapped with the other name field
    (Jaro-Winkler >= 0.9 both ways);
    Jaro-Winkler >= 0.8; initial matches; else.

    ``swap_left``/``swap_right`` name the other name field (last name for a first
    name): "Smith John" against "John Smith" then scores as swapped, not as else.
    """

    levels = ("exact", "Jaro-Winkler >= 0.92", "nickname", "swapped with the other name field (JW >= 0.9)",
              "Jaro-Winkler >= 0.8", "initial matches", "else")

    def __init__(self, label: str, left: str | None = None, right: str | None = None, *,
                 swap_left: str | None = None, swap_right: str | None = None) -> None:
        super().__init__(label, left, right)
        self.swap_left, self.swap_right = swap_left, swap_right

    @property
    def fields(self):
        extra_left = (self.swap_left,) if self.swap_left else ()
        extra_right = (self.swap_right,) if self.swap_right else ()
        return (self.left, *extra_left), (self.right, *extra_right)

    def _conditions(self, a, b, pairs):
        similarity = scores(JaroWinkler.normalized_similarity, a, b)
        group_a, group_b = self._feature(pairs, name_group)
        nickname = _groups_meet(group_a, group_b, (a != b) & (similarity < 0.92))
        swapped = np.zeros(len(a), dtype=bool)
        if self.swap_left and self.swap_right:
            # this field of the left is (nearly) the other field of the right, and the other way round
            other_a, other_b = pairs.get("left", self.swap_left), pairs.get("right", self.swap_right)
            swapped = ((scores(JaroWinkler.normalized_similarity, a, other_b) >= 0.9)
                       & (scores(JaroWinkler.normalized_similarity, other_a, b) >= 0.9) & (other_a != ""))
        initial_a, initial_b = self._feature(pairs, _initial)
        lone = (self._feature(pairs, len)[0] == 1) | (self._feature(pairs, len)[1] == 1)
        return [a == b, similarity >= 0.92, nickname, swapped, similarity >= 0.8, lone & (initial_a == initial_b)]


class FullNameComparison(Comparison):
    """Whole names. Levels: exact; token sort >= 0.9 (reordered or a typo); nickname with the same surname;
    initials and surname match; token sort >= 0.7; else."""

    levels = ("exact", "token sort >= 0.9", "nickname, same surname", "initials and surname match",
              "token sort >= 0.7", "else")

    def _conditions(self, a, b, pairs):
        similarity = scores(fuzz.token_sort_ratio, a, b)
        surname_a, surname_b = self._feature(pairs, _surname)
        same_surname = (surname_a == surname_b) & (surname_a != "")
        group_a, group_b = self._feature(pairs, _given_group)
        nickname = _groups_meet(group_a, group_b, same_surname & (similarity < 90))
        initial_a, initial_b = self._feature(pairs, _given_initial)
        lone_a, lone_b = self._feature(pairs, _given_is_initial)
        initials = same_surname & (initial_a == initial_b) & (lone_a | lone_b).astype(bool)
        return [a == b, similarity >= 90, nickname, initials, similarity >= 70]


def email_fits_name(local: str, given: str, family: str) -> int:
    """2 when an email's local part spells the name (``jon.smith``), 1 when it fits initials (``jsmith``), else 0."""
    if not local or not family:
        return 0
    local = local.replace("-", ".").replace("_", ".")
    flat = local.replace(".", "")
    family = family.replace(" ", "")
    firsts = {given.replace(" ", "")} | (set(nicknamer().nicknames_of(given)) if given else set())
    firsts |= set().union(*(nicknamer().canonicals_of(f) for f in list(firsts))) if given else set()
    firsts.discard("")
    if any(flat in (f + family, family + f) for f in firsts):
        return 2
    initial = given[:1]
    if initial and flat in (initial + family, family + initial):
        return 1
    return 0


class EmailNameComparison(Comparison):
    """An email against the other record's name. Levels: email spells the name; email fits the initials; else.

    Reads ``email``, ``first_name`` and ``last_name`` on both sides and takes the
    better direction, so "jsmith@acme.com" on one record supports "Jon Smith" on
    the other. Missing when both records have an email (no double counting).
    """

    levels = ("email spells the name", "email fits initials and surname", "else")

    def __init__(self, label: str = "email_vs_name", *, email: str = "email", first: str = "first_name",
                 last: str = "last_name") -> None:
        super().__init__(label, email)
        self.email, self.first, self.last = email, first, last

    @property
    def fields(self):
        both = (self.email, self.first, self.last)
        return both, both

    def compare(self, pairs: Pairs) -> np.ndarray:
        out = np.full(len(pairs), NULL, dtype=np.int8)
        left = [pairs.get("left", name) for name in (self.email, self.first, self.last)]
        right = [pairs.get("right", name) for name in (self.email, self.first, self.last)]
        for i in range(len(out)):
            if left[0][i] and right[0][i]:
                continue  # both have an email: EmailComparison already weighs that evidence
            best = -1
            for mail, given, family in ((left[0][i], right[1][i], right[2][i]), (right[0][i], left[1][i], left[2][i])):
                if mail and family:
                    best = max(best, email_fits_name(mail.rpartition("@")[0], given, family))
            out[i] = NULL if best < 0 else 2 - best
        return out
