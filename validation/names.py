"""Does a personal name look real, or like a placeholder, a keyboard mash or a shout?"""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDERS = frozenset({"john doe", "jane doe", "max mustermann", "erika mustermann", "test test", "test user",
                          "foo bar", "lorem ipsum", "firstname lastname", "first last", "your name", "name surname",
                          "jean dupont", "mario rossi", "joe bloggs", "fred bloggs", "john smith test"})
_KEYBOARD_RUNS = ("qwert", "werty", "asdf", "sdfg", "zxcv", "xcvb", "yxcv", "qwertz", "hjkl", "uiop", "1234")
_REPEAT = re.compile(r"(.)\1\1")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")


def name_problems(full: str) -> tuple[str, ...]:
    """Short codes for what is wrong with a name; empty when it looks like a real person's name.

    ``name_single_part`` (one word), ``name_placeholder`` (John Doe, Max Mustermann),
    ``name_all_caps``, ``name_gibberish`` (keyboard runs, tripled letters, a Latin word without vowels).
    """
    words = full.split()
    problems: list[str] = []
    if len(words) < 2:
        problems.append("name_single_part")
    if " ".join(words).casefold() in PLACEHOLDERS:
        problems.append("name_placeholder")
    if any(len(word) > 3 and word.isupper() for word in words):
        problems.append("name_all_caps")
    if any(_gibberish(word) for word in words):
        problems.append("name_gibberish")
    return tuple(problems)


def _gibberish(word: str) -> bool:
    folded = word.casefold()
    if any(run in folded for run in _KEYBOARD_RUNS) or _REPEAT.search(folded):
        return True
    letters = [c for c in folded if c.isalpha()]
    latin = all("LATIN" in unicodedata.name(c, "") for c in letters)
    return latin and len(letters) >= 4 and not _VOWELS.intersection(letters)
