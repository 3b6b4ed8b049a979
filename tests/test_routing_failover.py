"""The deployment's nginx (docs/deployment/nginx.conf, the file itself) in front of two
stand-in dashboard processes that answer with their name: a reader whose process stops is
answered by another, and once the process is back the reader is sent to it again at once.

nginx must never stop sending a reader to a process that answers: a Streamlit session
lives in its process, and a reader sent elsewhere starts again. A process's connections
can fail for a moment while it is alive (a kept-alive connection closed under a request
on a busy machine); with `max_fails=3`, three such failures took the process out of the
rotation for ten seconds, moving every reader of its that came back in those seconds.
Here the failures are made by stopping a stand-in and starting it again on its port.
"""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser import free_port
from nginx_server import Nginx, nginx_unavailable, start_nginx

COOKIE = "musharaka_route"


class _Named(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.name.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class StandIn:
    """A process of the dashboard as nginx sees it: a port that answers with its name,
    stopped and started again on the same port."""

    def __init__(self, name: str) -> None:
        self.name, self.port = name, free_port()
        self.server: ThreadingHTTPServer | None = None
        self.start()

    def start(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", self.port), _Named)
        server.name = self.name  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.server = server

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def stand_ins() -> Iterator[dict[str, StandIn]]:
    running = {name: StandIn(name) for name in ("A", "B")}
    yield running
    for stand_in in running.values():
        stand_in.stop()


@pytest.fixture
def nginx(stand_ins, tmp_path) -> Iterator[Nginx]:
    problem = nginx_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"the routing test must run in CI: {problem}")
        pytest.skip(problem)
    ports = [s.port for s in stand_ins.values()]
    (tmp_path / "site").mkdir()
    (tmp_path / "nginx").mkdir()
    running = start_nginx(tmp_path / "nginx", tmp_path / "site", ports, free_port())
    yield running
    running.stop()


def _ask(nginx: Nginx, route: str | None = None) -> tuple[str, str | None]:
    """Who answered a request through nginx, and the route cookie it set, if any."""
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=30)
    try:
        connection.request("GET", "/", headers={"Cookie": f"{COOKIE}={route}"} if route else {})
        answer = connection.getresponse()
        body = answer.read().decode()
        assert answer.status == 200, (answer.status, body)
        cookie = answer.getheader("Set-Cookie")
        return body, cookie.split(";", 1)[0].split("=", 1)[1] if cookie else None
    finally:
        connection.close()


def _route_to(nginx: Nginx, name: str) -> str:
    """The route of a first visit that nginx sent to the stand-in `name`."""
    for _ in range(200):
        answered, route = _ask(nginx)
        if answered == name:
            assert route
            return route
    raise AssertionError(f"no first visit reached {name}")


def test_a_reader_whose_process_stops_is_answered_by_another(nginx, stand_ins):
    route = _route_to(nginx, "A")
    assert {_ask(nginx, route)[0] for _ in range(5)} == {"A"}
    stand_ins["A"].stop()
    assert [_ask(nginx, route)[0] for _ in range(4)] == ["B"] * 4


def test_a_reader_is_sent_back_to_its_process_as_soon_as_it_answers(nginx, stand_ins):
    route = _route_to(nginx, "A")
    stand_ins["A"].stop()
    # Three failed connections in a row to the reader's process...
    assert [_ask(nginx, route)[0] for _ in range(3)] == ["B"] * 3
    stand_ins["A"].start()
    # ...do not keep its readers away once it answers again.
    assert [_ask(nginx, route)[0] for _ in range(3)] == ["A"] * 3
