"""The one place spaCy objects are read: block texts in, PERSON and title offsets out."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ner.components import TITLE_SPANS_KEY, title_hint_pattern
from ner.dom import Block, PageDom
from ner.layout import following_text_block, name_element, near
from ner.nameforms import staff_cue_alternation
from ner.names import PARTICLES

Span = tuple[int, int]
log = logging.getLogger(__name__)

CHUNK_TARGET = 2000
"""Characters per doc handed to spaCy: a page's short blocks share a doc (per-doc overhead dominates
on short texts)."""
CHUNK_SEPARATOR = "\n\n"
PAGE_BUDGET = 300_000
"""Characters of one page handed to spaCy at most: a staff page is far shorter; a 10 MB text dump is not
read by the model (its emails and phones are still found by the regex and phonenumbers passes)."""
BLOCK_LIMIT = 100_000
_CUE_WINDOWS = 6
"""Most staff-cue windows NER reads on a page (a long page of prose has many "… manages our …")."""
_CUE_BLOCK = 500
"""Longest block read for staff cues: a sentence or short paragraph about a colleague, not an article."""
NER_WINDOW = 45
"""Characters on either side of a title word that NER reads (a name written next to its title)."""
"""A single text block longer than this is a dump, not a card or a bio: not handed to spaCy."""

_CONTACT_LINE = re.compile(r"[\d@]")
_WORTH_READING = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CHUNK_BREAK = re.compile(r"\n|(?<=[.!?])\s")


@dataclass(slots=True)
class BlockSpans:
    """NER PERSON and title spans per block id, as offsets into the block's text."""

    persons: dict[int, list[Span]] = field(default_factory=dict)
    titles: dict[int, list[Span]] = field(default_factory=dict)
    cued: set[int] = field(default_factory=set)
    """Blocks NER read only around a staff cue ("… drives our recovery truck"): their other names are not read."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Where one part of a block's text sits inside a chunk."""

    block_id: int
    block_offset: int
    """Start of the part in the block's text."""
    chunk_offset: int
    """Start of the part in the chunk's text."""
    length: int
    cue: bool = False
    """Read by NER only around a staff cue (the block has no title word)."""


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
    titles: bool = True
    """False for NER-only windows whose text the title ruler reads in another chunk."""


def chunks(dom: PageDom, key: int, *, max_length: int, target: int = CHUNK_TARGET) -> Iterator[Chunk]:
    """The page's text worth reading (not navigation, footers or digit-only lines) as chunks of about
    ``target`` characters, never over ``max_length``; blocks longer than that are split at a line or
    sentence end."""
    target = min(target, max_length)
    parts = list(_parts(dom, max_length))
    yield from _pack(key, [(block_id, offset, text, may_hold_name(text), False)
                           for block_id, offset, text in parts],
                     target)


