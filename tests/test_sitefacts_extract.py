"""Company facts read from pages built here: technology, address, socials, builder, name and country."""

from __future__ import annotations

import pytest

from enrichment.address import country_code, is_postal_code
from enrichment.sitepages import SiteFact, main_contact_points, site_facts_of
from enrichment.techstack import detect_technology
from leadscout.records import Provenance
from tests.sitefacts_pages import (CLOUDFLARE_NGINX, FETCHED, IMPRESSUM, MICRODATA, NEXTJS, NGINX_FASTLY, SHOPIFY,
                                   VERCEL, WORDPRESS, WORDPRESS_CAREERS, page)


def values(facts: list[SiteFact], field: str) -> set[str]:
    return {f.value for f in facts if f.field == field}


def one(facts: list[SiteFact], field: str) -> SiteFact:
    [fact] = [f for f in facts if f.field == field]
    return fact


@pytest.fixture(scope="module")
def wordpress() -> list[SiteFact]:
    return site_facts_of("acme-widgets.co.uk", [
        page("https://acme-widgets.co.uk/careers/", WORDPRESS_CAREERS, CLOUDFLARE_NGINX,
             title="Careers | Acme Widgets"),
        page("https://acme-widgets.co.uk/", WORDPRESS, CLOUDFLARE_NGINX, title="Home | Acme Widgets"),
    ])


@pytest.mark.parametrize(("field", "expected"), [
    ("company", {"Acme Widgets Ltd"}),
    ("country", {"GB"}),
    ("cms", {"WordPress"}),
    ("generator", {"WordPress 6.5.2"}),
    ("wp_plugin", {"contact-form-7", "woocommerce", "wordpress-seo", "wp-job-manager"}),
    ("wp_theme", {"astra"}),
    ("analytics", {"Google Analytics"}),
    ("hosting", {"Cloudflare"}),
    ("address", {"12 High Street, Bristol BS1 4DJ"}),
    ("postal_code", {"BS1 4DJ"}),
    ("locality", {"Bristol"}),
    ("built_by", {"Pixel Forge Studio"}),
    ("built_by_url", {"https://pixelforge.example/"}),
    ("open_positions", {"3"}),
    ("founded", {"1998"}),
    ("social", {"https://linkedin.com/company/acme-widgets", "https://twitter.com/acmewidgets",
                "https://facebook.com/acmewidgets", "https://instagram.com/acmewidgets",
                "https://youtube.com/@acmewidgets", "https://github.com/acme-widgets"}),
])
def test_sitefacts_extract_wordpress_site(wordpress: list[SiteFact], field: str, expected: set[str]) -> None:
    assert values(wordpress, field) == expected


def test_sitefacts_extract_wordpress_technology_lists_every_product(wordpress: list[SiteFact]) -> None:
    assert {"WordPress", "PHP", "jQuery", "Google Analytics", "Cloudflare"} <= values(wordpress, "technology")
    assert not values(wordpress, "technology") & {"contact-form-7", "astra", "WordPress 6.5.2"}


@pytest.mark.parametrize(("field", "value", "url", "extractor"), [
    ("company", "Acme Widgets Ltd", "https://acme-widgets.co.uk/", "enrichment.sitefacts.name.meta/1"),
    ("country", "GB", "https://acme-widgets.co.uk/", "enrichment.sitefacts.country.lang/1"),
    ("address", "12 High Street, Bristol BS1 4DJ", "https://acme-widgets.co.uk/",
     "enrichment.sitefacts.address.footer/1"),
    ("wp_plugin", "wp-job-manager", "https://acme-widgets.co.uk/careers/", "enrichment.techstack.rules/1"),
    ("hosting", "Cloudflare", "https://acme-widgets.co.uk/", "enrichment.techstack.wappalyzer/1"),
    ("generator", "WordPress 6.5.2", "https://acme-widgets.co.uk/", "enrichment.techstack.generator/1"),
    ("built_by", "Pixel Forge Studio", "https://acme-widgets.co.uk/", "enrichment.sitefacts.credit.credit/1"),
    ("open_positions", "3", "https://acme-widgets.co.uk/careers/", "enrichment.company/1"),
])
def test_sitefacts_extract_keeps_provenance_per_field(wordpress: list[SiteFact], field: str, value: str, url: str,
                                                      extractor: str) -> None:
    [fact] = [f for f in wordpress if f.field == field and f.value == value]
    assert (fact.provenance.source_url, fact.provenance.extractor, fact.provenance.fetched_at) == (url, extractor,
                                                                                                  FETCHED)
    assert len(fact.provenance.page_sha256) == 64


