"""Does a personal name look real, or like a placeholder, a keyboard mash or a shout?

Two layers judge each token; the name is fake when a rule fires on any token, or when the model is
very sure of one token, or sure of one and doubtful of every other (see ``_judge_tokens``):

1. Rules that no real name in any of Faker's ~50 languages breaks (checked by the tests and
   ``bench/bench_validate.py``): test words (asdf, qwerty, test, none...), digits, a letter typed three
   times, five keys in a keyboard row in order, a short chunk typed three times (or a vowel-less one
   twice), no vowel in four or more letters, seven consonants in a row.
2. The character n-gram model of ``validation.namemodel`` for what the rules leave: hammered home-row
   keys and other mash that reads as no language's name. It abstains on tokens under four letters
   (Li, Wu, Ng, Xu, Oh) and on scripts whose transliteration drops the vowels (Arabic, Hebrew) or turns
   into syllables (CJK, Hangul, Indic, Thai).

Rule data (placeholders, test words) lives in ``validation/data/name_rules.json``. Measured on
languages and mash families held out of training (``bench/bench_validate.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from validation.keyboard import walk
from validation.namemodel import MIN_LETTERS, VOWELS, NameModel, fold, shipped_model, split_tokens

STRONG = 0.95
"""Model probability that makes a name fake on one token's evidence alone."""
CORROBORATING = 0.3
"""Probability every other judged token must pass for a token past the threshold to make the name fake."""
_MODEL_WHY = "reads as keyboard mash"
ROW_RUN_LIMIT = 5
CONSONANT_RUN_LIMIT = 7
_REPEAT = re.compile(r"(.)\1\1")
_DIGIT = re.compile(r"\d")
_SYLLABIC = re.compile(r"[^aeiouyrl]{1,2}[rl][^aeiouyrl]{1,2}")


@dataclass(frozen=True, slots=True)
class NameRules:
    """The rule data: whole-name placeholders, keyboard words and test words (all case-folded)."""

    placeholders: frozenset[str]
    keyboard_words: frozenset[str]
    test_words: frozenset[str]


@cache
def rules() -> NameRules:
    data = json.loads(resources.files("validation").joinpath("data", "name_rules.json").read_text(encoding="utf-8"))
    return NameRules(placeholders=frozenset(data["placeholders"]), keyboard_words=frozenset(data["keyboard_words"]),
                     test_words=frozenset(data["test_words"]))


@dataclass(frozen=True, slots=True)
class NameCheck:
    """What the name checks found."""

    problems: tuple[str, ...]
    """Short codes, as ``name_problems`` returns them."""
    fake: bool
    """A placeholder, test word, digits or gibberish: not a real person's name."""
    fake_probability: float
    """0..1: the surest of the token verdicts (rules count as 1.0; 0.0 when nothing was judged)."""
    evidence: str = ""
    """Why, in words, for the surest problem found (e.g. ``"keyboard word 'asdf'"``, ``"no vowels"``)."""


def check_name(full: str | None, *, model: NameModel | None = None) -> NameCheck:
    """Every name check at once; an empty or missing name is ``name_missing``.

    ``model`` replaces the shipped model (the benchmark passes models trained without held-out data).
    """
    words = (full or "").split()
    if not words:
        return NameCheck(problems=("name_missing",), fake=False, fake_probability=0.0, evidence="no name given")
    problems: list[str] = []
    evidence = ""
    folded = " ".join(words).casefold()
    if len(words) < 2:
        problems.append("name_single_part")
    if folded in rules().placeholders or folded.strip(".-_ ") in rules().placeholders:
        problems.append("name_placeholder")
        evidence = "a placeholder name"
    if _DIGIT.search(full or ""):
        problems.append("name_has_digits")
        evidence = evidence or "digits in a name"
    if any(len(word) > 3 and word.isupper() for word in words):
        problems.append("name_all_caps")
    probability, why = _judge_tokens(split_tokens(" ".join(words)), model or shipped_model())
    if why.startswith("test word") and "name_placeholder" not in problems:
        problems.append("name_placeholder")
    elif why and not why.startswith("test word"):
        problems.append("name_gibberish")
    evidence = evidence or why
    fake = bool({"name_placeholder", "name_has_digits", "name_gibberish"} & set(problems))
    return NameCheck(problems=tuple(problems), fake=fake, fake_probability=1.0 if fake and probability < 0.5
                     else probability, evidence=evidence)


