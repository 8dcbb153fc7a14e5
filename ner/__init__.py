"""The ner stage: pages in, contact candidates and checked contacts out (DOM + spaCy + rules)."""

from __future__ import annotations

from ner.extract import EXTRACTOR, contacts_from_candidates, extract_candidates, extract_page, extract_pages
from ner.nlp import ModelNotFoundError, load_nlp

__all__ = [
    "EXTRACTOR",
    "ModelNotFoundError",
    "contacts_from_candidates",
    "extract_candidates",
    "extract_page",
    "extract_pages",
    "load_nlp",
]
