"""Line-level reading helpers: dot-separated name lists, label-only lines, titles made of function words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ner.lexicon import load_rows
from ner.names import strip_post_nominals

Span = tuple[int, int]

_SEPARATOR = re.compile(r"\s+[·•]\s+|;\s+")
_SEGMENT_MAX = 80
_LABEL_ONLY = re.compile(r"^\s*(?P<label>[^:\n]{2,60}?)\s*:\s*$")
_JOINERS = re.compile(r"\s*(?:,|&|/|\b(?:and|und|et|y|e|en|i|og|och|ja|és)\b)\s*", re.IGNORECASE)
_LEADING_OF = re.compile(r"^(?:of|de|des|du|del|della|di|da|do|für|van|voor)\s+", re.IGNORECASE)


def segments(line: str) -> list[tuple[int, str]]:
    """``(offset, text)`` parts of a line listing several people ("DI Lukas Steiner (Projektleitung) · Eva
    Pichler (Büroleitung)"); the whole line when it is not such a list."""
    if not _SEPARATOR.search(line) or "@" in line:
        return [(0, line)]
    parts: list[tuple[int, str]] = []
    position = 0
    for match in _SEPARATOR.finditer(line):
        parts.append((position, line[position:match.start()]))
        position = match.end()
    parts.append((position, line[position:]))
    if len(parts) < 2 or any(len(text) > _SEGMENT_MAX for _, text in parts):
        return [(0, line)]
    if any(text.strip()[:1].islower() for _, text in parts[1:]):
        return [(0, line)]  # "Monique Bosman · administratie & personeelszaken": a name and its job, not a list
    return parts


def label_only(line: str) -> str | None:
    """The label of a line that is nothing but "Label:" ("Vertreten durch die Partner:"), else None."""
    match = _LABEL_ONLY.match(line)
    return match["label"] if match else None


_REMARK = re.compile(r"\s+\([^()]{1,30}\)\s*$")
_PLACE_TAIL = re.compile(r"\s+[–—-]\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)?\s*$")
"""Where a department is run, after a dash: "Scheduling & Front Desk – Belgrade"."""


def function_phrase(text: str, *, led: bool = False) -> bool:
    """Is ``text`` made only of business-function words ("Büro und Buchhaltung", "Marketing & PR",
    "Comunicación y captación de fondos")? Such a line next to a name is the person's job. ``led``: the line is the
    subtitle right under a card's name, where a function word leading the line will do ("Recepción y citas")."""
    text = _PLACE_TAIL.sub("", _REMARK.sub("", text)).strip(" .;:()")  # "boekhouding (op afstand)": a remark
    if not text or len(text.split()) > 8 or any(char.isdigit() for char in text):
        return False
    parts = [p for p in _JOINERS.split(text) if p]
    functions = _functions()
    if led and len(parts) > 1 and _LEADING_OF.sub("", parts[0]).casefold() in functions \
            and all(len(p.split()) <= 2 and p.replace("-", "").replace(" ", "").isalpha() for p in parts[1:]):
        return True
    # A part may also be function words run together ("Service Reception & Accounts").
    return bool(parts) and all(_LEADING_OF.sub("", p).casefold() in functions or p.casefold() in functions
                               or len(p.split()) > 1 and all(w.casefold() in functions for w in p.split())
                               for p in parts)


def spans_within(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    return [s for s in spans if start <= s[0] and s[1] <= end]


def function_words() -> frozenset[str]:
    """Business-function words of the title lexicon ("sales", "fintech"), casefolded."""
    return _functions()


@lru_cache(maxsize=1)
def _functions() -> frozenset[str]:
    return frozenset(str(row["text"]).casefold() for row in load_rows("titles") if row["kind"] == "function")


def title_text(text: str, start: int, end: int) -> tuple[tuple[int, int], str]:
    """A title span's text, cleaned: punctuation at its ends, brackets only when unbalanced ("Responsable
    qualité, sécurité, environnement (QSE)" keeps its closing bracket, "(Geschäftsführer" loses the opening
    one), and no certifications after it ("Systems Engineer, CISSP")."""
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        end += 1
    title = text[start:end].strip(" ,:;")
    while title[:1] == "(" and title.count("(") > title.count(")") or title[-1:] == "(":
        title = (title[1:] if title[:1] == "(" else title[:-1]).strip(" ,:;")
    while title[-1:] == ")" and title.count(")") > title.count("("):
        title = title[:-1].strip(" ,:;")
    return (start, end), strip_post_nominals(title)

