"""The company-facts stage over the store: provenance per field, idempotent re-runs, exports, the demo sites."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from enrichment.sitefacts import collect_site_facts
from leadscout.records import Page
from leadscout.seeds import parse_seed
from leadscout.store import create_store_engine
from leadscout.store.crawl import create_job, save_page, url_hash
from leadscout.store.schema import site_facts, sites
from output.select import load_companies
from tests.conftest import run_cli
from tests.sitefacts_pages import (CLOUDFLARE_NGINX, FETCHED, IMPRESSUM, NGINX_FASTLY, SHOPIFY, WORDPRESS,
                                   WORDPRESS_CAREERS)

ACME = "acme-widgets.co.uk"


def store_page(engine, job: int, url: str, html: str, headers: dict[str, str], title: str | None = None) -> None:
    save_page(engine, job, Page(url=url, site=url.split("/")[2].removeprefix("www."), fetched_at=FETCHED, status=200,
                                sha256=hashlib.sha256(html.encode()).hexdigest(), html=html, title=title,
                                headers=headers))


def contact_point(engine, site: str, field: str, value: str, url: str) -> None:
    """A company contact point as the extraction stage stores it (extractor ner/1)."""
    with engine.begin() as conn:
        sid = conn.execute(select(sites.c.id).where(sites.c.site == site)).scalar_one()
        conn.execute(insert(site_facts).values(site_id=sid, field=field, value=value, source_url=url,
                                               source_sha256=url_hash(url), fetched_at=FETCHED, extractor="ner/1",
                                               page_sha256="e" * 64))


def crawled_store(url: str) -> tuple:
    engine = create_store_engine(url)
    seeds = [parse_seed(f"https://{site}/") for site in (ACME, "northwind.example", "mueller-soehne.de")]
    job = create_job(engine, "crawl", {}, seeds=seeds)
    store_page(engine, job, f"https://{ACME}/", WORDPRESS, CLOUDFLARE_NGINX, "Home | Acme Widgets")
    store_page(engine, job, f"https://{ACME}/careers/", WORDPRESS_CAREERS, CLOUDFLARE_NGINX, "Careers | Acme Widgets")
    store_page(engine, job, "https://northwind.example/", SHOPIFY, NGINX_FASTLY)
    store_page(engine, job, "https://mueller-soehne.de/impressum", IMPRESSUM, {"server": "Apache/2.4.62 (Debian)"},
               "Impressum - Müller & Söhne Feinmechanik GmbH")
    contact_point(engine, ACME, "phone", "+441179460000", f"https://{ACME}/")
    contact_point(engine, ACME, "email", "sales@acme-widgets.co.uk", f"https://{ACME}/careers/")
    contact_point(engine, ACME, "email", "info@acme-widgets.co.uk", f"https://{ACME}/")
    contact_point(engine, ACME, "social", "https://linkedin.com/company/acme-widgets", f"https://{ACME}/")
    return engine, job


def rows(engine) -> dict[tuple[str, str, str], object]:
    with engine.connect() as conn:
        query = select(site_facts, sites.c.site).join(sites, sites.c.id == site_facts.c.site_id)
        return {(r.site, r.field, r.value): r for r in conn.execute(query)}


def test_sitefacts_collect_stores_every_field_with_provenance(store_url: str) -> None:
    engine, job = crawled_store(store_url)
    summary = collect_site_facts(engine, job)
    stored = rows(engine)
    assert summary.sites == 3 and summary.facts > 30 and summary.removed == 0
    for site, field, value, url, extractor in [
        (ACME, "company", "Acme Widgets Ltd", f"https://{ACME}/", "enrichment.sitefacts.name.meta/1"),
        (ACME, "wp_plugin", "wp-job-manager", f"https://{ACME}/careers/", "enrichment.techstack.rules/1"),
        (ACME, "hosting", "Cloudflare", f"https://{ACME}/", "enrichment.techstack.wappalyzer/1"),
        (ACME, "open_positions", "3", f"https://{ACME}/careers/", "enrichment.company/1"),
        (ACME, "main_email", "info@acme-widgets.co.uk", f"https://{ACME}/", "enrichment.sitefacts.main/1"),
        (ACME, "main_phone", "+441179460000", f"https://{ACME}/", "enrichment.sitefacts.main/1"),
        ("northwind.example", "cms", "Shopify", "https://northwind.example/", "enrichment.techstack.wappalyzer/1"),
        ("northwind.example", "hosting", "Fastly", "https://northwind.example/", "enrichment.techstack.rules/1"),
        ("mueller-soehne.de", "address", "Industriestraße 7a, 73730 Esslingen am Neckar",
         "https://mueller-soehne.de/impressum", "enrichment.sitefacts.address.imprint/1"),
        ("mueller-soehne.de", "hosting", "Apache", "https://mueller-soehne.de/impressum",
         "enrichment.techstack.wappalyzer/1"),
    ]:
        row = stored[(site, field, value)]
        assert (row.source_url, row.extractor) == (url, extractor)
        assert row.fetched_at.replace(tzinfo=None) == FETCHED.replace(tzinfo=None) and len(row.page_sha256) == 64
    # Extraction's row for the same social link on the same page is left as it was.
    assert stored[(ACME, "social", "https://linkedin.com/company/acme-widgets")].extractor == "ner/1"
    assert (ACME, "social", "https://github.com/acme-widgets") in stored
    with engine.connect() as conn:
        assert {site: country for site, country in conn.execute(select(sites.c.site, sites.c.country))} == {
            ACME: "GB", "northwind.example": "US", "mueller-soehne.de": "DE"}


def test_sitefacts_collect_is_idempotent(store_url: str) -> None:
    engine, job = crawled_store(store_url)
    collect_site_facts(engine, job)
    before = {key: (row.id, row.source_url, row.extractor, row.page_sha256) for key, row in rows(engine).items()}
    again = collect_site_facts(engine, job)
    after = {key: (row.id, row.source_url, row.extractor, row.page_sha256) for key, row in rows(engine).items()}
    assert after == before and again.removed == 0


def test_sitefacts_collect_replaces_what_pages_no_longer_say(store_url: str) -> None:
    engine, job = crawled_store(store_url)
    collect_site_facts(engine, job)
    redesigned = (WORDPRESS.replace("WordPress 6.5.2", "WordPress 6.6")
                  .replace("plugins/woocommerce", "plugins/fluentform"))
    store_page(engine, job, f"https://{ACME}/", redesigned, {"server": "nginx"}, "Home | Acme Widgets")
    summary = collect_site_facts(engine, job)
    stored = rows(engine)
    assert (ACME, "generator", "WordPress 6.6") in stored and (ACME, "generator", "WordPress 6.5.2") not in stored
    assert (ACME, "wp_plugin", "fluentform") in stored and (ACME, "wp_plugin", "woocommerce") not in stored
    assert (ACME, "hosting", "Nginx") in stored and summary.removed > 0
    assert stored[(ACME, "hosting", "Cloudflare")].source_url == f"https://{ACME}/careers/"  # still sent there
    assert (ACME, "email", "sales@acme-widgets.co.uk") in stored  # extraction's facts are never removed here


def test_sitefacts_collect_touches_only_the_job_sites(sqlite_url: str) -> None:
    engine, job = crawled_store(sqlite_url)
    other = create_job(engine, "crawl", {}, seeds=[parse_seed("https://other.example/")])
    store_page(engine, other, "https://other.example/", SHOPIFY, {})
    assert collect_site_facts(engine, job).sites == 3
    assert not [key for key in rows(engine) if key[0] == "other.example"]
    assert collect_site_facts(engine, None, fingerprints=False).sites == 4


def test_sitefacts_collect_feeds_the_exports(sqlite_url: str) -> None:
    engine, job = crawled_store(sqlite_url)
    collect_site_facts(engine, job)
    with engine.connect() as conn:
        companies = load_companies(conn)
    acme = companies[ACME]
    assert acme.open_positions == 3 and {"WordPress", "Cloudflare", "jQuery"} <= set(acme.technologies)
    assert acme.emails[0] == "info@acme-widgets.co.uk" and acme.phones == ("+441179460000",)
    assert companies["mueller-soehne.de"].name == "Müller & Söhne Feinmechanik GmbH"
    assert companies["northwind.example"].open_positions is None


@pytest.mark.model
def test_sitefacts_demo_sites_each_get_name_country_and_a_contact(tmp_path: Path, demo_sites, expected_sites) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run_cli("crawl", *demo_sites.values(), "--allow-private", "--delay", "0", "--db", db)
    assert result.returncode == 0, result.stderr
    by_port = {url.rstrip("/").split("//")[1]: slug for slug, url in demo_sites.items()}
    facts: dict[str, dict[str, set[str]]] = {slug: {} for slug in demo_sites}
    for (site, field, value), row in rows(create_store_engine(db)).items():
        facts[by_port[site]].setdefault(field, set()).add(value)
        assert row.source_url.startswith(f"http://{site}/") and row.extractor and len(row.page_sha256) == 64
    for expected in expected_sites:
        got = facts[expected["slug"]]
        assert got.get("company") == {expected["company"]}, expected["slug"]
        assert got.get("country") == {expected["country"]}, expected["slug"]
        assert got.get("main_phone") or got.get("main_email"), expected["slug"]
        assert got.get("technology"), expected["slug"]
