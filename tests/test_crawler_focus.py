"""Focused crawling: ranking, canonical URLs, traps, sitemaps, and a per-site account of what was skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.linkrank import canonical_url, link_score, skip_reason
from leadscout.store import create_store_engine
from leadscout.store.crawl import site_reports
from tests.conftest import run_cli
from tests.webserver import Reply, serve


@pytest.mark.parametrize(("url", "anchor"), [
    ("https://a.com/team", ""), ("https://a.com/x", "Our Team"), ("https://a.de/impressum", ""),
    ("https://a.de/ueber-uns/", ""), ("https://a.fr/mentions-legales", ""), ("https://a.fr/x", "L'équipe"),
    ("https://a.es/equipo", ""), ("https://a.it/chi-siamo", ""), ("https://a.nl/over-ons", ""),
    ("https://a.pt/quem-somos", ""), ("https://a.com/leadership", ""), ("https://a.com/our-firm/attorneys", ""),
    ("https://a.com/contact-us", ""), ("https://a.com/management", ""),
])
def test_linkrank_people_pages_outrank_others(url: str, anchor: str) -> None:
    assert link_score(url, anchor) > link_score("https://a.com/products/widget", "Widget")
    assert link_score(url, anchor) > link_score("https://a.com/blog/2024/post", "Read more")


@pytest.mark.parametrize(("url", "reason"), [
    ("https://a.com/brochure.PDF", "binary"), ("https://a.com/img/team.jpg", "binary"),
    ("https://a.com/events/calendar?month=2031-05", "trap"), ("https://a.com/agenda/2031/05", "trap"),
    ("https://a.com/2024/05/01/archive/2023/05/", "trap"), ("https://a.com/list?a=1&b=2&c=3", "query_string"),
    ("https://a.com/team", None), ("https://a.com/team?page=2", None),
])
def test_linkrank_skip_reason(url: str, reason: str | None) -> None:
    assert skip_reason(url) == reason


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://a.com/team#anna", "https://a.com/team"),
    ("https://a.com/team;jsessionid=ABC123?b=2&a=1", "https://a.com/team?a=1&b=2"),
    ("https://a.com/team?utm_source=x&PHPSESSID=1&page=2", "https://a.com/team?page=2"),
])
def test_linkrank_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_crawler_focus_sitemap_leads_to_unlinked_people_page_and_stats_explain(tmp_path: Path) -> None:
    links = "".join(f'<a href="/news/{i}.html">News {i}</a>' for i in range(20))
    home = f'<html><body>{links}<a href="/a.pdf">PDF</a><a href="https://other.example/">x</a>' \
           f'<a href="/team.html#top">Team</a><a href="/team.html?utm_source=nav">Team</a></body></html>'
    site_url: list[str] = []

    def sitemap() -> Reply:
        base = site_url[0]
        return Reply(200, f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                          f'<url><loc>{base}people/leadership.html</loc></url>'
                          f'<url><loc>{base}news/99.html</loc></url></urlset>',
                     {"Content-Type": "application/xml"})

    routes = {"/robots.txt": Reply(404), "/": Reply(200, home), "/sitemap.xml": sitemap,
              "/team.html": Reply(200, "<p>team</p>"), "/people/leadership.html": Reply(200, "<p>lead</p>")}
    db = f"sqlite:///{tmp_path / 'f.db'}"
    with serve(routes, default=Reply(200, "<p>news</p>")) as site:
        site_url.append(site.url)
        result = run_cli("crawl", site.url, "--allow-private", "--delay", "0", "--no-extract",
                         "--max-pages-per-site", "6", "--db", db)
        fetched = [p for p in site.paths() if p not in ("/robots.txt", "/sitemap.xml")]
    assert result.returncode == 0, result.stderr
    assert "/people/leadership.html" in fetched  # only the sitemap knew it
    assert fetched.count("/team.html") == 1  # three spellings, one page
    assert len(fetched) == 6
    [report] = site_reports(create_store_engine(db), 1)
    assert report.pages_fetched == 6
    assert report.links_skipped["binary"] == 1
    assert report.links_skipped["off_site"] == 1
    assert report.links_skipped["page_budget"] >= 15
    table = run_cli("status", "1", "--sites", "--db", db)
    assert table.returncode == 0 and "page_budget" in table.stdout


@pytest.mark.parametrize(("better", "worse"), [
    ("https://a.de/impressum", "https://a.de/presse"),  # whole words: "impressum" holds no "press"
    ("https://a.com/team", "https://a.com/contact"),  # a people page beats a contact page
    ("https://a.de/ansprechpartner", "https://a.de/karriere"),
    ("https://a.com/x", "https://a.com/team/blog"),  # a low-value word counts against
])
def test_linkrank_orders_pages_by_what_they_hold(better: str, worse: str) -> None:
    anchor = "Our team" if better.endswith("/x") else ""
    assert link_score(better, anchor) > link_score(worse, "")
