"""A scripted HTTP server on 127.0.0.1 for crawler tests: each path answers as the test says."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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


@dataclass
class Site:
    url: str
    requests: list[tuple[float, str]]
    """(monotonic time, path) of every request received, in order."""
    spans: list[tuple[float, float, str]] = field(default_factory=list)
    """(start, end, path) of every answered request: how many were in flight at once."""

    def paths(self) -> list[str]:
        return [path for _, path in self.requests]


@contextmanager
def serve(routes: dict[str, Reply | Callable[[], Reply]], *, default: Reply | None = None,
          host: str = "127.0.0.1", port: int = 0) -> Iterator[Site]:
    """Serve ``routes`` on ``host`` (a loopback address) and a free port until the block ends."""
    requests: list[tuple[float, str]] = []
    spans: list[tuple[float, float, str]] = []
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
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                spans.append((started, time.monotonic(), self.path))

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Site(url=f"http://{host}:{server.server_address[1]}/", requests=requests, spans=spans)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
