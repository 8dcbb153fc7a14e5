"""ner.extract: pages in, checked Contact records and CompanyFacts out."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
import spacy

import ner.components  # noqa: F401
from leadscout.records import Page, Phone
from ner import EXTRACTOR, extract_candidates, extract_page, extract_pages

FETCHED_AT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

TEAM_PAGE = """<html lang="en-GB"><head><title>Team | Brightlane Logistics</title>
<meta property="og:site_name" content="Brightlane Logistics Ltd"></head><body>
<div class="topbar">Switchboard: <a href="tel:+442079460000">020 7946 0000</a></div>
<main><div class="team-member"><h3>Dr. Sarah O'Connor</h3><p class="subtitle">Chief Executive Officer</p>
<p><a href="mailto:sarah.oconnor@brightlane.co.uk">sarah.oconnor@brightlane.co.uk</a> · Direct line: +44 20 7946 0123
· Fax: +44 20 7946 0124 · <a href="https://www.linkedin.com/in/sarah-oconnor">LinkedIn</a></p></div>
<div class="team-member"><h3>Tom Okafor</h3><p>Head of Sales</p>
<p>tom.okafor [at] brightlane [dot] co [dot] uk</p></div>
</main><footer><p>E: <a href="mailto:info@brightlane.co.uk">info@brightlane.co.uk</a> · Fax 020 7946 0001</p>
<a href="https://www.linkedin.com/company/brightlane">LinkedIn</a></footer></body></html>"""


@pytest.fixture(scope="module")
def blank_nlp():
    """The real title ruler without a statistical NER: names come from page structure."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("leadscout_titles")
    return pipeline


def make_page(html: str, url: str = "https://brightlane.co.uk/team", site: str = "brightlane.co.uk") -> Page:
    return Page(url=url, site=site, fetched_at=FETCHED_AT, status=200,
                sha256=hashlib.sha256(html.encode()).hexdigest(), html=html)


def test_extract_page_builds_checked_contacts(blank_nlp):
    page = make_page(TEAM_PAGE)
    contacts, facts = extract_page(page, nlp=blank_nlp)
    sarah, tom, company = contacts
    assert (sarah.name.full, sarah.name.given, sarah.name.family, sarah.name.honorific) == (
        "Sarah O'Connor", "Sarah", "O'Connor", "Dr.")
    assert (sarah.title_raw, sarah.title) == ("Chief Executive Officer", "Chief Executive Officer")
    assert sarah.emails == ("sarah.oconnor@brightlane.co.uk",)
    assert sarah.phones == (Phone(e164="+442079460123", raw="+44 20 7946 0123", kind="phone"),)
    assert [p.e164 for p in sarah.fax] == ["+442079460124"] and sarah.fax[0].kind == "fax"
    assert sarah.socials == ("https://linkedin.com/in/sarah-oconnor",)
    assert sarah.company == "Brightlane Logistics Ltd" and sarah.site == "brightlane.co.uk"
    assert sarah.provenance.source_url == page.url and sarah.provenance.fetched_at == FETCHED_AT
    assert sarah.provenance.extractor == EXTRACTOR == "ner/1" and sarah.provenance.page_sha256 == page.sha256
    assert 0.0 <= sarah.confidence <= 1.0 and "email_valid" in sarah.reasons and "has_title" in sarah.reasons
    assert "Sarah O'Connor" in sarah.evidence
    assert tom.emails == ("tom.okafor@brightlane.co.uk",)
    assert company.name is None and company.emails == ("info@brightlane.co.uk",)
    assert [p.e164 for p in company.phones] == ["+442079460000"] and [p.e164 for p in company.fax] == ["+442079460001"]
    assert facts.name == "Brightlane Logistics Ltd" and facts.country == "GB" and facts.site == "brightlane.co.uk"
    assert [v.value for v in facts.emails] == ["info@brightlane.co.uk"]
    assert [v.value for v in facts.phones] == ["+442079460000"] and [v.value for v in facts.fax] == ["+442079460001"]
    assert [v.value for v in facts.socials] == ["https://linkedin.com/company/brightlane"]
    assert facts.emails[0].provenance == sarah.provenance


