"""Serves the bundled sample sites on 127.0.0.1, one free port per company.

Each company is its own origin (``http://127.0.0.1:PORT/``), so the crawler sees
separate sites just as it would see separate domains. Run as a module, it
prints one JSON object ``{slug: url}`` on its first stdout line and serves until
killed (the test suite's fixture does this).
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Iterator


def demo_sites_dir() -> Path:
    return Path(str(resources.files("leadscout") / "demo_sites"))


def site_dirs(root: Path | None = None) -> dict[str, Path]:
    root = root or demo_sites_dir()
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and (p / "index.html").is_file()}


class _QuietHandler(SimpleHTTPRequestHandler):
    access_log: Path | None = None
    _log_lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # One line per request (port, path, status) when an access log is asked for: tests read it
        # to prove what was and was not fetched.
        if self.access_log is not None:
            with self._log_lock, self.access_log.open("a", encoding="utf-8") as log:
                log.write(f"{self.server.server_address[1]} {self.path} {code}\n")


@contextmanager
def serve_sites(root: Path | None = None, *, access_log: Path | None = None) -> Iterator[dict[str, str]]:
    """Serve every site folder under ``root`` on its own loopback port; yields ``{slug: base_url}``."""
    servers: list[ThreadingHTTPServer] = []
    urls: dict[str, str] = {}
    try:
        for slug, folder in site_dirs(root).items():
            handler_class = type("SiteHandler", (_QuietHandler,), {"access_log": access_log})
            handler = functools.partial(handler_class, directory=str(folder))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, name=f"demo-{slug}", daemon=True).start()
            servers.append(server)
            urls[slug] = f"http://127.0.0.1:{server.server_address[1]}/"
        yield urls
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def main() -> None:
    """``python -m leadscout.demo_server [ROOT] [ACCESS_LOG]``."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    access_log = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    with serve_sites(root, access_log=access_log) as urls:
        print(json.dumps(urls), flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