def people_chunks(dom: PageDom, key: int, *, max_length: int, target: int = CHUNK_TARGET) -> Iterator[Chunk]:
    """What extraction hands to spaCy: only text that can hold a title or a staff member's name.

    Text with no title word (``components.title_hint_pattern``) goes nowhere: names alone on a card line
    or in a name cell are read from the page's structure. Text with title words goes to the title ruler
    (``needs_ner`` False); and where a line also has capitalised words that are not title words, a window
    of that line around the title ("said Andrew Pike, Managing Director of ...") goes to NER alone
    (``needs_ner`` True): names written in prose are found next to their titles, and NER, the costly part,
    reads a few hundred characters a page instead of the page.
    """
    target = min(target, max_length)
    hints = title_hint_pattern()
    rules: list[tuple[int, int, str, bool, bool]] = []
    windows: list[tuple[int, int, str, bool, bool]] = []
    cue_budget = _CUE_WINDOWS
    for block_id, offset, text in _parts(dom, max_length):
        matches = list(hints.finditer(text))
        # A sentence without a title word that says someone works here names a colleague ("Terry Burrows drives
        # our recovery truck", "Noa Visser joined us in May"): NER reads around the cue instead.
        cues = [] if cue_budget <= 0 or len(text) > _CUE_BLOCK \
            else list(_staff_cue_hints().finditer(text))[:cue_budget]
        if matches:
            # Beside title words, a cue far from all of them, whose name their windows do not reach: "Dazu kommen acht
            # Gesellen in drei Kolonnen – und Lea Vogt, die donnerstags … die Social-Media-Kanäle betreut".
            near = _windows(text, matches)
            cues = [cue for cue in cues if all(cue.end() + NER_WINDOW < start or cue.start() - NER_WINDOW > end
                                               for start, end in near)]
        cue_budget -= len(cues)
        if not matches and not cues:
            continue
        if matches:
            rules.append((block_id, offset, text, False, False))
        masked = list(text)
        for match in matches:
            masked[match.start():match.end()] = "x" * (match.end() - match.start())
        plain = "".join(masked)
        for start, end in _windows(text, sorted(matches + cues, key=lambda m: m.start())):
            if may_hold_name(plain[start:end]):
                windows.append((block_id, offset + start, text[start:end], True, not matches))
    yield from _pack(key, windows, target, titles=False)
    yield from _pack(key, rules, target)


def _parts(dom: PageDom, max_length: int) -> Iterator[tuple[int, int, str]]:
    budget = PAGE_BUDGET
    for block in dom.blocks:
        if block.boilerplate or len(block.text) > BLOCK_LIMIT or not _WORTH_READING.search(block.text) \
                or block.text.islower() and not _presented_job(dom, block):
            continue
        for offset, text in split_text(block.text, max_length):
            budget -= len(text)
            if budget < 0:
                log.debug("page text past %d characters left out of spaCy", PAGE_BUDGET)
                return
            yield block.id, offset, text


_HEADING_JOB_WORDS = 10
"""A lowercase heading is a job's when it is this short ("obchodní manažerka – skupiny, svatby a konference")."""
_CARD_LINE_WORDS = 6
"""Words of each line of a short name card under a lowercase job heading."""
_DEGREE_LINE_WORDS = 3
"""Words of a degree's line between a name and its lowercase job ("DI", "tradenomi")."""
_SETTING_APART = frozenset({"em", "i"})
"""Inline tags that set text apart without marking it "emphasis" (<b> and <strong> do)."""


def _presented_job(dom: PageDom, block: Block) -> bool:
    """A short lowercase block the markup sets apart, as a card sets a job apart: wholly emphasised
    ("<p><em>szállodaigazgató</em></p>"), a definition ("<dd>toimitusjohtaja</dd>"), an element the markup
    calls a job ("<p class=job>toimitusjohtaja</p>"), or the line under a card's heading, name element or name in
    bold ("<h2>Fleur Jansen</h2><p>commercieel medewerker</p>", "<p><b>Nemanja Ilić</b></p><p>arhitekta</p>")."""
    first, *rest = block.text.split("\n")
    # One line, or a job line over contact lines ("toimitusjohtaja<br>040 758 2214<br>jari@…").
    if len(first.split()) > (_HEADING_JOB_WORDS if block.heading else 6) \
            or not all(_CONTACT_LINE.search(line) for line in rest):
        return False
    if block.heading and not rest and _name_card_follows(dom, block):
        return True  # a lowercase heading over the holder's name ("<h3>vedoucí recepce</h3><p>Bc. Lenka …")
    previous = dom.blocks[block.id - 1] if block.id else None
    if previous is not None and len(previous.text.split()) <= _DEGREE_LINE_WORDS and previous.region == block.region \
            and block.id >= 2 and name_element(dom.blocks[block.id - 2]) and not _CONTACT_LINE.search(previous.text) \
            and ("credential" in previous.contexts or not previous.text.islower()):
        previous = dom.blocks[block.id - 2]  # a degree's line between name and job ("<h3>…</h3><p>DI</p><p>job")
    if previous is not None and name_element(previous) and len(previous.text.split()) <= 6 \
            and near(dom, previous, block):
        return True
    if previous is not None and "first_cell" in previous.contexts and previous.region == block.region:
        return True  # the cell after a row's name cell ("<td>mgr Ewelina Dąbrowska</td><td>logopeda</td>")
    return ("emphasis" in block.contexts or "title_class" in block.contexts or block.tag == "dd"
            or block.all_bold
            or any(i.tag in _SETTING_APART and i.start <= 0 and i.end >= len(block.text) for i in block.inlines))