def test_extract_candidates_keep_mention_offsets(blank_nlp):
    page = make_page(TEAM_PAGE)
    candidates = extract_candidates(page, nlp=blank_nlp)
    assert candidates[-1].name is None
    name = candidates[0].name
    assert name.value == "Sarah O'Connor" and name.text == "Dr. Sarah O'Connor"
    assert all(m.start == -1 or m.end > m.start for c in candidates for m in c.mentions)


def test_extract_merges_json_ld_people_and_organization(blank_nlp):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Pinecrest Analytics Inc.", "telephone": "+1-415-555-0100",
         "faxNumber": "+1-415-555-0199"},
        {"@type": "Person", "name": "Daniel Okonkwo", "jobTitle": "Founder & CEO",
         "email": "mailto:daniel@pinecrest.com",
         "telephone": "+1-415-555-0101", "sameAs": ["https://www.linkedin.com/in/daniel-okonkwo"]},
        {"@type": "Person", "name": "Rachel Goldberg", "jobTitle": "CFO", "email": "rachel.goldberg@pinecrest.com"}]}
    html = (f'<html lang="en-US"><head><script type="application/ld+json">{json.dumps(graph)}</script></head><body>'
            '<div class="team-member"><h3>Daniel Okonkwo</h3><p>Daniel started Pinecrest in 2016.</p></div>'
            '</body></html>')
    contacts, facts = extract_page(make_page(html, "https://pinecrest.com/about", "pinecrest.com"), nlp=blank_nlp)
    by_name = {c.name.full if c.name else None: c for c in contacts}
    daniel = by_name["Daniel Okonkwo"]
    assert (daniel.title, daniel.emails, [p.e164 for p in daniel.phones], daniel.socials) == (
        "Founder & CEO", ("daniel@pinecrest.com",), ["+14155550101"], ("https://linkedin.com/in/daniel-okonkwo",))
    assert by_name["Rachel Goldberg"].title == "CFO" and "name_jsonld" in by_name["Rachel Goldberg"].reasons
    assert [p.e164 for p in by_name[None].phones] == ["+14155550100"]
    assert [v.value for v in facts.fax] == ["+14155550199"] and facts.name == "Pinecrest Analytics Inc."


def test_extract_pages_keeps_order_across_batches(blank_nlp):
    pages = [make_page(TEAM_PAGE.replace("Tom Okafor", f"Tom Okafor{'x' * i}"), f"https://brightlane.co.uk/{i}")
             for i in range(5)]
    results = list(extract_pages(iter(pages), nlp=blank_nlp, batch_size=2))
    assert [page.url for page, _contacts, _facts in results] == [p.url for p in pages]
    assert all(page is original for (page, _c, _f), original in zip(results, pages))


@pytest.mark.parametrize("html", ["", "<html></html>", "<p>no people here</p>", "\x00\xff garbage <<<>>>"])
def test_extract_page_without_contacts(blank_nlp, html):
    contacts, facts = extract_page(make_page(html), nlp=blank_nlp)
    assert contacts == [] and facts.emails == () and facts.site == "brightlane.co.uk"


def test_extract_chunks_text_longer_than_max_length(blank_nlp):
    blank_nlp.max_length = 200
    try:
        prose = "Filler words go here. " * 40
        html = (f'<html lang="en-US"><body><div class="team-member"><h3>Ann Lee</h3><p>{prose} Ann is our CFO.</p>'
                '</div></body></html>')
        (ann,), _facts = extract_page(make_page(html, "https://x.com/", "x.com"), nlp=blank_nlp)
        assert (ann.name.full, ann.title) == ("Ann Lee", "CFO")
    finally:
        blank_nlp.max_length = 1_000_000


@pytest.mark.model
def test_extract_with_the_model_reads_prose_bios():
    from ner import load_nlp

    html = """<html lang="en-GB"><body><main><h1>Contact</h1>
    <p>Please send payroll documents for the attention of our Practice Manager, Brenda Whitworth, by post or by fax
    to her direct fax line 0161 496 0108.</p>
    <p>“We spent a year tuning models,” said Dr. Robert Kim, Chief Data Officer at Meridian Health Partners.</p>
    </main></body></html>"""
    contacts, _facts = extract_page(make_page(html, "https://hm.co.uk/contact", "hm.co.uk"), nlp=load_nlp())
    (brenda,) = [c for c in contacts if c.name]
    assert (brenda.name.full, brenda.title, [p.e164 for p in brenda.fax]) == (
        "Brenda Whitworth", "Practice Manager", ["+441614960108"])


