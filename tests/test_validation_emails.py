"""validation.emails / deliverability / smtp: syntax, lists, domain match, DNS on loopback, SMTP on loopback."""

from __future__ import annotations

import time

import pytest

from tests.dnsserver import Zone, dns_server
from tests.validation_support import MailboxHandler, mail_zone, smtp_server
from validation.deliverability import DnsOptions, DomainChecker, parse_nameserver
from validation.emails import check_email, is_role
from validation.errors import DnsConfigError
from validation.smtp import MailboxProber, SmtpOptions


@pytest.fixture(scope="module")
def mail_dns():
    zone = mail_zone()
    with dns_server(zone, ttl=300) as address:
        yield address, zone


@pytest.mark.parametrize(("address", "normalized"), [
    ("Jane.Doe@Acme.COM", "Jane.Doe@acme.com"),
    ("  jane@acme.com ", "jane@acme.com"),
    ("jörg@bücher.de", "jörg@bücher.de"),
])
def test_emails_normalises_valid_syntax(address, normalized):
    assert check_email(address).normalized == normalized


@pytest.mark.parametrize("address", ["jane@@acme.com", "jane", "jane@acme", "jane doe@acme.com", "@acme.com", ""])
def test_emails_rejects_bad_syntax_with_a_reason(address):
    check = check_email(address)
    assert check.normalized is None and not check.valid_syntax
    assert check.syntax_error and (not address.strip() or address.strip() not in check.syntax_error)


@pytest.mark.parametrize(("address", "disposable", "free"), [
    ("x@mailinator.com", True, True), ("x@guerrillamail.com", True, False), ("x@gmail.com", False, True),
    ("x@web.de", False, True), ("x@acme.com", False, False),
])
def test_emails_flags_disposable_and_free_providers(address, disposable, free):
    check = check_email(address)
    assert (check.disposable, check.free) == (disposable, free)


@pytest.mark.parametrize(("local", "role"), [
    ("info", True), ("Sales", True), ("support-team", True), ("jane-support", False), ("postmaster", True), ("sales-team2", True),
    ("info+web", True), ("jane.doe", False), ("hr", True), ("kontakt", True), ("jinfo", False),
])
def test_emails_flags_role_addresses(local, role):
    assert is_role(local) is role


@pytest.mark.parametrize(("address", "website", "company", "matches"), [
    ("jane@acme.com", "https://www.acme.com/team", "", True),
    ("jane@mail.acme.co.uk", "acme.co.uk", "", True),
    ("jane@acme.com", "acme.co.uk", "", False),
    ("jane@gmail.com", "acme.com", "", False),
    ("jane@acme.de", "", "ACME GmbH", True),
    ("jane@kessler-maschinenbau.de", "", "Kessler Maschinenbau GmbH", True),
    ("jane@other.de", "", "ACME GmbH", False),
    ("jane@acme.com", "", "", None),
])
def test_emails_domain_matches_company(address, website, company, matches):
    assert check_email(address, website=website, company=company).company_domain is matches


@pytest.mark.parametrize(("domain", "status", "deliverable"), [
    ("acme.com", "mx", True),
    ("nomail.com", "null_mx", False),
    ("afallback.com", "a_fallback", True),
    ("six.com", "aaaa_fallback", True),
    ("loopback.com", "no_mail_records", False),
    ("norecords.com", "no_mail_records", False),
    ("missing-domain.com", "nxdomain", False),
])
def test_emails_dns_deliverability_on_loopback_server(mail_dns, domain, status, deliverable):
    checker = DomainChecker(DnsOptions(nameserver=mail_dns[0], timeout=2))
    check = check_email(f"jane@{domain}", dns=checker)
    assert (check.dns_status, check.deliverable) == (status, deliverable)


def test_emails_dns_timeout_is_unknown_not_undeliverable(mail_dns):
    checker = DomainChecker(DnsOptions(nameserver=mail_dns[0], timeout=0.3))
    started = time.monotonic()
    check = check_email("jane@slow.com", dns=checker)
    assert (check.dns_status, check.deliverable) == ("timeout", None)
    assert time.monotonic() - started < 1.4


def test_emails_dns_cache_looks_each_domain_up_once():
    zone = Zone(mx={"acme.com": [(10, "mx.acme.com")]})
    with dns_server(zone, ttl=300) as address:
        checker = DomainChecker(DnsOptions(nameserver=address))
        checker.prefetch(["acme.com", "acme.com", "missing-domain.com"])
        for _ in range(50):
            assert check_email("jane@acme.com", dns=checker).deliverable
    assert checker.lookups == 2
    assert zone.queries.count(("acme.com", "MX")) == 1


@pytest.mark.parametrize(("text", "parsed"), [("127.0.0.1:5353", ("127.0.0.1", 5353)), ("10.0.0.2", ("10.0.0.2", 53)),
                                              ("[::1]:53", ("::1", 53))])
def test_emails_parse_nameserver(text, parsed):
    assert parse_nameserver(text) == parsed


@pytest.mark.parametrize("text", ["dns.example:53", "127.0.0.1:99999", "127.0.0.1:x", ""])
def test_emails_parse_nameserver_refuses_bad_values(text):
    with pytest.raises(DnsConfigError, match="IP:PORT"):
        parse_nameserver(text)


@pytest.fixture
def smtp_setup(mail_dns):
    handler = MailboxHandler(mailboxes={"jane@acme.com"}, catch_all_domains={"catchall.com"})
    with smtp_server(handler) as port:
        checker = DomainChecker(DnsOptions(nameserver=mail_dns[0]))
        yield handler, port, checker


@pytest.mark.parametrize(("address", "status", "code"), [
    ("jane@acme.com", "accepted", 250),
    ("nobody@acme.com", "rejected", 550),
    ("anyone@catchall.com", "catch_all", 250),
])
def test_emails_smtp_mailbox_check_against_local_server(smtp_setup, address, status, code):
    handler, port, checker = smtp_setup
    prober = MailboxProber(SmtpOptions(enabled=True, port=port, min_interval=0, allow_private=True), checker.addresses)
    check = check_email(address, dns=checker, smtp=prober)
    assert (check.mailbox.status, check.mailbox.code) == (status, code)
    assert handler.data_commands == 0  # never a message


def test_emails_smtp_is_off_by_default_and_refuses_private_servers(smtp_setup):
    handler, port, checker = smtp_setup
    off = MailboxProber(SmtpOptions(port=port), checker.addresses)
    assert check_email("jane@acme.com", dns=checker, smtp=off).mailbox.status == "not_checked"
    guarded = MailboxProber(SmtpOptions(enabled=True, port=port, min_interval=0), checker.addresses)
    result = check_email("jane@acme.com", dns=checker, smtp=guarded).mailbox
    assert (result.status, result.detail) == ("unknown", "mail server has no public address")
    assert handler.rcpts == []


def test_emails_smtp_rate_limit_spaces_probes_per_server(smtp_setup):
    _handler, port, checker = smtp_setup
    prober = MailboxProber(SmtpOptions(enabled=True, port=port, min_interval=0.3, allow_private=True, max_probes=3),
                           checker.addresses)
    started = time.monotonic()
    statuses = [check_email(f"user{i}@acme.com", dns=checker, smtp=prober).mailbox.status for i in range(4)]
    assert time.monotonic() - started >= 0.6  # three probes of one server: two waits
    assert statuses[:3] == ["rejected"] * 3 and statuses[3] == "unknown"