def _name_card_follows(dom: PageDom, heading: Block) -> bool:
    """Is the next block a short card of a name and contact lines ("Bc. Lenka Dvořáková<br>recepce (nonstop): +420
    …"), not a bio ("Arch. DI Johanna Berger<br>geboren 1978 in Linz, … seit 2011 Partnerin")?"""
    following = following_text_block(dom, heading)
    if following is None or following.heading:
        return False
    first, *rest = following.text.split("\n")
    return len(first.split()) <= _CARD_LINE_WORDS and all(
        len(line.split()) <= _CARD_LINE_WORDS and _CONTACT_LINE.search(line) for line in rest)


@lru_cache(maxsize=1)
def _staff_cue_hints() -> re.Pattern[str]:
    """The staff cues (``staff_cues.jsonl``, not the bold-only ones) and "<verb>s our <noun>" after a name."""
    return re.compile(rf"(?i:(?<!\w)(?:{staff_cue_alternation(False)})(?!\w))"
                      r"|\b[A-Z][a-z'’-]+ [a-z]{3,}s our (?=[a-z])|, who [a-z]{3,}s our (?=[a-z])")


def _windows(text: str, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Spans of ``text`` within ``NER_WINDOW`` characters of a title word, on its line, merged."""
    spans: list[tuple[int, int]] = []
    for match in matches:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        start = max(line_start, match.start() - NER_WINDOW)
        end = min(line_end, match.end() + NER_WINDOW)
        while start > line_start and not text[start - 1].isspace():
            start -= 1  # whole words only
        while end < line_end and not text[end].isspace():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _pack(key: int, parts: list[tuple[int, int, str, bool, bool]], target: int, *, titles: bool = True
          ) -> Iterator[Chunk]:
    """Short texts share a doc (spaCy's cost per doc is high), NER and ruler-only texts apart."""
    for needs_ner in (True, False):
        pieces: list[Piece] = []
        texts: list[str] = []
        length = 0
        for block_id, offset, text, kind, cue in parts:
            if kind is not needs_ner:
                continue
            if pieces and length + len(CHUNK_SEPARATOR) + len(text) > target:
                yield Chunk(key, CHUNK_SEPARATOR.join(texts), tuple(pieces), needs_ner, titles)
                pieces, texts, length = [], [], 0
            chunk_offset = length + len(CHUNK_SEPARATOR) if pieces else 0
            pieces.append(Piece(block_id, offset, chunk_offset, len(text), cue))
            texts.append(text)
            length = chunk_offset + len(text)
        if pieces:
            yield Chunk(key, CHUNK_SEPARATOR.join(texts), tuple(pieces), needs_ner, titles)


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
    groups: dict[tuple[bool, bool], list[Chunk]] = {}
    for chunk in batch:
        groups.setdefault((chunk.needs_ner, chunk.titles), []).append(chunk)
    for (needs_ner, titles), group in sorted(groups.items(), reverse=True):
        disable = [name for name in nlp.pipe_names
                   if name == "ner" and not needs_ner or name != "ner" and not titles]
        stream = ((chunk.text, chunk) for chunk in group)
        for doc, chunk in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, disable=disable):
            spans = found.setdefault(chunk.key, BlockSpans())
            persons, titles_found = doc_spans(doc)
            _place(chunk, persons, spans.persons)
            _place(chunk, titles_found, spans.titles)
            spans.cued.update(piece.block_id for piece in chunk.pieces if piece.cue)
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