def test_sitefacts_extract_staff_profiles_are_not_company_socials(wordpress: list[SiteFact]) -> None:
    assert not any("/in/" in v or "sharer" in v for v in values(wordpress, "social"))


@pytest.mark.parametrize(("html", "headers", "field", "expected"), [
    (SHOPIFY, NGINX_FASTLY, "cms", {"Shopify"}),
    (SHOPIFY, NGINX_FASTLY, "tag_manager", {"Google Tag Manager"}),
    (SHOPIFY, NGINX_FASTLY, "analytics", {"Segment", "Plausible", "HubSpot"}),
    (SHOPIFY, NGINX_FASTLY, "hosting", {"Nginx", "Varnish", "Fastly", "Shopify"}),
    (NEXTJS, VERCEL, "js_library", {"Next.js"}),
    (NEXTJS, VERCEL, "hosting", {"Vercel"}),
    (NEXTJS, VERCEL, "analytics", {"Matomo Analytics"}),
    (NEXTJS, {}, "hosting", set()),
])
def test_sitefacts_extract_technology(html: str, headers: dict, field: str, expected: set[str]) -> None:
    hits = detect_technology("https://shop.example/", html, headers)
    assert {h.value for h in hits if h.field == field} >= expected
    if not expected:
        assert not {h.value for h in hits if h.field == field}


@pytest.mark.parametrize("fingerprints", [True, False])
def test_sitefacts_extract_rules_work_without_fingerprints(fingerprints: bool) -> None:
    hits = detect_technology("https://acme-widgets.co.uk/", WORDPRESS, CLOUDFLARE_NGINX, fingerprints=fingerprints)
    found = {(h.field, h.value) for h in hits}
    assert {("cms", "WordPress"), ("hosting", "Cloudflare"), ("analytics", "Google Analytics"),
            ("wp_plugin", "woocommerce")} <= found


def test_sitefacts_extract_german_impressum() -> None:
    facts = site_facts_of("mueller-soehne.de", [
        page("https://mueller-soehne.de/impressum", IMPRESSUM, title="Impressum - Müller & Söhne Feinmechanik GmbH")])
    assert values(facts, "address") == {"Industriestraße 7a, 73730 Esslingen am Neckar"}
    assert (values(facts, "postal_code"), values(facts, "locality")) == ({"73730"}, {"Esslingen am Neckar"})
    assert values(facts, "country") == {"DE"} and one(facts, "country").provenance.extractor.endswith("tld/1")
    assert values(facts, "company") == {"Müller & Söhne Feinmechanik GmbH"}
    assert values(facts, "built_by") == {"Webwerk Stuttgart"}
    assert one(facts, "address").provenance.extractor == "enrichment.sitefacts.address.imprint/1"


@pytest.mark.parametrize(("url", "html", "address", "postal_code", "how"), [
    ("https://lumen.example/", NEXTJS, "1 Harbour Road, H91 X2C3 Galway", "H91 X2C3", "jsonld"),
    ("https://atelier-brunet.example/contact", MICRODATA, "12 rue des Tanneurs, 69002 Lyon", "69002", "microdata"),
    ("https://northwind.example/", SHOPIFY, "500 Pine Street, Seattle, WA 98101", "98101", "footer"),
])
def test_sitefacts_extract_structured_and_footer_addresses(url: str, html: str, address: str, postal_code: str,
                                                           how: str) -> None:
    facts = site_facts_of(url.split("/")[2], [page(url, html)])
    assert values(facts, "address") == {address} and values(facts, "postal_code") == {postal_code}
    assert one(facts, "address").provenance.extractor == f"enrichment.sitefacts.address.{how}/1"


def test_sitefacts_extract_company_name_is_not_its_own_builder() -> None:
    facts = site_facts_of("lumen.example", [page("https://lumen.example/", NEXTJS)])
    assert values(facts, "company") == {"Lumen Labs Inc."} and not values(facts, "built_by")
    assert values(facts, "social") == {"https://linkedin.com/company/lumen-labs-example"}


