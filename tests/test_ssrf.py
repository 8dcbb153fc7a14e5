"""The SSRF guard: non-public addresses in every spelling are refused unless explicitly allowed."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.middlewares.ssrf import (
    AddressPolicy, BlockedRequest, SSRFGuardMiddleware, address_problem, ip_literal_problem,
)
from crawler.resolver import Lookup

PRIVATE_SPELLINGS = [
    ("http://127.0.0.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link_local"),
    ("http://10.0.0.5/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://017700000001/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://100.64.0.1/", "private"),
    ("http://[fd00::1]/", "private"),
    ("http://192.168.1.1:8080/", "private"),
    ("http://224.0.0.1/", "multicast"),
]


@pytest.mark.parametrize(("url", "problem"), PRIVATE_SPELLINGS)
def test_ssrf_ip_literal_problem_reads_every_spelling(url: str, problem: str) -> None:
    assert ip_literal_problem(url) == problem


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700::1111", "93.184.215.14"])
def test_ssrf_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize("url", ["http://acme.com/", "https://kessler-maschinenbau.de/team"])
def test_ssrf_ip_literal_problem_ignores_names(url: str) -> None:
    assert ip_literal_problem(url) is None


def _guard(allow_private: bool) -> tuple[SSRFGuardMiddleware, MemoryStatsCollector]:
    stats = MemoryStatsCollector(get_crawler())
    return SSRFGuardMiddleware(policy=AddressPolicy(allow_private=allow_private), lookup=Lookup(),
                               stats=stats), stats


@pytest.mark.parametrize(("url", "problem"), PRIVATE_SPELLINGS[:11])
def test_ssrf_guard_blocks_private_before_connecting(url: str, problem: str) -> None:
    guard, stats = _guard(allow_private=False)
    with pytest.raises(BlockedRequest) as info:
        asyncio.run(guard.process_request(Request(url)))
    assert info.value.reason == problem
    assert stats.get_value(f"leadscout/ssrf_blocked/{problem}") == 1


def test_ssrf_guard_resolves_names_before_judging() -> None:
    guard, _ = _guard(allow_private=False)
    with pytest.raises(BlockedRequest) as info:
        asyncio.run(guard.process_request(Request("http://localhost:8080/")))
    assert info.value.reason == "loopback"


def test_ssrf_guard_allows_loopback_only_when_configured() -> None:
    guard, stats = _guard(allow_private=True)
    assert asyncio.run(guard.process_request(Request("http://127.0.0.1:9/"))) is None
    assert stats.get_stats() == {}


def test_ssrf_guard_is_off_by_default_in_settings() -> None:
    from crawler import settings

    assert settings.LEADSCOUT_ALLOW_PRIVATE is False
    assert settings.ROBOTSTXT_OBEY is True
    assert settings.DOWNLOADER_MIDDLEWARES["crawler.middlewares.ssrf.SSRFGuardMiddleware"] < 100
