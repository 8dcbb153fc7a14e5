"""Profile sources: the HTTP JSON connector against a real local server, and profile dump files."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from enrichment.sources import SourceError, open_source
from enrichment.sources.files import FileSource
from enrichment.sources.http import HttpJsonSource, HttpOptions

PROFILES = [{"name": f"Person {i}", "handle": f"p{i}", "employer": "Acme", "url": f"https://social.example/p{i}"}
            for i in range(5)]


class ApiServer:
    """A JSON API on 127.0.0.1 whose behaviour per path is scripted by the test; records every request."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.script: dict[str, list[tuple[int, dict, object]]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                parts = urlsplit(self.path)
                server.requests.append({"path": parts.path, "query": parse_qs(parts.query), "at": time.monotonic(),
                                        "auth": self.headers.get("Authorization"),
                                        "key": self.headers.get("X-Api-Key")})
                steps = server.script.get(parts.path + ("?" + parts.query if parts.query else ""), [])
                status, headers, body = steps.pop(0) if len(steps) > 1 else (steps[0] if steps else (404, {}, {}))
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def api() -> Iterator[ApiServer]:
    server = ApiServer()
    yield server
    server.close()


def fast(**overrides) -> HttpOptions:
    return HttpOptions(**{"requests_per_second": 1000.0, "backoff": 0.01, **overrides})


def test_enrichment_sources_http_sends_auth_and_follows_every_pagination_style(api: ApiServer) -> None:
    api.script = {
        "/profiles": [(200, {"Link": f'<{api.base}/page2>; rel="next"'}, {"items": PROFILES[:2]})],
        "/page2": [(200, {}, {"data": PROFILES[2:3], "next": "/page3"})],
        "/page3": [(200, {}, {"results": PROFILES[3:4], "next_cursor": "abc"})],
        "/page3?cursor=abc": [(200, {}, {"profiles": PROFILES[4:], "next_cursor": None})],
    }
    source = HttpJsonSource(name="social", url=f"{api.base}/profiles", options=fast(token="s3cret"))
    profiles = list(source.profiles())
    assert [p.handle for p in profiles] == ["p0", "p1", "p2", "p3", "p4"]
    assert {r["auth"] for r in api.requests} == {"Bearer s3cret"}
    assert [r["path"] for r in api.requests] == ["/profiles", "/page2", "/page3", "/page3"]
    assert profiles[0].source_url == "https://social.example/p0" and len(profiles[0].sha256) == 64


def test_enrichment_sources_http_custom_auth_header(api: ApiServer) -> None:
    api.script = {"/p": [(200, {}, PROFILES[:1])]}
    options = fast(token="k", auth_header="X-Api-Key", auth_scheme="")
    list(HttpJsonSource(name="s", url=f"{api.base}/p", options=options).profiles())
    assert api.requests[0]["key"] == "k" and api.requests[0]["auth"] is None


def test_enrichment_sources_http_honours_retry_after_on_429(api: ApiServer) -> None:
    api.script = {"/p": [(429, {"Retry-After": "1"}, {}), (200, {}, PROFILES[:1])]}
    profiles = list(HttpJsonSource(name="s", url=f"{api.base}/p", options=fast()).profiles())
    assert len(profiles) == 1 and len(api.requests) == 2
    assert api.requests[1]["at"] - api.requests[0]["at"] >= 0.95


@pytest.mark.parametrize("status", [500, 503])
def test_enrichment_sources_http_retries_are_bounded(api: ApiServer, status: int) -> None:
    api.script = {"/p": [(status, {}, {})]}
    source = HttpJsonSource(name="s", url=f"{api.base}/p", options=fast(max_retries=3))
    with pytest.raises(SourceError, match=f"failed after 4 attempts \\(last: HTTP {status}\\)"):
        list(source.profiles())
    assert len(api.requests) == 4


@pytest.mark.parametrize(("status", "message"), [(401, "TOKEN"), (404, "HTTP 404")])
def test_enrichment_sources_http_client_errors_fail_at_once(api: ApiServer, status: int, message: str) -> None:
    api.script = {"/p": [(status, {}, {})]}
    with pytest.raises(SourceError, match=message):
        list(HttpJsonSource(name="s", url=f"{api.base}/p", options=fast()).profiles())
    assert len(api.requests) == 1


def test_enrichment_sources_http_retry_after_beyond_the_limit_fails_instead_of_hanging(api: ApiServer) -> None:
    api.script = {"/p": [(429, {"Retry-After": "3600"}, {})]}
    with pytest.raises(SourceError, match="retry after 3600s"):
        list(HttpJsonSource(name="s", url=f"{api.base}/p", options=fast(max_wait=5)).profiles())


def test_enrichment_sources_http_rate_limit_spaces_requests(api: ApiServer) -> None:
    api.script = {"/a": [(200, {}, {"items": [], "next": "/b"})], "/b": [(200, {}, {"items": [], "next": "/c"})],
                  "/c": [(200, {}, [])]}
    list(HttpJsonSource(name="s", url=f"{api.base}/a", options=HttpOptions(requests_per_second=5)).profiles())
    gaps = [b["at"] - a["at"] for a, b in zip(api.requests, api.requests[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.18


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_enrichment_sources_file_reads_the_documented_schema(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"profiles.{suffix}"
    record = {"name": "Jonathan Smith", "handle": "jsmith", "employer": "Acme", "title": "CFO",
              "location": "London", "schools": ["LSE", "Eton"], "interests": ["sailing"], "bio": "Finance.",
              "posts": ["Q3 results are in."], "url": "https://social.example/jsmith"}
    if suffix == "jsonl":
        path.write_text(json.dumps(record) + "\n" + json.dumps({"handle": "nameless"}) + "\n", encoding="utf-8")
    else:
        header = ",".join(record)
        row = ",".join(";".join(v) if isinstance(v, list) else v for v in record.values())
        path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    [profile] = list(FileSource(name="dump", path=path).profiles())
    assert (profile.name, profile.schools, profile.posts) == ("Jonathan Smith", ("LSE", "Eton"), ("Q3 results are in.",))
    assert profile.source_url == "https://social.example/jsmith" and profile.fetched_at.tzinfo is not None


@pytest.mark.parametrize(("content", "message"), [
    ('{"name": "A", "schools": {"x": 1}}\n', r"profiles.jsonl:1.schools: expected a list"),
    ('{"name": "A"}\nnot json\n', r"profiles.jsonl:2: not JSON"),
    ('["a list"]\n', r"profiles.jsonl:1: expected an object"),
])
def test_enrichment_sources_file_errors_name_the_record_and_field(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "profiles.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        list(FileSource(name="dump", path=path).profiles())


@pytest.mark.parametrize(("name", "spec", "kind"), [
    ("dump", "profiles.jsonl", FileSource), ("api", "https://profiles.example/v1", HttpJsonSource)])
def test_enrichment_sources_open_source_picks_the_connector(name: str, spec: str, kind: type) -> None:
    source = open_source(name, spec, environ={"LEADSCOUT_SOURCE_API_TOKEN": "t"})
    assert isinstance(source, kind)
    if kind is HttpJsonSource:
        assert source.options.token == "t"


@pytest.mark.parametrize(("name", "spec"), [("bad name", "x.jsonl"), ("ok", "ftp://host/x")])
def test_enrichment_sources_open_source_refuses_bad_specs(name: str, spec: str) -> None:
    with pytest.raises(SourceError):
        open_source(name, spec)