def test_sitefacts_extract_credit_without_link() -> None:
    facts = site_facts_of("northwind.example", [page("https://northwind.example/", SHOPIFY)])
    assert values(facts, "built_by") == {"Rainier Creative"} and not values(facts, "built_by_url")


def test_sitefacts_extract_main_contact_points_prefer_the_most_pages_then_info() -> None:
    def fact(field: str, value: str, url: str) -> SiteFact:
        return SiteFact(field=field, value=value, provenance=Provenance(
            source_url=url, fetched_at=FETCHED, extractor="ner/1", page_sha256="a" * 64))

    rows = [fact("email", "sales@acme.com", "https://acme.com/contact"),
            fact("email", "info@acme.com", "https://acme.com/"),
            fact("phone", "+442079460000", "https://acme.com/"), fact("phone", "+442079460099", "https://acme.com/x"),
            fact("phone", "+442079460099", "https://acme.com/contact")]
    main = {f.field: f for f in main_contact_points(rows)}
    assert main["main_email"].value == "info@acme.com" and main["main_phone"].value == "+442079460099"
    assert main["main_phone"].provenance.source_url == "https://acme.com/x"
    assert main["main_phone"].provenance.extractor == "enrichment.sitefacts.main/1"


@pytest.mark.parametrize(("text", "country", "valid"), [
    ("70565", "DE", True), ("705651", "DE", False), ("E16 1AA", "GB", True), ("94105", "US", True),
    ("94105-1234", "US", True), ("2009", "AU", True), ("75009", "FR", True), ("ABC", "FR", False),
])
def test_sitefacts_extract_postal_codes_follow_the_country_format(text: str, country: str, valid: bool) -> None:
    assert is_postal_code(text, country) is valid


@pytest.mark.parametrize(("value", "code"), [("DE", "DE"), ("de", "DE"), ("Germany", "DE"),
                                             ("United Kingdom", "GB"), ("Atlantis", None), ("XX", None)])
def test_sitefacts_extract_country_codes(value: str, code: str | None) -> None:
    assert country_code(value) == code


KARRIERE = """<html lang="de-DE"><head><title>Karriere - Beispiel GmbH</title></head><body>
<div id="col2" class="sidebar"><h3>Schnellkontakt</h3><p>Zentrale: 0711 000000</p></div>
<div id="col1"><h1>Karriere</h1><p>Aktuell sind folgende Stellen zu besetzen:</p>
<ul><li>Konstrukteur (m/w/d)</li><li>Servicetechniker (m/w/d)</li></ul>
<h2>Ihre Ansprechpartnerin</h2></div></body></html>"""
JOBPOSTINGS = """<html><head><title>Jobs at Acme</title><script type="application/ld+json">[
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Account Executive"},
{"@context": "https://schema.org", "@type": "JobPosting", "title": "SDR"}]</script></head>
<body><main><p>Founded in 2001.</p><h3>Life at Acme</h3><h3>Our values</h3></main></body></html>"""
SIDEBAR_ONLY = """<html><head><title>Careers</title></head><body><aside><h3>Quick contact</h3></aside>
<main><h1>Careers</h1><p>No openings right now.</p></main></body></html>"""


@pytest.mark.parametrize(("url", "html", "openings"), [
    ("https://beispiel.de/karriere.html", KARRIERE, {"Konstrukteur (m/w/d)", "Servicetechniker (m/w/d)"}),
    ("https://acme.example/jobs", JOBPOSTINGS, {"Account Executive", "SDR"}),
    ("https://acme.example/careers", SIDEBAR_ONLY, set()),
])
def test_sitefacts_extract_open_positions(url: str, html: str, openings: set[str]) -> None:
    facts = site_facts_of(url.split("/")[2], [page(url, html)], fingerprints=False)
    assert values(facts, "job_opening") == openings
    assert values(facts, "open_positions") == ({str(len(openings))} if openings else set())


def test_sitefacts_extract_huge_page_is_read_at_both_ends() -> None:
    filler = "<p>" + "lorem ipsum dolor sit amet " * 80_000 + "</p>"  # ~2 MB of text
    html = (f"<html><head><meta name='generator' content='WordPress 6.5'></head><body>{filler}"
            "<script src='/wp-content/plugins/late-plugin/app.js'></script></body></html>")
    hits = {(h.field, h.value) for h in detect_technology("https://big.example/", html, {}, fingerprints=False)}
    assert {("cms", "WordPress"), ("wp_plugin", "late-plugin")} <= hits