def name_problems(full: str) -> tuple[str, ...]:
    """Short codes for what is wrong with a name; empty when it looks like a real person's name.

    ``name_single_part`` (one word), ``name_placeholder`` (John Doe, Max Mustermann, test words),
    ``name_has_digits``, ``name_all_caps``, ``name_gibberish`` (keyboard runs and mash, tripled
    letters, no vowels; see the module docstring).
    """
    return check_name(full).problems


def fake_probability(token: str) -> float:
    """0..1 that one name token is made up (rules give 1.0; the model's probability otherwise)."""
    return _judge_token(token, shipped_model())[0]


def _judge_tokens(tokens: list[str], model: NameModel) -> tuple[float, str]:
    """The name's verdict from its tokens': any rule hit decides; the model's needs to be sure.

    A token the model alone calls mash makes the name fake when the model is very sure of it
    (``STRONG``), or when it is past the model's threshold and every other judged token of the
    name reads oddly too (``CORROBORATING``): mash is typed into both fields far more often than a
    real name has two rare parts, which is where the model's false alarms come from.
    """
    judged: list[tuple[float, str]] = []
    for token in tokens:
        probability, why, by_model = _judge_token(token, model)
        if why and not by_model:
            return 1.0, why
        if by_model:
            judged.append((probability, token))
    if not judged:
        return 0.0, ""
    top, _token = max(judged)
    others = sorted(p for p, _ in judged)[:-1]
    strong = top > max(model.threshold, STRONG)
    corroborated = bool(others) and top > model.threshold and min(others) > CORROBORATING
    if strong or corroborated:
        return top, f"{_MODEL_WHY} (model {top:.2f})"
    return min(top, 0.49), ""


@lru_cache(maxsize=200_000)
def _judge_token(token: str, model: NameModel) -> tuple[float, str, bool]:
    """``(fake probability, why, judged by the model)``; why is empty when the token passes."""
    lowered = token.casefold()
    if lowered in rules().keyboard_words:
        return 1.0, f"keyboard word '{lowered}'", False
    if lowered in rules().test_words or lowered.rstrip("0123456789") in rules().test_words:
        return 1.0, f"test word '{lowered}'", False
    word = fold(token)
    if word is None:
        return 0.0, "", False
    rule = _rule(word)
    if rule:
        return 1.0, rule, False
    if len(word) < MIN_LETTERS or _SYLLABIC.fullmatch(word):
        # Too short to judge, or a syllabic-consonant word the model (trained on vowels) cannot read.
        return 0.0, "", False
    probability = model.probability_of_folded(word)
    return probability, f"{_MODEL_WHY} (model {probability:.2f})" if probability > model.threshold else "", True


def _rule(word: str) -> str:
    if _REPEAT.search(word):
        return "a letter typed three times"
    if len(word) >= ROW_RUN_LIMIT and walk(word).longest_row_run >= ROW_RUN_LIMIT:
        return f"{ROW_RUN_LIMIT} keys of a keyboard row in order"
    for size in (1, 2, 3):
        chunk = word[:size]
        if (chunk * len(word)).startswith(word) and (
                len(word) >= 3 * size or (len(word) >= 2 * size and not VOWELS.intersection(chunk))):
            return "the same keys typed again and again"
    # Czech, Slovak and Croatian r and l can carry a syllable ("Smrž", "Vlk"): those are not vowel-less.
    if len(word) >= MIN_LETTERS and not VOWELS.intersection(word) and not _SYLLABIC.fullmatch(word):
        return "no vowels"
    if any(len(run) >= CONSONANT_RUN_LIMIT for run in re.findall(r"[^aeiouy]+", word)):
        return f"{CONSONANT_RUN_LIMIT} consonants in a row"
    return ""
