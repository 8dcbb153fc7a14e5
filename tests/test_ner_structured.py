"""ner.structured: schema.org JSON-LD Persons and Organizations, tolerant of broken JSON."""

from __future__ import annotations

import json

import pytest

from ner.structured import parse_json_ld

GRAPH = json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "Organization", "@id": "#org", "name": "Pinecrest Analytics Inc.", "email": "info@pinecrest.com",
     "telephone": "+1-415-555-0100", "faxNumber": "+1-415-555-0199",
     "address": {"@type": "PostalAddress", "addressCountry": "US"}, "sameAs": ["https://twitter.com/pinecrest"]},
    {"@type": "Person", "@id": "#daniel", "name": "Daniel Okonkwo", "jobTitle": "Founder & CEO",
     "email": "mailto:daniel@pinecrest.com", "telephone": "+1-415-555-0101", "worksFor": {"@id": "#org"},
     "sameAs": ["https://www.linkedin.com/in/daniel"]},
    {"@type": "BlogPosting", "headline": "Data", "author": {"@id": "#hannah"}},
    {"@type": "Person", "@id": "#hannah", "name": "Hannah Whitaker"},
]})


def test_structured_reads_graph_people_and_organization():
    data = parse_json_ld([GRAPH])
    (daniel,) = data.people
    assert (daniel.name, daniel.title, daniel.emails, daniel.phones, daniel.socials) == (
        "Daniel Okonkwo", "Founder & CEO", ("daniel@pinecrest.com",), ("+1-415-555-0101",),
        ("https://www.linkedin.com/in/daniel",))
    (org,) = data.organizations
    assert (org.name, org.emails, org.phones, org.fax, org.country) == (
        "Pinecrest Analytics Inc.", ("info@pinecrest.com",), ("+1-415-555-0100",), ("+1-415-555-0199",), "US")


def test_structured_reads_organization_employees_and_founders():
    data = parse_json_ld([json.dumps({"@type": "Corporation", "name": "Acme", "employee": [
        {"@type": "Person", "name": "Ann Lee", "jobTitle": "CFO"}], "founder": [
            {"@type": "Person", "name": "Bo Ek", "jobTitle": "Chair"}, {"@type": "Person", "name": "Eva Ek"}]})])
    # A founder named and nothing more may have left long ago (the late father): not read as staff.
    assert [(p.name, p.title) for p in data.people] == [("Ann Lee", "CFO"), ("Bo Ek", "Chair")]


@pytest.mark.parametrize("kind", ["Church", "Plumber", "Dentist", "Winery", "SportsClub"])
def test_structured_reads_the_subtypes_of_organization_and_places_of_worship(kind):
    data = parse_json_ld([json.dumps({"@type": kind, "name": "Bethany Chapel", "telephone": "+233 30 320 4567",
                                      "address": {"@type": "PostalAddress", "addressCountry": "GH"}})])
    assert [(org.name, org.country) for org in data.organizations] == [("Bethany Chapel", "GH")]


def test_structured_reads_a_list_of_top_level_people():
    scripts = [json.dumps([{"@type": "Person", "name": "Venkatesh Sundaram", "jobTitle": "Managing Director"},
                           {"@type": "Person", "givenName": "Meenakshi", "familyName": "Iyer"}])]
    assert [p.name for p in parse_json_ld(scripts).people] == ["Venkatesh Sundaram", "Meenakshi Iyer"]


def test_structured_skips_authors_and_reviewers():
    article = {"@type": "Article", "author": {"@type": "Person", "name": "Camille Roussel"},
               "review": {"@type": "Review", "author": {"@type": "Person", "name": "Tom Critic"}}}
    assert parse_json_ld([json.dumps(article)]).people == []
    assert [p.name for p in parse_json_ld([GRAPH]).people] == ["Daniel Okonkwo"]


@pytest.mark.parametrize("script", [
    "", "{", "not json", "[1, 2, 3]", "null", '"string"', '{"@type": 5}', '{"@graph": "x"}',
    '{"@type": "Person"}', '{"@type": "Person", "name": {"x": 1}}', "[" * 5000 + "]" * 5000,
    '{"@type": ["Person"], "name": ["Ann Lee"], "email": [null, 5, "ann@x.com"]}',
])
def test_structured_never_crashes_on_broken_json(script):
    parse_json_ld([script])


@pytest.mark.parametrize("script", [
    '{"@type": "Person", "name": "Ann Lee", "jobTitle": "CFO",}',
    '<!-- {"@type": "Person", "name": "Ann Lee", "jobTitle": "CFO"} -->',
    '{"@type": "Person", "name": "Ann Lee", "jobTitle": "CFO\tand\nCOO"}',
])
def test_structured_repairs_common_breakage(script):
    assert [p.name for p in parse_json_ld([script]).people] == ["Ann Lee"]


def test_structured_a_classic_hcard_email_span_is_an_address_not_a_url():
    from ner.html import parse_html
    from ner.structured import parse_structured

    page = """<html><body><div class="vcard"><span class="fn">Fatima El Khatib</span>
    <span class="title">Accountmanager</span><span class="email">fatima@acme.nl</span></div></body></html>"""
    dom = parse_html(page)
    data = parse_structured(dom.json_ld, page, base_url="https://www.acme.nl/team/")
    assert [person.emails for person in data.people] == [("fatima@acme.nl",)]


def test_structured_a_department_mailbox_on_an_hcard_is_the_companys():
    import hashlib
    from datetime import UTC, datetime

    import ner
    from leadscout.records import MentionKind, Page
    from ner.extract import extract_candidates

    html = """<html lang="nl-BE"><body><article class="h-card vcard"><h3 class="fn p-name">Ruben D'Hondt</h3>
    <p class="role">Verkoop</p><a class="email u-email" href="mailto:bestellingen@acme.be">bestellingen@acme.be</a>
    <a class="email u-email" href="mailto:ruben@acme.be">ruben@acme.be</a></article></body></html>"""
    page = Page(url="https://acme.be/team", site="acme.be", fetched_at=datetime(2024, 1, 1, tzinfo=UTC), status=200,
                sha256=hashlib.sha256(html.encode()).hexdigest(), html=html)
    found = {c.name.value if c.name else None: [m.value for m in c.mentions if m.kind is MentionKind.EMAIL]
             for c in extract_candidates(page, nlp=ner.load_nlp())}
    assert found["Ruben D'Hondt"] == ["ruben@acme.be"] and "bestellingen@acme.be" in found[None]
