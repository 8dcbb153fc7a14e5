"""ner.spans: which block texts go through spaCy, chunking long texts, and reading the spans back."""

from __future__ import annotations

import pytest
import spacy

import ner.components  # noqa: F401
from ner.html import parse_html
from ner.spans import chunks, may_hold_name, read_spans, split_text


@pytest.mark.parametrize(("text", "limit"), [("a" * 25, 10), ("One. Two. Three. Four.", 8), ("x", 5),
                                             ("line one\nline two\nline three", 12), ("", 3)])
def test_spans_split_text_covers_the_text_within_the_limit(text, limit):
    pieces = list(split_text(text, limit))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


def test_spans_skip_boilerplate_and_digit_only_blocks():
    dom = parse_html("<nav><a href='/'>Jane Smith</a></nav><p>0161 496 0100</p><p>meet Jane Smith</p><p>lower only</p>")
    assert [piece.text for piece in chunks(dom, 0, max_length=1000)] == ["meet Jane Smith"]


def test_spans_a_lowercase_block_set_apart_by_the_markup_is_read():
    dom = parse_html("<h3>Kovács Anna</h3><p><em>pénzügyi vezető</em></p><dl><dt>Mgr. Eva Kráľová</dt>"
                     "<dd>účtovníčka</dd></dl><p>lower only, a plain sentence</p>")
    read = " ".join(piece.text for piece in chunks(dom, 0, max_length=1000))
    assert "pénzügyi vezető" in read and "účtovníčka" in read and "lower only" not in read
    dom = parse_html("<div class='card'><h2>Joost Smit</h2><p>verkoopmakelaar</p><p>lower only, a sentence</p></div>")
    read = " ".join(piece.text for piece in chunks(dom, 0, max_length=1000))
    assert "verkoopmakelaar" in read and "lower only" not in read


def test_spans_read_titles_back_with_block_offsets():
    nlp = spacy.blank("en")
    nlp.add_pipe("leadscout_titles")
    text = "Intro. " * 3 + "Our Head of Sales is here."
    dom = parse_html(f"<p>{text}</p>")
    pieces = list(chunks(dom, 7, max_length=30))
    assert len(pieces) == 2
    spans = read_spans(nlp, pieces)[7]
    ((start, end),) = spans.titles[0]
    assert dom.blocks[0].text[start:end] == "Head of Sales"
    assert spans.persons == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Smith", True), ("Dr. Klaus Weber leitet", True), ("Jan van der Berg", True), ("JANE SMITH", True),
    ("Head of Sales", False), ("CFO", False), ("we met jane smith", False), ("Call 020 7946 0000", False),
    ("Ciarán Ó Súilleabháin", True), ("", False),
])
def test_spans_may_hold_name(text, expected):
    assert may_hold_name(text) is expected


def test_spans_short_blocks_share_a_doc_and_map_back():
    dom = parse_html("<h3>Jane Smith</h3><p>Head of Sales</p><h3>Bob Jones</h3><p>Chief Financial Officer</p>")
    pieces = list(chunks(dom, 0, max_length=1000))
    assert [(c.needs_ner, c.text) for c in pieces] == [
        (True, "Jane Smith\n\nBob Jones\n\nChief Financial Officer"), (False, "Head of Sales")]
    nlp = spacy.blank("en")
    nlp.add_pipe("leadscout_titles")
    titles = read_spans(nlp, pieces)[0].titles
    assert {dom.blocks[b].text[s:e] for b, spans in titles.items() for s, e in spans} == {
        "Head of Sales", "Chief Financial Officer"}


def test_spans_crossing_two_blocks_are_dropped():
    from ner.spans import Chunk, Piece, _place

    chunk = Chunk(0, "Jane\n\nSmith", (Piece(4, 0, 0, 4), Piece(5, 0, 6, 5)), True)
    placed: dict[int, list[tuple[int, int]]] = {}
    _place(chunk, [(0, 11), (6, 11), (0, 4)], placed)
    assert placed == {5: [(0, 5)], 4: [(0, 4)]}


def test_spans_a_lowercase_line_under_a_name_element_is_read():
    dom = parse_html("<div class='person-card'><p class='person-card__name'>Jukka Mäkelä</p>"
                     "<p class='person-card__title'>toimitusjohtaja</p></div><p>lower only</p>")
    assert "toimitusjohtaja" in " ".join(piece.text for piece in chunks(dom, 0, max_length=1000))
    assert "lower only" not in " ".join(piece.text for piece in chunks(dom, 0, max_length=1000))


def test_spans_a_lowercase_line_under_a_name_in_bold_is_read():
    dom = parse_html("<div class='caption'><p><strong>Nemanja Ilić</strong></p><p>arhitekta projektant</p></div>"
                     "<p>lower only</p>")
    text = " ".join(piece.text for piece in chunks(dom, 0, max_length=1000))
    assert "arhitekta projektant" in text and "lower only" not in text
