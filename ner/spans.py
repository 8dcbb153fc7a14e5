"""The one place spaCy objects are read: block texts in, PERSON and title offsets out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ner.components import TITLE_SPANS_KEY
from ner.dom import PageDom
from ner.names import PARTICLES

Span = tuple[int, int]

CHUNK_TARGET = 2000
"""Characters per doc handed to spaCy: a page's short blocks share a doc (per-doc overhead dominates
on short texts)."""
CHUNK_SEPARATOR = "\n\n"

_WORTH_READING = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CHUNK_BREAK = re.compile(r"\n|(?<=[.!?])\s")


@dataclass(slots=True)
class BlockSpans:
    """NER PERSON and title spans per block id, as offsets into the block's text."""

    persons: dict[int, list[Span]] = field(default_factory=dict)
    titles: dict[int, list[Span]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Piece:
    """Where one part of a block's text sits inside a chunk."""

    block_id: int
    block_offset: int
    """Start of the part in the block's text."""
    chunk_offset: int
    """Start of the part in the chunk's text."""
    length: int


@dataclass(frozen=True, slots=True)
class Chunk:
    """One doc's worth of text: parts of one page's blocks, joined by blank lines.

    spaCy's cost per doc is high for short texts, so a page's many short blocks travel together;
    spans crossing from one part into the next are dropped when read back.
    """

    key: int
    """Caller's key (the page's index in a batch)."""
    text: str
    pieces: tuple[Piece, ...]
    needs_ner: bool
    """False when no part may hold a name: the title ruler alone runs."""


def chunks(dom: PageDom, key: int, *, max_length: int, target: int = CHUNK_TARGET) -> Iterator[Chunk]:
    """The page's text worth reading (not navigation, footers or digit-only lines) as chunks of about
    ``target`` characters, never over ``max_length``; blocks longer than that are split at a line or
    sentence end."""
    target = min(target, max_length)
    parts = [(block.id, offset, text)
             for block in dom.blocks
             if not block.boilerplate and _WORTH_READING.search(block.text) and not block.text.islower()
             for offset, text in split_text(block.text, max_length)]
    for needs_ner in (True, False):
        pieces: list[Piece] = []
        texts: list[str] = []
        length = 0
        for block_id, offset, text in parts:
            if may_hold_name(text) is not needs_ner:
                continue
            if pieces and length + len(CHUNK_SEPARATOR) + len(text) > target:
                yield Chunk(key, CHUNK_SEPARATOR.join(texts), tuple(pieces), needs_ner)
                pieces, texts, length = [], [], 0
            chunk_offset = length + len(CHUNK_SEPARATOR) if pieces else 0
            pieces.append(Piece(block_id, offset, chunk_offset, len(text)))
            texts.append(text)
            length = chunk_offset + len(text)
        if pieces:
            yield Chunk(key, CHUNK_SEPARATOR.join(texts), tuple(pieces), needs_ner)


def split_text(text: str, max_length: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``max_length`` characters."""
    start = 0
    while len(text) - start > max_length:
        window = text[start:start + max_length]
        breaks = [m.end() for m in _CHUNK_BREAK.finditer(window)]
        cut = breaks[-1] if breaks and breaks[-1] > max_length // 2 else window.rfind(" ") + 1 or max_length
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]


def read_spans(nlp: Language, batch: Iterable[Chunk], *, batch_size: int = 64) -> dict[int, BlockSpans]:
    """Run the pipeline over the chunks (``nlp.pipe``, batched) and collect their spans by caller key,
    as offsets into block texts. NER, most of the cost, is skipped on chunks without a possible name."""
    found: dict[int, BlockSpans] = {}
    by_need: dict[bool, list[Chunk]] = {True: [], False: []}
    for chunk in batch:
        by_need[chunk.needs_ner].append(chunk)
    skip_ner = [name for name in nlp.pipe_names if name == "ner"]
    for needs_ner, disable in ((True, []), (False, skip_ner)):
        stream = ((chunk.text, chunk) for chunk in by_need[needs_ner])
        for doc, chunk in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, disable=disable):
            spans = found.setdefault(chunk.key, BlockSpans())
            persons, titles = doc_spans(doc)
            _place(chunk, persons, spans.persons)
            _place(chunk, titles, spans.titles)
    return found


def _place(chunk: Chunk, spans: list[Span], into: dict[int, list[Span]]) -> None:
    """File chunk-text spans under their blocks; a span running from one block into the next is dropped."""
    starts = [piece.chunk_offset for piece in chunk.pieces]
    for start, end in spans:
        piece = chunk.pieces[bisect.bisect_right(starts, start) - 1]
        if end <= piece.chunk_offset + piece.length:
            shift = piece.block_offset - piece.chunk_offset
            into.setdefault(piece.block_id, []).append((start + shift, end + shift))


def may_hold_name(text: str) -> bool:
    """Two capitalized words in a row, lowercase name particles allowed between them."""
    previous_capitalized = False
    for word in _WORD.findall(text):
        if word[0].isupper():
            if previous_capitalized:
                return True
            previous_capitalized = True
        elif word.casefold() not in PARTICLES:
            previous_capitalized = False
    return False


def doc_spans(doc: Doc) -> tuple[list[Span], list[Span]]:
    """PERSON entity and ``leadscout_titles`` span offsets of one doc."""
    persons = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
    titles = [(span.start_char, span.end_char) for span in doc.spans.get(TITLE_SPANS_KEY, ())]
    return persons, titles
