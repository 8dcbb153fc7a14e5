"""The ner stage: pages in, contact candidates and checked contacts out (DOM + spaCy + rules)."""

from __future__ import annotations

from typing import Any

__all__ = [
    "EXTRACTOR",
    "ModelNotFoundError",
    "contacts_from_candidates",
    "extract_candidates",
    "extract_page",
    "extract_pages",
    "load_nlp",
    "normalize_title",
]

_HOMES = {"EXTRACTOR": "ner.extract", "contacts_from_candidates": "ner.extract", "extract_candidates": "ner.extract",
          "extract_page": "ner.extract", "extract_pages": "ner.extract", "ModelNotFoundError": "ner.nlp",
          "load_nlp": "ner.nlp", "normalize_title": "ner.titlemap"}


def __getattr__(name: str) -> Any:
    """Import lazily (PEP 562): ``ner.titlemap`` users (exporters, the scorer) need not load spaCy."""
    if name not in _HOMES:
        raise AttributeError(f"module 'ner' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
