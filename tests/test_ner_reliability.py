"""RELIABILITY items 9 and 11 for extraction: hostile encodings and sizes, and contact-text edge cases."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import spacy

import ner.components  # noqa: F401  (registers leadscout_titles)
from leadscout.offline import decode_html, load_page
from leadscout.records import Page
from ner.deobfuscate import normalize_email, parse_mailto
from ner.html import parse_html
from ner.phones import find_phones, infer_region, parse_tel
from ner.spans import chunks, people_chunks, read_spans

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
CARD = "<p>Jane Smith, CEO, jane@acme.de, Tel. 030 1234567</p>"


def _page(html: str, url: str = "https://www.acme.de/team") -> Page:
    return Page(url=url, site="acme.de", fetched_at=FETCHED, status=200,
                sha256=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(), html=html)


@pytest.fixture(scope="module")
def nlp():
    from ner import load_nlp

    return load_nlp()


# --- 9: encodings, sizes, nesting -------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "content_type", "expected"), [
    ("\ufeff<p>Café Müller</p>".encode("utf-8"), None, "Café Müller"),                      # UTF-8 BOM
    ("\ufeff<p>Café Müller</p>".encode("utf-16-le"), None, "Café Müller"),                  # UTF-16 BOM
    ("<meta charset='iso-8859-1'><p>Café Müller</p>".encode("latin-1"), None, "Café Müller"),
    ("<p>Café Müller</p>".encode("latin-1"), None, "Café Müller"),                          # no declaration
    ("<p>Café Müller</p>".encode("latin-1"), "text/html; charset=utf-8", "Caf"),             # wrong header
    (b"<p>Caf\xc3\xa9 \xff\xfe M\xc3\xbcller</p>", None, "Müller"),                           # invalid UTF-8
])
def test_reliability_decoding_never_fails(body: bytes, content_type, expected: str):
    text = decode_html(body, content_type)
    assert expected in text


@pytest.mark.parametrize("encode", [lambda s: s.encode("utf-8"), lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
                                    lambda s: s.encode("utf-8").replace(b"CEO", b"CEO \xff\xc3")])
def test_reliability_saved_files_with_boms_and_bad_bytes_still_extract(tmp_path: Path, nlp, encode):
    from ner import extract_page

    path = tmp_path / "team.html"
    path.write_bytes(encode(f"<html><body>{CARD}</body></html>"))
    contacts, _facts = extract_page(load_page(path, url="https://www.acme.de/team"), nlp=nlp)
    assert any(c.name and c.name.full == "Jane Smith" and c.emails == ("jane@acme.de",) for c in contacts)


def test_reliability_ten_megabyte_text_node(nlp):
    from ner import extract_page

    prose = ("Our Sales Manager Jane Smith met the team in Berlin in 2024. " * 170_000)[:10_000_000]
    started = time.monotonic()
    contacts, _facts = extract_page(_page(f"<html><body><p>{prose} Write to press@acme.de</p></body></html>"),
                                    nlp=nlp)
    assert ("press@acme.de",) in [c.emails for c in contacts]
    assert time.monotonic() - started < 120


@pytest.mark.parametrize("depth", [300, 2100, 5000])
def test_reliability_deep_nesting_keeps_the_text(nlp, depth: int):
    from ner import extract_page

    html = "<html><body>" + "<div>" * depth + CARD + "</div>" * depth + "</body></html>"
    contacts, _facts = extract_page(_page(html), nlp=nlp)
    (jane,) = [c for c in contacts if c.name]
    assert (jane.name.full, jane.title, jane.emails) == ("Jane Smith", "CEO", ("jane@acme.de",))


@pytest.mark.parametrize("chunker", [chunks, people_chunks])
def test_reliability_spacy_input_is_chunked_under_max_length(chunker):
    nlp = spacy.blank("en")
    nlp.add_pipe("leadscout_titles")
    nlp.max_length = 500
    long_block = ("The Head of Sales of the group visited us. " * 400)
    dom = parse_html(f"<html><body><p>{long_block}</p><p>Jane Smith, Head of Marketing</p></body></html>")
    pieces = list(chunker(dom, 0, max_length=nlp.max_length))
    assert pieces and all(len(piece.text) <= nlp.max_length for piece in pieces)
    titles = read_spans(nlp, pieces)[0].titles
    assert sum(len(spans) for spans in titles.values()) >= 400


# --- 11: contact text edge cases --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "address"), [
    ("ｊａｎｅ＠ａｃｍｅ．ｄｅ", "jane@acme.de"),            # full-width forms: NFKC
    ("jane\u200b@acme.de", "jane@acme.de"),                  # zero-width space
    ("jane\u00ad.doe@acme.de", "jane.doe@acme.de"),          # soft hyphen
    ("Jane@ACME.de", "jane@acme.de"),                        # case
    ("ivan@пример.рф", "ivan@пример.рф"),                    # a whole label in one other script is an IDN
    ("jаne@acme.de", None),                                  # Cyrillic а among Latin letters: homograph
    ("jane@аcme.de", None),
    ("logo@2x.png", None),
    ("a..b@acme.de", None),
])
def test_reliability_email_look_alikes_are_normalized_or_rejected(text: str, address: str | None):
    assert normalize_email(text) == address
    assert normalize_email(text) == normalize_email(text)  # deterministic


@pytest.mark.parametrize(("href", "pairs"), [
    ("mailto:Jane%20Doe%20%3Cjane@acme.de%3E?subject=Hi", [("jane@acme.de", "Jane Doe")]),
    ("mailto:%6a%61%6e%65@acme.de", [("jane@acme.de", "")]),
    ("MAILTO:jane@acme.de,bob@acme.de", [("jane@acme.de", ""), ("bob@acme.de", "")]),
    ("mailto:", []),
    ("mailto:%ZZ", []),
])
def test_reliability_mailto_forms(href: str, pairs):
    assert parse_mailto(href) == pairs


@pytest.mark.parametrize(("text", "region", "expected"), [
    ("Tel. 604-682-3300 ext. 201", "CA", [("+16046823300", "201")]),
    ("Phone: (512) 234-7788 x 210", "US", [("+15122347788", "210")]),
    ("Tel. 035 24 56 78 int. 3", "IT", [("+39035245678", "3")]),
    ("Tel. 030 1234567", "DE", [("+49301234567", "")]),
    ("Tel. 030 1234567", "GB", []),                           # not a valid number in the page's country
    ("Geändert am 02.04.2024, Preis 1.295,00 €", "DE", []),  # dates and amounts are not numbers
])
def test_reliability_phone_extensions_and_national_numbers(text: str, region: str, expected):
    found = [(m.e164, m.extension) for m in find_phones(text, region)]
    assert found == expected
    assert [(m.e164, m.extension) for m in find_phones(text, region)] == found  # deterministic


@pytest.mark.parametrize(("href", "e164", "extension"), [("tel:+1-604-682-3300;ext=12", "+16046823300", "12"),
                                                         ("tel:0301234567", "+49301234567", "")])
def test_reliability_tel_links_with_extensions(href: str, e164: str, extension: str):
    match = parse_tel(href, "DE")
    assert (match.e164, match.extension) == (e164, extension)


@pytest.mark.parametrize(("lang", "site", "emails", "default", "region"), [
    ("de", "kanzlei.example", (), "US", "DE"),      # html lang
    ("en", "acme.co.uk", (), "US", "GB"),           # the site's ccTLD
    ("en", "acme.io", ("x@acme.fr",), "US", "FR"),  # a generic ccTLD says nothing; the emails' does
    (None, "acme.com", (), "AU", "AU"),             # no hint: the configured default region
])
def test_reliability_numbers_without_a_country_take_the_pages_region(lang, site, emails, default, region):
    assert infer_region(lang=lang, site=site, email_domains=emails, default=default) == region


def test_reliability_default_region_reaches_the_extractor(tmp_path: Path):
    from leadscout.config import load_settings
    from leadscout.offline import extract_files

    page = tmp_path / "team.html"
    page.write_text("<html><body><p>Jane Smith, CEO<br>Phone 02 9251 5501</p></body></html>", encoding="utf-8")
    rows = extract_files([page], url=None, settings=load_settings(default_region="AU", environ={}))
    assert ["+61292515501"] in [row["phones"] for row in rows]
