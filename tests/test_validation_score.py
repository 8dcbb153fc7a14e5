"""validation.score: one 0..1 confidence per contact, explained by reason codes."""

from __future__ import annotations

import pytest

from leadscout.records import NameParts, Phone
from validation.names import name_problems
from validation.score import WEIGHTS, score_contact

JANE = NameParts(full="Jane Smith", given="Jane", family="Smith")
UK_PHONE = Phone(e164="+442079460123", raw="020 7946 0123")


def test_score_complete_contact_is_confident():
    confidence, reasons = score_contact(name=JANE, title="CEO", emails=["jane.smith@acme.co.uk"], phones=[UK_PHONE],
                                        site_domains={"acme.co.uk"}, name_sources={"structure", "spacy"})
    assert confidence == 1.0
    assert reasons == ("email_valid", "email_domain_matches_site", "phone_valid", "name_real",
                       "name_structure_and_ner", "has_title")


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"emails": ["not an email"]}, "email_invalid"),
    ({"emails": ["jane@gmail.com"], "site_domains": {"acme.co.uk"}}, "email_domain_foreign"),
    ({"emails": ["jane@mail.acme.co.uk"], "site_domains": {"acme.co.uk"}}, "email_domain_matches_site"),
    ({"phones": [Phone(e164="+4412", raw="12")]}, "phone_invalid"),
    ({"name": NameParts(full="Asdfgh Qwerty", given="Asdfgh", family="Qwerty")}, "name_suspect"),
    ({"name": NameParts(full="Jane", given="Jane", family="")}, "name_single_part"),
    ({"name_sources": {"spacy"}}, "name_ner_only"),
    ({"name_sources": {"jsonld"}}, "name_jsonld"),
    ({"name_sources": {"label"}}, "name_structure"),
    ({"name": None}, "company_contact_point"),
])
def test_score_reasons(kwargs, reason):
    arguments = {"name": JANE, "title": None, "emails": [], "phones": []} | kwargs
    _confidence, reasons = score_contact(**arguments)
    assert reason in reasons


@pytest.mark.parametrize(("better", "worse"), [
    ({"name_sources": {"structure", "spacy"}}, {"name_sources": {"spacy"}}),
    ({"emails": ["jane@acme.co.uk"]}, {"emails": ["jane@@acme"]}),
    ({"title": "CFO"}, {"title": None}),
    ({"name": JANE}, {"name": NameParts(full="John Doe", given="John", family="Doe")}),
])
def test_score_orders_evidence(better, worse):
    base = {"name": JANE, "title": None, "emails": [], "phones": [], "site_domains": {"acme.co.uk"}}
    assert score_contact(**base | better)[0] > score_contact(**base | worse)[0]


def test_score_is_clipped_to_unit_interval():
    confidence, _ = score_contact(name=NameParts(full="ZZZZ XXXX", given="ZZZZ", family="XXXX"), title=None,
                                  emails=["bad", "worse"], phones=[Phone(e164="+1", raw="1")], name_sources={"spacy"})
    assert 0.0 <= confidence <= 1.0
    assert set(WEIGHTS) >= {"email_valid", "phone_valid", "name_real", "has_title"}


@pytest.mark.parametrize(("name", "problems"), [
    ("Sarah O'Connor", ()), ("Ciarán Ó Súilleabháin", ()), ("Chen Jiahui", ()), ("Lan Nguyễn", ()),
    ("John Doe", ("name_placeholder",)), ("Max Mustermann", ("name_placeholder",)),
    ("JANE SMITH", ("name_all_caps",)), ("Qwerty Asdf", ("name_gibberish",)), ("Xxx Smith", ("name_gibberish",)),
    ("Brrngh Smith", ("name_gibberish",)), ("Cher", ("name_single_part",)),
])
def test_score_name_problems(name, problems):
    assert name_problems(name) == problems
