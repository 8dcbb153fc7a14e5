"""ner.structured beyond JSON-LD: schema.org microdata and RDFa, hCard and h-card, and Persons placed elsewhere."""

from __future__ import annotations

import json

import pytest

from ner.structured import parse_embedded, parse_json_ld, parse_structured

MICRODATA = """<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme GmbH</span>
<span itemprop="telephone">+49 30 1234567</span><a itemprop="email" href="mailto:info@acme.de">x</a>
<div itemprop="employee" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jana Roth</span>
<span itemprop="jobTitle">Leiterin Vertrieb</span><a itemprop="email" href="mailto:j.roth@acme.de">x</a></div>
<div itemprop="contactPoint" itemscope itemtype="https://schema.org/ContactPoint">
<span itemprop="telephone">+49 30 1234568</span><span itemprop="faxNumber">+49 30 1234569</span></div></div>"""
RDFA = """<body vocab="https://schema.org/"><div typeof="Organization" resource="#o"><span property="name">Acme SAS</span>
<div property="member" typeof="Person"><span property="name">Luc Faure</span><span property="jobTitle">Trésorier</span>
<a property="email" href="mailto:luc@acme.fr">x</a><span property="telephone">04 76 12 34 56</span></div>
<span property="telephone">04 76 12 34 50</span></div></body>"""
HCARD = """<div class="vcard"><span class="fn">Declan Keane</span><span class="title">Managing Partner</span>
<a class="email" href="mailto:declan@kmca.ie">x</a><span class="tel">+353 21 427 1190</span></div>
<div class="h-card"><span class="p-name">Aoife Brennan</span><span class="p-job-title">Audit Manager</span>
<a class="u-email" href="mailto:aoife@kmca.ie">x</a></div>
<div class="vcard"><span class="fn org">Keane Moriarty</span><span class="tel">+353 21 427 1100</span></div>"""


@pytest.mark.parametrize(("markup", "people", "org_phones"), [
    (MICRODATA, [("Jana Roth", "Leiterin Vertrieb", ("j.roth@acme.de",))],
     ("+49 30 1234567", "+49 30 1234568")),
    (RDFA, [("Luc Faure", "Trésorier", ("luc@acme.fr",))], ("04 76 12 34 50",)),
    (HCARD, [("Declan Keane", "Managing Partner", ("declan@kmca.ie",)),
             ("Aoife Brennan", "Audit Manager", ("aoife@kmca.ie",))], ("+353 21 427 1100",)),
])
def test_structured_reads_microdata_rdfa_and_hcards(markup: str, people, org_phones):
    data = parse_embedded(f"<html>{markup}</html>", base_url="https://acme.example/")
    assert [(p.name, p.title, p.emails) for p in data.people] == people
    assert tuple(phone for org in data.organizations for phone in org.phones) == org_phones


def test_structured_microdata_contact_point_fax_and_org_email():
    (org,) = parse_embedded(f"<html>{MICRODATA}</html>").organizations
    assert (org.name, org.emails, org.fax) == ("Acme GmbH", ("info@acme.de",), ("+49 30 1234569",))


def test_structured_pages_without_such_markup_skip_extruct():
    assert parse_embedded("<html><p>Jane Smith, CEO</p></html>").people == []


@pytest.mark.parametrize("markup", ["<div itemscope><<<", "<body vocab='https://schema.org/'><p typeof=>",
                                    "<div class='h-card'>" * 50])
def test_structured_broken_markup_never_raises(markup: str):
    parse_embedded(markup)


def test_structured_event_performers_and_other_employers_are_outsiders():
    event = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Prairie Automation"},
        {"@type": "Event", "performer": [{"@type": "Person", "name": "Lena Hoffmann"}]},
        {"@type": "Person", "name": "Carlos Mendoza", "worksFor": {"@type": "Organization", "name": "Castings Inc"}},
        {"@type": "Person", "name": "Tyrone Brooks", "worksFor": {"@type": "Organization", "name": "Prairie Automation"}},
    ]})
    data = parse_json_ld([event])
    assert [p.name for p in data.people] == ["Tyrone Brooks"]
    assert set(data.outsiders) == {"Lena Hoffmann", "Carlos Mendoza"}


def test_structured_combines_json_ld_with_embedded_syntaxes():
    script = json.dumps({"@type": "Person", "name": "Ann Lee", "jobTitle": "CFO"})
    data = parse_structured([script], f"<html>{HCARD}</html>")
    assert [p.name for p in data.people] == ["Ann Lee", "Declan Keane", "Aoife Brennan"]
