"""spaCy components of the leadscout pipeline; importing this package registers their factories."""

from __future__ import annotations

from ner.components.hints import title_hint_pattern
from ner.components.titles import SPANS_KEY as TITLE_SPANS_KEY
from ner.components.titles import TitleRuler

__all__ = ["TITLE_SPANS_KEY", "TitleRuler", "title_hint_pattern"]
