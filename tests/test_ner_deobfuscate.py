"""ner.deobfuscate: spelled-out addresses, mailto hrefs and Cloudflare's email protection."""

from __future__ import annotations

import pytest

from ner.deobfuscate import decode_cf_href, decode_cfemail, find_emails, is_placeholder, normalize_email, parse_mailto


def cf_encode(address: str, key: int = 0x5A) -> str:
    return f"{key:02x}" + "".join(f"{ord(char) ^ key:02x}" for char in address)


@pytest.mark.parametrize(("text", "address"), [
    ("Mail jane.doe@firm.com today.", "jane.doe@firm.com"),
    ("jane [at] firm [dot] com", "jane@firm.com"),
    ("jane(at)firm(dot)com", "jane@firm.com"),
    ("j.doe (at) firma (dot) de", "j.doe@firma.de"),
    ("jane {at} firm {dot} co {dot} uk", "jane@firm.co.uk"),
    ("jane[@]firm[.]com", "jane@firm.com"),
    ("yusuf.al-amin AT corribbay DOT ie", "yusuf.al-amin@corribbay.ie"),
    ("jane dot doe at firm dot com", "jane.doe@firm.com"),
    ("anna.berg [at] corribbay [dot] ie", "anna.berg@corribbay.ie"),
    ("x＠example.com", "x@example.com"),
    ("Sarah.OConnor@Example.CO.UK", "sarah.oconnor@example.co.uk"),
    ("hans.müller@müller-bau.de", "hans.müller@müller-bau.de"),
    ("E-Mail: <jane@x.com>", "jane@x.com"),
    ("max [at] firma [punkt] de", "max@firma.de"),
    ("or by email at m.kehoe (at) kehoelaw.ie.", "m.kehoe@kehoelaw.ie"),  # "email at m.kehoe" is no address
])
def test_deobfuscate_finds_spelled_out_addresses(text, address):
    assert [match.address for match in find_emails(text)] == [address]


@pytest.mark.parametrize("text", [
    "visit us at acme.com",
    "meet us at the office",
    "logo@2x.png",
    "a@b",
    "jane @ firm.com",
    "version 2.0 at 10 dot 5",
    "@handle on twitter",
])
def test_deobfuscate_ignores_lookalikes(text):
    assert find_emails(text) == []


def test_deobfuscate_offsets_cover_the_written_form():
    text = "Write to jane [at] firm [dot] com please"
    (match,) = find_emails(text)
    assert text[match.start:match.end] == "jane [at] firm [dot] com" == match.raw


@pytest.mark.parametrize(("href", "pairs"), [
    ("mailto:jane@x.com", [("jane@x.com", "")]),
    ("mailto:Jane%20Doe%20%3Cjane@x.com%3E?subject=Hi", [("jane@x.com", "Jane Doe")]),
    ("mailto:R%C3%B3is%C3%ADn%20Fitzgerald%20%3Croisin@x.ie%3E", [("roisin@x.ie", "Róisín Fitzgerald")]),
    ("mailto:tadhg.murphy%40corribbay.ie", [("tadhg.murphy@corribbay.ie", "")]),
    ("MAILTO:jane[at]x[dot]com", [("jane@x.com", "")]),
    ("mailto:a@x.com,b@y.com", [("a@x.com", ""), ("b@y.com", "")]),
    ("mailto:", []),
    ("mailto:%ZZ%", []),
    ("https://example.com", []),
])
def test_deobfuscate_parses_mailto_hrefs(href, pairs):
    assert parse_mailto(href) == pairs


@pytest.mark.parametrize("address", ["jane@x.com", "k.weber@kessler-maschinenbau.de"])
def test_deobfuscate_decodes_cloudflare_email_protection(address):
    encoded = cf_encode(address)
    assert decode_cfemail(encoded) == address
    assert decode_cf_href(f"/cdn-cgi/l/email-protection#{encoded}") == f"mailto:{address}"


@pytest.mark.parametrize("garbage", ["", "z", "zz", "4", "ffff", "00" * 3, "\x00\x01", "é" * 10])
def test_deobfuscate_cloudflare_garbage_is_none(garbage):
    assert decode_cfemail(garbage) is None


@pytest.mark.parametrize("odd", ["", " ", "@", "@@@@", "[at][dot]", "a" * 10_000 + "@", "\x00@\x00.com",
                                 "x" * 70 + "@example.com", "jane@" + "a." * 200 + "com", "(at)" * 500])
def test_deobfuscate_never_crashes_on_odd_input(odd):
    for match in find_emails(odd):
        assert normalize_email(match.address) == match.address
    parse_mailto("mailto:" + odd)


@pytest.mark.parametrize("address", ["etunimi.sukunimi@acme.fi", "fornavn.efternavn@acme.dk", "imie.nazwisko@acme.pl",
                                     "jmeno.prijmeni@acme.cz", "nome.sobrenome@acme.com.br", "ime.priimek@acme.si",
                                     "ime.prezime@acme.hr", "vardas.pavarde@acme.lt"])
def test_deobfuscate_local_language_address_patterns_are_placeholders(address):
    assert is_placeholder(address)
