from __future__ import annotations

import pytest

from leadscout.seeds import SeedError, parse_seed, site_key


@pytest.mark.parametrize(("text", "url", "site"), [
    ("acme.com", "https://acme.com/", "acme.com"),
    ("  www.acme.co.uk/team ", "https://www.acme.co.uk/team", "acme.co.uk"),
    ("https://Shop.ACME.com:8443/x?y=1", "https://shop.acme.com:8443/x?y=1", "acme.com"),
    ("http://127.0.0.1:8001/", "http://127.0.0.1:8001/", "127.0.0.1:8001"),
    ("localhost:8000", "https://localhost:8000/", "localhost:8000"),
    ("http://[::1]:8080/a", "http://[::1]:8080/a", "[::1]:8080"),
    ("kessler-maschinenbau.de#top", "https://kessler-maschinenbau.de/", "kessler-maschinenbau.de"),
])
def test_seeds_accepts_domains_and_urls(text: str, url: str, site: str) -> None:
    seed = parse_seed(text)
    assert (seed.url, seed.site) == (url, site)


@pytest.mark.parametrize("text", [
    "file:///etc/passwd", "data:text/html,<b>hi</b>", "ftp://acme.com/", "s3://bucket/key",
    "gopher://acme.com/", "javascript:alert(1)", "mailto:ceo@acme.com",
])
def test_seeds_refuses_other_schemes(text: str) -> None:
    with pytest.raises(SeedError, match="not allowed"):
        parse_seed(text)


@pytest.mark.parametrize("text", ["", "   ", "not a url", "acme", "http://", "https://acme.com:99999/"])
def test_seeds_refuses_non_urls(text: str) -> None:
    with pytest.raises(SeedError):
        parse_seed(text)


@pytest.mark.parametrize(("url", "site"), [
    ("https://team.acme.co.uk/x", "acme.co.uk"),
    ("https://acme.com.au/", "acme.com.au"),
    ("http://127.0.0.1:9000/", "127.0.0.1:9000"),
    ("http://10.0.0.5/", "10.0.0.5"),
])
def test_seeds_site_key_is_registered_domain(url: str, site: str) -> None:
    assert site_key(url) == site
