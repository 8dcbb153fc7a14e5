"""Train the fake-name model: Faker's real names of every locale against generated keyboard mash.

Reproducible: ``.venv/bin/python -m validation.train_names`` rewrites ``validation/data/name_model.json.gz``
byte for byte from the pinned Faker (a test extra) and fixed seeds. ``bench/bench_validate.py`` uses
``folds`` to measure the detector on languages and mash families the fitted model never saw.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import logging
import pkgutil
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from validation.keyboard import LAYOUTS
from validation.namemodel import FEATURES, MIN_LETTERS, CharModel, NameModel, features, fold, split_tokens

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "data" / "name_model.json.gz"
SEED = 20240517
MASH_PER_FAMILY = 6000
TARGET_FALSE_ALARMS = 0.008
"""The threshold is set so at most this share of names from languages left out of the character models
is called mash (see ``fit``)."""


def real_names_by_language() -> dict[str, set[str]]:
    """Every first and last name token Faker ships, folded to a-z, grouped by language (``de`` for
    ``de_DE``, ``de_AT``, ``de_CH``...): the unit a held-out split keeps apart."""
    import faker.providers.person as person

    out: dict[str, set[str]] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"{person.__name__}.{module}").Provider
        tokens = out.setdefault(module.split("_")[0], set())
        for attribute in dir(provider):
            value = getattr(provider, attribute)
            if "name" not in attribute or "prefix" in attribute or "suffix" in attribute or callable(value) \
                    or not isinstance(value, (list, tuple, dict, set, frozenset)):
                continue
            for entry in value:
                if not isinstance(entry, str):
                    continue
                for token in split_tokens(entry):
                    word = fold(token)
                    if word and len(word) >= MIN_LETTERS:
                        tokens.add(word)
    return {language: tokens for language, tokens in out.items() if tokens}


# Keyboard mash generators, one per family: how people hammer a form field they do not want to fill.
def _walk(layout: str) -> Callable[[random.Random, int], str]:
    rows = LAYOUTS[layout]

    def generate(rng: random.Random, length: int) -> str:
        row, col = rng.randrange(3), 0
        col = rng.randrange(len(rows[row]))
        out = []
        for _ in range(length):
            out.append(rows[row][min(col, len(rows[row]) - 1)])
            move = rng.random()
            if move < 0.6:
                col = max(0, min(len(rows[row]) - 1, col + rng.choice((-1, 1))))
            elif move < 0.85:
                row = max(0, min(2, row + rng.choice((-1, 1))))
            # else: the same key again
        return "".join(out)
    return generate


def _roll(rng: random.Random, length: int) -> str:
    keys = rng.choice([row for layout in LAYOUTS.values() for row in layout])
    start, step = rng.randrange(len(keys)), rng.choice((-1, 1))
    out, i = [], start
    while len(out) < length:
        out.append(keys[i])
        i += step
        if not 0 <= i < len(keys):
            i = start if rng.random() < 0.5 else i - step
            step = step if i == start else -step
    return "".join(out)


def _hammer(rng: random.Random, length: int) -> str:
    # Both hands on the home row, fingers drumming; the upper and lower row now and then.
    home, other = "asdfghjkl", "qwertyuiopzxcvbnm"
    return "".join(rng.choice(home) if rng.random() < 0.8 else rng.choice(other) for _ in range(length))


def _two_hands(rng: random.Random, length: int) -> str:
    # Left and right hand in turn, each mostly on its home-row keys.
    hands = (("asdfg", "qwertzxcvb"), ("hjkl", "yuiopnm"))
    return "".join(rng.choice(hands[i % 2][0] if rng.random() < 0.7 else hands[i % 2][1]) for i in range(length))


def _chunks(rng: random.Random, length: int) -> str:
    # A two- or three-key chunk typed at least twice ("sdfsdf", "jkjkjk").
    size = rng.randint(2, 3)
    chunk = "".join(rng.choice("asdfghjklqwertyuiopzxcvbnm") for _ in range(size))
    return (chunk * length)[:max(length, 2 * size)]


def _uniform(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(length))


MASH_FAMILIES: dict[str, Callable[[random.Random, int], str]] = {
    "qwerty_walk": _walk("qwerty"), "qwertz_walk": _walk("qwertz"), "azerty_walk": _walk("azerty"),
    "row_roll": _roll, "home_hammer": _hammer, "two_hands": _two_hands, "chunk_repeat": _chunks,
    "uniform_random": _uniform,
}


def mash(family: str, count: int, *, seed: int = SEED) -> list[str]:
    """``count`` mash tokens of 4..10 letters from one generator family, reproducibly."""
    rng = random.Random(f"{seed}:{family}")
    return [MASH_FAMILIES[family](rng, rng.randint(MIN_LETTERS, 10)) for _ in range(count)]


@dataclass(frozen=True, slots=True)
class Fold:
    """One held-out split: languages and mash families the model trained on, and the ones it did not see."""

    train_languages: tuple[str, ...]
    test_languages: tuple[str, ...]
    train_families: tuple[str, ...]
    test_families: tuple[str, ...]


def folds(languages: Iterable[str], k: int = 10) -> list[Fold]:
    """``k`` splits by language and by mash family (never by row): each language is held out exactly
    once, each mash family at least once (fold ``i`` holds out family ``i mod 8``)."""
    langs, families = sorted(languages), sorted(MASH_FAMILIES)
    rng = random.Random(SEED)
    rng.shuffle(langs)
    rng.shuffle(families)
    out = []
    for i in range(k):
        test_l, test_f = langs[i::k], [families[i % len(families)]]
        out.append(Fold(tuple(sorted(set(langs) - set(test_l))), tuple(sorted(test_l)),
                        tuple(sorted(set(families) - set(test_f))), tuple(sorted(test_f))))
    return out


def fit(real_by_language: Mapping[str, Iterable[str]], mash_by_family: Mapping[str, Iterable[str]], *,
        meta: dict | None = None) -> NameModel:
    """Fit both character models and the logistic layer; set the threshold for few false alarms.

    Languages and mash families are dealt into two halves (seeded). The character models are fitted on
    half A and the logistic layer on the words of half B, so the layer learns how far to trust the
    likelihood ratio on a language or a kind of mash the character models never saw, and the
    threshold is read there too: it is calibrated for names from languages outside the training data.
    The shipped character models are then refitted on everything.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    real = {language: sorted(set(words)) for language, words in sorted(real_by_language.items())}
    every_real = sorted({w for words in real.values() for w in words})
    known = set(every_real)
    fake = {family: sorted(set(words) - known) for family, words in sorted(mash_by_family.items())}
    real_a, real_b = _halves(real)
    mash_a, mash_b = _halves(fake)
    half_real, half_mash = CharModel.fit(real_a), CharModel.fit(mash_a)
    x = np.array([features(w, half_real, half_mash) for w in real_b + mash_b])
    y = np.array([0] * len(real_b) + [1] * len(mash_b))
    means, scales = x.mean(axis=0), x.std(axis=0) + 1e-9
    layer = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit((x - means) / scales, y)
    scored = sorted(layer.predict_proba((x[:len(real_b)] - means) / scales)[:, 1])
    cut = scored[min(len(scored) - 1, int(len(scored) * (1 - TARGET_FALSE_ALARMS)))]
    return NameModel(real=CharModel.fit(every_real), mash=CharModel.fit(w for ws in fake.values() for w in ws),
                     means=tuple(round(float(v), 6) for v in means), scales=tuple(round(float(v), 6) for v in scales),
                     weights=tuple(round(float(v), 6) for v in layer.coef_[0]),
                     bias=round(float(layer.intercept_[0]), 6), threshold=round(max(0.5, float(cut)), 6),
                     meta=meta or {}, known=frozenset(every_real))


