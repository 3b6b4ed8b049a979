"""The nginx configuration of docs/deployment/nginx.conf, run by Debian's nginx on
127.0.0.1 (the file itself, only its port, folder and upstream replaced): it serves the
static site and its open data with their content types in UTF-8, compressed when asked
(and a published .gz as is), with short revalidated caching for pages and data and long
caching for the stylesheet and fonts, a 404 for a missing file; and every other path
reaches a running Streamlit dashboard through it, its WebSocket included.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import free_port, start_server
from nginx_server import nginx_unavailable, start_nginx

from conftest import SAMPLE_DIR
from etl.load import run_load
from etl.publish import open_data
from musharaka import db

SHORT = "public, max-age=300, must-revalidate"
LONG = "public, max-age=2592000"
INDEX = (
    "<!doctype html><html lang=ar dir=rtl><title>مشاركة</title>\n"
    + "<p>جماعة تيزكي: 80 توصية، 12 منجزة</p>\n" * 40
    + "</html>\n"
)


@dataclass
class Client:
    """Requests to a running nginx, with the headers given and no others."""

    port: int

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('nginx-db') / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    report = run_load(engine, [SAMPLE_DIR])
    assert report.committed and not report.rejects
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def site(database, tmp_path_factory) -> Path:
    """A static site: the sample's open data, a page, a stylesheet, a font, a feed, and one
    data file published with its .gz beside it."""
    root = tmp_path_factory.mktemp("site")
    engine = db.make_engine(database)
    with engine.connect() as connection:
        files = open_data.national_files(connection, None)
        for commune_id in open_data.published_communes(connection):
            files |= open_data.commune_files(connection, commune_id)
    engine.dispose()
    files["index.html"] = INDEX.encode()
    files["static/site.css"] = b"body { font-family: sans-serif; }\n" * 20
    files["static/fonts/noto.woff2"] = bytes(range(256)) * 8
    files["feeds/commune/1.ar.atom"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>جماعة</title></feed>\n" * 4
    ).encode()
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    catalog = root / "data" / "catalog.json"
    catalog.with_name("catalog.json.gz").write_bytes(gzip.compress(catalog.read_bytes(), mtime=0))
    return root


@pytest.fixture(scope="module")
def streamlit(database, tmp_path_factory):
    running = start_server(database, tmp_path_factory.mktemp("streamlit") / "streamlit.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def nginx(site, streamlit, tmp_path_factory) -> Iterator[Client]:
    problem = nginx_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"the nginx test must run in CI: {problem}")
        pytest.skip(problem)
    upstream = int(streamlit.base_url.rsplit(":", 1)[1])
    running = start_nginx(tmp_path_factory.mktemp("nginx"), site, upstream, free_port())
    yield Client(running.port)
    running.stop()


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("/site/", "text/html; charset=utf-8", SHORT),
        ("/site/index.html", "text/html; charset=utf-8", SHORT),
        ("/site/data/recommendations.csv", "text/csv; charset=utf-8", SHORT),
        ("/site/data/commune/1/meetings.csv", "text/csv; charset=utf-8", SHORT),
        ("/site/data/recommendations.json", "application/json; charset=utf-8", SHORT),
        ("/site/data/datapackage.json", "application/json; charset=utf-8", SHORT),
        ("/site/feeds/commune/1.ar.atom", "application/atom+xml; charset=utf-8", SHORT),
        ("/site/static/site.css", "text/css; charset=utf-8", LONG),
        ("/site/static/fonts/noto.woff2", "font/woff2", LONG),
    ],
)
def test_a_static_file_answers_with_its_type_and_caching(nginx, site, path, content_type, cache):
    status, headers, body = nginx.get(path)
    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == cache
    assert headers["x-content-type-options"] == "nosniff"
    name = path.removeprefix("/site/") or "index.html"
    assert body == (site / name).read_bytes()
    # Revalidation: the same file again costs no body.
    status, _, body = nginx.get(path, **{"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")


def test_the_open_data_may_be_read_from_any_site(nginx):
    _, headers, _ = nginx.get("/site/data/catalog.json")
    assert headers["access-control-allow-origin"] == "*"
    _, headers, _ = nginx.get("/site/index.html")
    assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize(
    "path", ["/site/", "/site/data/recommendations.csv", "/site/data/meetings.json"]
)
def test_text_is_compressed_when_the_reader_accepts_it(nginx, site, path):
    plain = nginx.get(path)
    assert "content-encoding" not in plain[1]
    status, headers, body = nginx.get(path, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain[2]
    if path.endswith(".csv"):
        assert len(body) * 3 < len(plain[2])


def test_a_published_gz_file_is_sent_as_is(nginx, site):
    status, headers, body = nginx.get("/site/data/catalog.json", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert body == (site / "data" / "catalog.json.gz").read_bytes()
    assert headers["content-type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    "path", ["/site/data/nothing.csv", "/site/data/commune/999999/recommendations.csv"]
)
def test_a_missing_file_is_a_404(nginx, path):
    status, _, _ = nginx.get(path)
    assert status == 404


def test_the_dashboard_answers_through_nginx(nginx, streamlit):
    status, _, body = nginx.get("/_stcore/health")
    assert (status, body.strip()) == (200, b"ok")
    status, headers, body = nginx.get("/")
    direct = http.client.HTTPConnection("127.0.0.1", int(streamlit.base_url.rsplit(":", 1)[1]))
    direct.request("GET", "/")
    assert status == 200 and body == direct.getresponse().read()
    assert headers["content-type"].startswith("text/html")
    status, _, _ = nginx.get("/site")
    assert status == 301


def test_the_dashboard_websocket_is_upgraded_through_nginx(nginx):
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{nginx.port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", nginx.port), timeout=30) as connection:
        connection.sendall(request.encode())
        answer = connection.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 101"), answer
    assert "upgrade: websocket" in answer.lower()
