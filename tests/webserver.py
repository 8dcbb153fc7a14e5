"""A scripted HTTP server on 127.0.0.1 for crawler tests: each path answers as the test says."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What one path answers."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    """Seconds to wait before answering (slow servers, timeouts)."""
    hang: bool = False
    """Accept and never answer."""
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None
    """Write the whole answer by hand (broken chunking, dropped connections, endless bodies)."""
    etag: str | None = None
    """Sent as ETag; a request whose If-None-Match names it gets 304 Not Modified (RFC 9110 section 13.1.2)."""
    last_modified: str | None = None
    """Sent as Last-Modified (an HTTP date); without If-None-Match, an If-Modified-Since at or after it gets 304."""

    def not_modified(self, headers) -> bool:
        """Whether a request with these headers gets 304 (RFC 9110 section 13.2.2: If-None-Match first)."""
        if_none_match = headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip() for tag in if_none_match.split(",")]
            return self.etag is not None and ("*" in tags or _weak(self.etag) in map(_weak, tags))
        since, modified = headers.get("If-Modified-Since"), self.last_modified
        if since is None or modified is None:
            return False
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False


def _weak(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag  # If-None-Match uses the weak comparison


@dataclass
class Site:
    url: str
    requests: list[tuple[float, str]]
    """(monotonic time, path) of every request received, in order."""
    spans: list[tuple[float, float, str]] = field(default_factory=list)
    """(start, end, path) of every answered request: how many were in flight at once."""
    answers: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)
    """(path, status sent, request headers) of every scripted answer, in order."""

    def paths(self) -> list[str]:
        return [path for _, path in self.requests]


@contextmanager
def serve(routes: dict[str, Reply | Callable[[], Reply]], *, default: Reply | None = None,
          host: str = "127.0.0.1", port: int = 0) -> Iterator[Site]:
    """Serve ``routes`` on ``host`` (a loopback address) and a free port until the block ends."""
    requests: list[tuple[float, str]] = []
    spans: list[tuple[float, float, str]] = []
    answers: list[tuple[str, int, dict[str, str]]] = []
    lock = threading.Lock()
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            started = time.monotonic()
            with lock:
                requests.append((started, self.path))
            reply = routes.get(self.path, default or Reply(404, "not found"))
            if callable(reply):
                reply = reply()
            if reply.hang:
                stop.wait(60)
                return
            if reply.raw is not None:
                try:
                    reply.raw(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client hung up, as crawlers do at their size cap
                self.close_connection = True
                return
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            status = 304 if reply.status == 200 and reply.not_modified(self.headers) else reply.status
            if status == 304:
                body = b""  # a 304 has no content (RFC 9110 section 15.4.5)
            self.send_response(status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.etag is not None:
                self.send_header("ETag", reply.etag)
            if reply.last_modified is not None:
                self.send_header("Last-Modified", reply.last_modified)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                spans.append((started, time.monotonic(), self.path))
                answers.append((self.path, status, dict(self.headers.items())))

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Site(url=f"http://{host}:{server.server_address[1]}/", requests=requests, spans=spans,
                   answers=answers)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