def _halves(groups: Mapping[str, list[str]]) -> tuple[list[str], list[str]]:
    """The words of every other group (in a seeded shuffle of the groups) and the words of the rest."""
    order = sorted(groups)
    random.Random(SEED).shuffle(order)
    a = sorted({w for name in order[::2] for w in groups[name]})
    b = sorted({w for name in order[1::2] for w in groups[name]} - set(a))
    return a, b


def train(languages: Iterable[str] | None = None, families: Iterable[str] | None = None) -> NameModel:
    """The model fitted on the given languages and mash families (all of them by default)."""
    names = real_names_by_language()
    languages = sorted(languages or names)
    families = sorted(families or MASH_FAMILIES)
    real = {language: names[language] for language in languages}
    fake = {family: mash(family, MASH_PER_FAMILY) for family in families}
    import faker

    meta = {"faker": faker.VERSION, "languages": languages, "mash_families": families, "seed": SEED,
            "real_tokens": len({w for ws in real.values() for w in ws}),
            "mash_tokens": len({w for ws in fake.values() for w in ws}), "features": list(FEATURES)}
    return fit(real, fake, meta=meta)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model JSON")
    args = parser.parse_args(argv)
    model = train()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n"
    # mtime=0: the same inputs give the same bytes.
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB): {model.meta['real_tokens']} real and "
          f"{model.meta['mash_tokens']} mash tokens, threshold {model.threshold}")


if __name__ == "__main__":
    main()
