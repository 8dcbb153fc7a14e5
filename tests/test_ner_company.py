"""ner.company: the company name and country a page states."""

from __future__ import annotations

import json

import pytest

from ner.company import company_name, page_country
from ner.html import parse_html
from ner.structured import parse_json_ld


def analysed(head: str, lang: str = ""):
    dom = parse_html(f'<html lang="{lang}"><head>{head}</head><body><p>x</p></body></html>')
    return dom, parse_json_ld(dom.json_ld)


ORG = json.dumps({"@type": "Organization", "name": "Harbourview Digital Pty Ltd",
                  "address": {"@type": "PostalAddress", "addressCountry": "AU"}})


@pytest.mark.parametrize(("head", "site", "name"), [
    ('<meta property="og:site_name" content="Brightlane Logistics Ltd"><title>About | Brightlane</title>',
     "brightlane-logistics.co.uk", "Brightlane Logistics Ltd"),
    (f'<script type="application/ld+json">{ORG}</script><title>Team — Harbourview</title>', "x.com.au",
     "Harbourview Digital Pty Ltd"),
    ("<title>About us | Brightlane Logistics</title>", "brightlane-logistics.co.uk", "Brightlane Logistics"),
    ("<title>Kessler Maschinenbau GmbH - Impressum</title>", "kessler-maschinenbau.de", "Kessler Maschinenbau GmbH"),
    ("<title>Contact — Lumière Conseil</title>", "example.fr", "Lumière Conseil"),
    ("<title>Ansprechpartner: Druckerei Vogt GmbH</title>", "druckerei-vogt.de", "Druckerei Vogt GmbH"),
    ("<title>Home</title>", "x.com", "Home"),
    ("", "x.com", None),
])
def test_company_name(head, site, name):
    dom, structured = analysed(head)
    assert company_name(dom, structured, site) == name


@pytest.mark.parametrize(("head", "lang", "site", "emails", "country"), [
    (f'<script type="application/ld+json">{ORG}</script>', "en", "x.com", set(), "AU"),
    ("", "de-DE", "x.com", set(), "DE"),
    ("", "en", "acme.co.uk", set(), "GB"),
    ("", "", "acme.test", {"firm.ie"}, "IE"),
    ("", "en", "acme.com", set(), None),
])
def test_company_country(head, lang, site, emails, country):
    dom, structured = analysed(head, lang)
    assert page_country(dom, structured, site, emails) == country


@pytest.mark.parametrize(("footer", "country"), [
    ("<footer><p>Strathbeag Distillery, Dufftown, Moray AB55 4DH, Scotland</p></footer>", "GB"),
    ("<footer><p>Unit 4, Mill Lane, Keswick CA12 5AB</p></footer>", "GB"),  # a UK postcode alone
    ("<footer><p>Hauptstraße 4, 6020 Innsbruck, Österreich</p></footer>", "AT"),
    ("<footer><p>We ship worldwide.</p></footer>", None),
    ("<footer><p>Rruga e Dardanisë 12, 10000 Prishtinë, Kosovë</p></footer>", "XK"),
    ("<footer><p>Tallinna mnt 5, 50103 Tartu, Eesti</p></footer>", "EE"),
    ("<footer><p>1200 Rio Grande Blvd NW, Albuquerque, New Mexico 87104</p></footer>", None),  # a US state
])
def test_company_address_country_reads_the_footer(footer, country):
    from ner.company import address_country
    from ner.html import parse_html
    from ner.structured import parse_structured

    dom = parse_html(f"<html><body><main><p>We export to Germany.</p></main>{footer}</body></html>")
    assert address_country(dom, parse_structured((), "", base_url=None)) == country
