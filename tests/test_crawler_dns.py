"""Names are judged by what they resolve to, at connect time too: private answers and DNS rebinding."""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.dnsserver import Zone, dns_server
from tests.webserver import Reply, serve

HOME = Reply(200, '<html><body><a href="/team.html">Team</a></body></html>')
ROUTES = {"/robots.txt": Reply(404), "/": HOME, "/team.html": Reply(200, "<p>team</p>")}
# 127.0.0.2 stands in for "a public address" (explicitly allowed below); 127.0.0.1 is the target
# an attacker wants to reach. Tests never send traffic beyond loopback.
ALLOWED = "127.0.0.2/32"


def _free_port_on_both() -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with socket.socket() as other:
            try:
                other.bind(("127.0.0.2", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no port free on both 127.0.0.1 and 127.0.0.2")


def _crawl(host: str, port: int, dns: str, tmp_path: Path):
    env = {"LEADSCOUT_DNS_SERVER": dns, "LEADSCOUT_ALLOW_NETWORKS": ALLOWED}
    return run_cli("crawl", f"http://{host}:{port}/", "--delay", "0", "--no-extract",
                   "--db", f"sqlite:///{tmp_path / 'dns.db'}", env=env)


@pytest.mark.parametrize(("answers", "reachable"), [
    (["127.0.0.2"], True),
    (["127.0.0.1"], False),
    (["10.0.0.5"], False),
    (["127.0.0.2", "127.0.0.1"], False),  # a public and a private record mixed: refused
], ids=["allowed", "loopback", "private", "mixed"])
def test_crawler_dns_private_answers_are_refused(answers: list[str], reachable: bool, tmp_path: Path) -> None:
    port = _free_port_on_both()
    zone = Zone(a={"prospect.test": answers})
    with serve(ROUTES, host="127.0.0.1", port=port) as target, serve(ROUTES, host="127.0.0.2", port=port) as ok, \
            dns_server(zone) as dns:
        result = _crawl("prospect.test", port, dns, tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.requests == []  # never a byte to 127.0.0.1
    assert bool(ok.requests) is reachable
    if reachable:
        assert "/team.html" in ok.paths()


@pytest.mark.parametrize("honest_answers", [1, 2, 3, 4])
def test_crawler_dns_rebinding_never_reaches_loopback(honest_answers: int, tmp_path: Path) -> None:
    """The first answers allowed, every later one 127.0.0.1 with TTL 0: no connection to loopback.

    The guard middleware looks the name up for the seed and for robots.txt, the
    resolver again when connecting; switching after 1, 2, 3 or 4 lookups hits each layer.
    """
    port = _free_port_on_both()
    answers = itertools.chain(["127.0.0.2"] * honest_answers, itertools.repeat("127.0.0.1"))
    zone = Zone(a={"rebind.test": lambda: [next(answers)]})
    with serve(ROUTES, host="127.0.0.1", port=port) as target, serve(ROUTES, host="127.0.0.2", port=port), \
            dns_server(zone, ttl=0) as dns:
        result = _crawl("rebind.test", port, dns, tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.requests == []
    assert len([q for q in zone.queries if q[1] == "A"]) >= 2  # the name was looked up again at connect time
