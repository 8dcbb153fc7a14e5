"""validation.score.assess: per-field checks and the cluster score become one explained verdict."""

from __future__ import annotations

import pytest

from validation.batch import ValidateOptions, validate_leads
from validation.contact import Lead, check_contact
from validation.reasons import CATALOGUE
from validation.score import assess

JANE = Lead(name="Jane Smith", emails=("jane.smith@acme.com",), phones=("+1 201 555 0123",), company="Acme Inc",
            website="https://acme.com", title="CFO")


@pytest.mark.parametrize(("lead", "verdict", "codes"), [
    (JANE, "valid", {"email_company_domain", "phone_valid", "name_real", "has_title"}),
    (Lead(name="Jane Smith", emails=("jane@gmail.com",), website="acme.com"), "valid", {"email_free_provider"}),
    (Lead(name="", emails=("info@acme.com",), website="acme.com"), "suspect", {"email_role_address", "name_missing"}),
    (Lead(name="Asdf Qwerty", emails=("asdf@gmail.com",)), "invalid", {"name_gibberish"}),
    (Lead(name="Jane Smith", emails=("jane@mailinator.com",)), "invalid", {"email_disposable"}),
    (Lead(name="Jane Smith", emails=("jane@@acme.com",)), "invalid", {"email_invalid_syntax", "no_contact_point"}),
    (Lead(name="Jane Smith", emails=("jane@@acme.com",), phones=("+44 20 7946 0123",)), "suspect",
     {"email_invalid_syntax", "phone_valid"}),
    (Lead(name="Jane Smith"), "invalid", {"no_contact_point"}),
    (Lead(name="Jane Smith", phones=("+49 900 1234567",), country="DE"), "suspect", {"phone_premium_rate"}),
    (Lead(name="Jane Smith", phones=("+44 20 7946 0123",), country="DE"), "valid", {"phone_country_mismatch"}),
    (Lead(name="John Doe", emails=("john@acme.com",), website="acme.com"), "invalid", {"name_placeholder"}),
])
def test_assess_verdicts_and_reasons(lead, verdict, codes):
    result = assess(check_contact(lead, default_region="US"))
    assert result.verdict == verdict, [(r.code, r.weight) for r in result.reasons]
    assert codes <= {r.code for r in result.reasons}
    assert all(r.message.endswith(".") and r.code in CATALOGUE for r in result.reasons)


def test_assess_messages_never_contain_the_address_or_number():
    lead = Lead(name="Jane Smith", emails=("jane.smith@gmail.com",), phones=("+44 20 7946 0123",), country="DE")
    for item in assess(check_contact(lead)).reasons:
        assert "jane.smith" not in item.message and "7946" not in item.message


def test_assess_cluster_score_moves_confidence_and_explains_itself():
    checks = check_contact(JANE)
    near, far = assess(checks, cluster_score=1.0), assess(checks, cluster_score=0.0)
    assert near.confidence > assess(checks).confidence > far.confidence
    assert "cluster_close" in {r.code for r in near.reasons} and "cluster_far" in {r.code for r in far.reasons}


def test_assess_blocking_reasons_come_first():
    result = assess(check_contact(Lead(name="Asdf Qwerty", emails=("asdf@acme.com",), website="acme.com")))
    assert result.reasons[0].code == "name_gibberish" and result.fake_name


def test_assess_batch_is_deterministic_and_in_input_order():
    leads = [JANE, Lead(name="Asdf Qwerty", emails=("asdf@gmail.com",))] * 20
    first = validate_leads(leads, ValidateOptions(dns=None))
    second = validate_leads(leads, ValidateOptions(dns=None))
    assert [a.verdict for a in first.assessments] == ["valid", "invalid"] * 20
    assert first.assessments == second.assessments
    assert first.cluster.method == "hdbscan"
