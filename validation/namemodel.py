"""The fake-name model: two character trigram models (real names, keyboard mash) and a logistic layer.

A token is folded to ASCII letters (anyascii transliterates accents and alphabetic scripts: "Łukasz" ->
"lukasz", "Александр" -> "aleksandr") and scored by both class models: the per-letter log-likelihood
ratio, the real-name model's own surprise and the keyboard/shape measures of ``features`` go through a
logistic regression fitted by ``validation/train_names.py``. The model is a small JSON file shipped in
``validation/data`` (gzipped JSON) and read once (tens of milliseconds); scoring is pure Python dictionary look-ups.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from anyascii import anyascii

from validation.keyboard import walk

MODEL_RESOURCE = "name_model.json.gz"
MIN_LETTERS = 4
"""Shorter tokens ("Li", "Wu", "Ng", "Xu", "Oh") carry too little evidence: the model abstains."""
VOWELS = frozenset("aeiouy")
_BOUND_START, _BOUND_END = "^", "$"
_ALPHABET_SIZE = 27  # a-z and the end mark
# Interpolation weights of the trigram, bigram and unigram estimates, and the uniform floor.
_LAMBDAS = (0.6, 0.3, 0.09, 0.01)
# Scripts whose transliteration keeps the vowels; abjads (Arabic, Hebrew) drop them and logographic or
# syllabic scripts (CJK, Hangul, Indic, Thai) transliterate into syllables no mash resembles: the model
# abstains there rather than judge a spelling it was not trained on.
_ALPHABETIC_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN")
FEATURES = ("llr", "real_surprise", "adjacent_share", "row_run_share", "vowel_share", "consonant_run",
            "distinct_share", "length")


def fold(token: str) -> str | None:
    """``token`` as lowercase a-z, or None when it is written in a script the model does not judge."""
    letters = [ch for ch in unicodedata.normalize("NFC", token) if ch.isalpha()]
    if not letters or not all(unicodedata.name(ch, "").startswith(_ALPHABETIC_SCRIPTS) for ch in letters):
        return None
    return re.sub(r"[^a-z]", "", anyascii("".join(letters)).lower()) or None


def split_tokens(name: str) -> list[str]:
    """Name tokens: split on spaces, hyphens, apostrophes and dots ("O'Connor-Smith" -> O, Connor, Smith)."""
    return [t for t in re.split(r"[\s\-‐‑'’`´.,]+", name) if t]


@dataclass(frozen=True, slots=True)
class CharModel:
    """Interpolated character trigram model over a-z with start/end marks; counts as fitted."""

    trigrams: dict[str, int]
    bigrams: dict[str, int]
    unigrams: dict[str, int]
    contexts2: dict[str, int]
    contexts1: dict[str, int]
    total: int

    @classmethod
    def fit(cls, words: Iterable[str]) -> CharModel:
        tri, bi, uni, ctx2, ctx1 = Counter(), Counter(), Counter(), Counter(), Counter()
        for word in words:
            padded = _BOUND_START * 2 + word + _BOUND_END
            for i in range(2, len(padded)):
                a, b, c = padded[i - 2], padded[i - 1], padded[i]
                tri[a + b + c] += 1
                ctx2[a + b] += 1
                bi[b + c] += 1
                ctx1[b] += 1
                uni[c] += 1
        return cls(dict(tri), dict(bi), dict(uni), dict(ctx2), dict(ctx1), sum(uni.values()))

    def log_probs(self, word: str) -> list[float]:
        """Natural-log probability of each letter (and the end mark) given the two before it."""
        padded = _BOUND_START * 2 + word + _BOUND_END
        l3, l2, l1, l0 = _LAMBDAS
        out = []
        for i in range(2, len(padded)):
            a, b, c = padded[i - 2], padded[i - 1], padded[i]
            p = l0 / _ALPHABET_SIZE + l1 * self.unigrams.get(c, 0) / self.total
            n1 = self.contexts1.get(b)
            if n1:
                p += l2 * self.bigrams.get(b + c, 0) / n1
            n2 = self.contexts2.get(a + b)
            if n2:
                p += l3 * self.trigrams.get(a + b + c, 0) / n2
            out.append(math.log(p))
        return out

    def to_json(self) -> dict:
        return {"trigrams": self.trigrams, "bigrams": self.bigrams, "unigrams": self.unigrams,
                "contexts2": self.contexts2, "contexts1": self.contexts1, "total": self.total}


def features(word: str, real: CharModel, mash: CharModel) -> list[float]:
    """The measures the logistic layer weighs, in ``FEATURES`` order, for a folded token."""
    real_lp, mash_lp = real.log_probs(word), mash.log_probs(word)
    n = len(real_lp)
    shape = walk(word)
    return [
        (sum(real_lp) - sum(mash_lp)) / n,
        -min(real_lp),
        shape.adjacent_share,
        shape.longest_row_run / len(word),
        sum(ch in VOWELS for ch in word) / len(word),
        float(max((len(run) for run in re.findall(r"[^aeiouy]+", word)), default=0)),
        len(set(word)) / len(word),
        math.log(len(word)),
    ]


@dataclass(frozen=True, slots=True, eq=False)
class NameModel:
    """The fitted model: both character models, the logistic weights and the decision threshold."""

    real: CharModel
    mash: CharModel
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    """Fake probability above which a token is called mash (chosen at training for few false alarms)."""
    meta: dict
    known: frozenset[str] = frozenset()
    """Folded name tokens seen in training: known real names, never called mash by the model."""

    def fake_probability(self, token: str) -> float | None:
        """0..1 that ``token`` is keyboard mash; None when the model abstains (too short, other script)."""
        word = fold(token)
        if word is None or len(word) < MIN_LETTERS:
            return None
        return self.probability_of_folded(word)

    def probability_of_folded(self, word: str) -> float:
        if word in self.known:
            return 0.0
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, features(word, self.real, self.mash),
                                                                    self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> dict:
        return {"real": self.real.to_json(), "mash": self.mash.to_json(), "features": FEATURES,
                "means": self.means, "scales": self.scales, "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold, "meta": self.meta, "known": " ".join(sorted(self.known))}

    @classmethod
    def from_json(cls, data: dict) -> NameModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("name model features differ from this code's; re-run validation/train_names.py")
        return cls(real=CharModel(**data["real"]), mash=CharModel(**data["mash"]), means=tuple(data["means"]),
                   scales=tuple(data["scales"]), weights=tuple(data["weights"]), bias=data["bias"],
                   threshold=data["threshold"], meta=data["meta"], known=frozenset(data["known"].split()))


@cache
def shipped_model() -> NameModel:
    """The model shipped in ``validation/data/name_model.json.gz`` (read once per process)."""
    raw = resources.files("validation").joinpath("data", MODEL_RESOURCE).read_bytes()
    return NameModel.from_json(json.loads(gzip.decompress(raw)))