@pytest.mark.parametrize(("default_region", "e164"), [("US", "+12125550134"), ("GB", "+442079460123")])
def test_extract_default_region_reads_national_numbers(blank_nlp, default_region, e164):
    number = "(212) 555-0134" if default_region == "US" else "020 7946 0123"
    html = f'<html><body><div class="team-member"><h3>Ann Lee</h3><p>CFO</p><p>{number}</p></div></body></html>'
    page = make_page(html, "https://example.com/team", "example.com")
    (ann,), _facts = extract_page(page, nlp=blank_nlp, default_region=default_region)
    assert [p.e164 for p in ann.phones] == [e164]


def test_extract_with_the_model_reads_a_colleague_named_far_from_a_title_word_in_the_same_paragraph():
    from ner import load_nlp

    html = """<html lang="de-DE"><body><main><h1>Unser Team</h1>
    <div class="card"><h3>Frank Lohmann</h3><p>Dachdeckermeister</p></div>
    <p>Dazu kommen acht Gesellen in drei Kolonnen – und Lea Vogt, die donnerstags unsere Baustellenfotos sortiert
    und die Social-Media-Kanäle betreut.</p></main></body></html>"""
    page = make_page(html, "https://www.lohmann-bedachungen.de/team", "lohmann-bedachungen.de")
    contacts, _facts = extract_page(page, nlp=load_nlp())
    assert {c.name.full for c in contacts if c.name} == {"Frank Lohmann", "Lea Vogt"}


def test_extract_with_the_model_reads_a_colleague_the_prose_says_works_here():
    from ner import load_nlp

    html = """<html lang="en-GB"><body><main><h1>Our team</h1>
    <div class="card"><h3>Karen Fenwick</h3><p>Service Manager</p></div>
    <p>Terry Burrows drives our recovery truck and does collections around Swaffham and Dereham.</p>
    <p>Our parts come from a Norwich wholesaler; Pete and Ally Marsh have supplied us for years.</p>
    </main></body></html>"""
    contacts, _facts = extract_page(make_page(html, "https://fenwick.co.uk/team", "fenwick.co.uk"), nlp=load_nlp())
    assert {c.name.full for c in contacts if c.name} == {"Karen Fenwick", "Terry Burrows"}


def test_extract_with_the_model_reads_names_listed_under_a_group_heading():
    from ner import load_nlp

    html = """<html lang="en-GB"><body><main><h1>Who we are</h1>
    <div class="card"><h3>Moira Lennox</h3><p>Club Secretary</p></div>
    <h3>Committee Members</h3><p>Duncan Imrie (Gala Convener), Priya Raman, Stuart Gow.</p>
    <h3>Thanks to</h3><p>Duncan Imrie (Gala Convener), Alan Tosh, Fiona Bain.</p>
    </main></body></html>"""
    page = make_page(html, "https://lennoxasc.org.uk/club", "lennoxasc.org.uk")
    contacts, _facts = extract_page(page, nlp=load_nlp())
    names = {c.name.full for c in contacts if c.name}
    assert {"Priya Raman", "Stuart Gow"} <= names and not {"Alan Tosh", "Fiona Bain"} & names


def test_extract_with_the_model_an_honorific_and_a_hyphened_family_name_is_the_person_named_in_full():
    from ner import load_nlp

    html = """<html lang="en-SG"><body><main><h1>Our leadership</h1>
    <div class="card"><h3>Mrs Evelyn Tan-Wong</h3><p>Principal</p>
    <p>Mrs Tan-Wong joined Eastwood Park as Head of English in 2009 and was appointed Principal in 2017.</p></div>
    <div class="card"><h3>Mr Daniel Koh</h3><p>Vice-Principal</p></div></main></body></html>"""
    page = make_page(html, "https://eastwood.edu.sg/leadership", "eastwood.edu.sg")
    contacts, _facts = extract_page(page, nlp=load_nlp())
    assert {c.name.full for c in contacts if c.name} == {"Evelyn Tan-Wong", "Daniel Koh"}
