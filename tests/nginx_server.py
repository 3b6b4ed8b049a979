"""Helpers to run Debian's nginx (not a test module): the deployment's site file,
docs/deployment/nginx.conf, with only its port, folder and upstream's servers replaced, in
the foreground on 127.0.0.1 with every file nginx writes in a folder of its own. Used by
tests/test_nginx.py, tests/test_processes.py, bench/static_vs_streamlit.py and
bench/processes.py.
"""

from __future__ import annotations

import os
import pwd
import re
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

NGINX = Path("/usr/sbin/nginx")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT_ROOT / "docs" / "deployment" / "nginx.conf"
# What the documented file says, and what a run puts in its place.
DOCUMENTED_ROOT = "/var/www/musharaka/"
DOCUMENTED_LISTEN = "listen 80;"
DOCUMENTED_UPSTREAM = "server 127.0.0.1:8501"
# Every dashboard process the documented upstream lists (8501, 8502, ...), with its options.
UPSTREAM_SERVER = re.compile(r"^( *)server 127\.0\.0\.1:85\d\d( [^;]*)?;\n", re.MULTILINE)
# What the access log of a run says of each request: the process that answered it (empty
# for the static site), the reader's route cookie, the route nginx hashed, the status and
# the path. Read by tests/test_processes.py.
ROUTE_LOG_FORMAT = (
    "log_format musharaka_route "
    "'$upstream_addr\\t$cookie_musharaka_route\\t$musharaka_route\\t$status\\t$request_uri';"
)


def nginx_unavailable(wait: float = 180) -> str | None:
    """None once Debian's nginx is installed (waiting a while for an install under way)."""
    deadline = time.monotonic() + wait
    while not (NGINX.is_file() and os.access(NGINX, os.X_OK)):
        if time.monotonic() > deadline:
            return f"no nginx at {NGINX} (apt-get install nginx)"
        time.sleep(5)
    return None


def render(template: str, *, port: int, root: Path, upstream: int | Sequence[int]) -> str:
    """The documented configuration for a local run: each replaced line must be in it. The
    documented upstream's servers give way to one per port of `upstream`, with the options
    the documented ones have."""
    for documented in (DOCUMENTED_ROOT, DOCUMENTED_LISTEN, DOCUMENTED_UPSTREAM):
        if documented not in template:
            raise ValueError(f"{CONFIG.name} no longer says {documented!r}")
    ports = [upstream] if isinstance(upstream, int) else list(upstream)
    servers = list(UPSTREAM_SERVER.finditer(template))
    indent, options = servers[0].group(1), servers[0].group(2) or ""
    lines = "".join(f"{indent}server 127.0.0.1:{port}{options};\n" for port in ports)
    start, end = servers[0].start(), servers[-1].end()
    if template[start:end].count("\n") != len(servers):
        raise ValueError(f"{CONFIG.name}: the upstream's servers are no longer together")
    template = template[:start] + lines + template[end:]
    return template.replace(DOCUMENTED_ROOT, f"{root}/").replace(
        DOCUMENTED_LISTEN, f"listen 127.0.0.1:{port};"
    )


def main_config(prefix: Path, site_config: Path, workers: int = 1) -> str:
    """What Debian's /etc/nginx/nginx.conf does around a site, in the foreground and with
    every file nginx writes in `prefix`."""
    user = pwd.getpwuid(os.getuid()).pw_name
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
user {user};
worker_processes {workers};
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} info;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
{temp}
    include {site_config};
    {ROUTE_LOG_FORMAT}
    access_log {prefix / "access.log"} musharaka_route;
}}
"""


@dataclass(frozen=True)
class Routed:
    """One request of the access log: the process that answered (host:port, empty when
    nginx answered itself), the route cookie the reader sent ("-" for none), the route
    hashed, the status and the path."""

    upstream: str
    cookie: str
    route: str
    status: str
    path: str


@dataclass
class Nginx:
    """An nginx process started here."""

    process: subprocess.Popen
    port: int
    prefix: Path

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def routed(self) -> list[Routed]:
        """Every request the access log holds so far, in order."""
        path = self.prefix / "access.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return [Routed(*line.split("\t", 4)) for line in text.splitlines() if line.count("\t") == 4]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_nginx(
    prefix: Path,
    root: Path,
    upstream: int | Sequence[int],
    port: int,
    *,
    workers: int = 1,
    access_log=True,
) -> Nginx:
    """nginx serving `root` under /site/ and proxying the rest to the Streamlit processes
    on 127.0.0.1:`upstream` (a port or several), on 127.0.0.1:`port`, returned once it
    listens; its configuration checked first."""
    site_config = prefix / "musharaka.conf"
    template = CONFIG.read_text(encoding="utf-8")
    site_config.write_text(render(template, port=port, root=root, upstream=upstream))
    main = main_config(prefix, site_config, workers)
    if not access_log:
        main = main.replace(
            f"access_log {prefix / 'access.log'} musharaka_route;", "access_log off;"
        )
    (prefix / "nginx.conf").write_text(main)
    command = [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    command += ["-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Nginx(process, port, prefix)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{server.error_log()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError as error:
            if time.monotonic() > deadline:
                server.stop()
                log = server.error_log()
                raise RuntimeError(f"nginx did not listen within 30 s:\n{log}") from error
            time.sleep(0.1)
