"""The server's entry: `streamlit run serve.py` (what `make run` does) serves the dashboard
(dashboard.py, every page) and, beside it, the one-click unsubscribe endpoint that mail
clients call (RFC 8058): `POST /unsubscribe?token=...` with the body
`List-Unsubscribe=One-Click`, and the Atom feeds of status changes:
`GET /feeds/commune/ID.atom?lang=fr`, `GET /feeds/association/ID.atom?lang=ar`, and the
published evidence files, `GET /evidence/SHA256.EXT` (photos re-encoded without their
metadata, their thumbnails and PDFs; never an original, never a file waiting with a
field report).
Streamlit's `st.App` mounts the routes on its own Starlette server; `uvicorn serve:app`
serves the same application.

`streamlit run dashboard.py` still serves every page; only the one-click endpoint, the
feeds and the evidence files are missing then (the link in each message, which opens the
Follow page, still works).
"""

from __future__ import annotations

import functools

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from musharaka import db, feeds, media_store, queries
from musharaka.evidence import MEDIA_PATH
from musharaka.i18n import FALLBACK, LANGUAGES
from musharaka.mail import ONE_CLICK_PATH
from musharaka.services import following

# The largest body a one-click request needs ("List-Unsubscribe=One-Click", or the same
# as multipart/form-data).
MAX_BODY = 4096


@functools.cache
def _engine():
    engine = db.make_engine()
    db.upgrade(engine)
    return engine


async def one_click_unsubscribe(request: Request) -> PlainTextResponse:
    body = await request.body()
    if len(body) > MAX_BODY or b"List-Unsubscribe" not in body or b"One-Click" not in body:
        return PlainTextResponse("expected List-Unsubscribe=One-Click", status_code=400)
    token = request.query_params.get("token", "")
    done = await run_in_threadpool(following.one_click_unsubscribe, _engine(), token)
    if not done:
        return PlainTextResponse("this link is not valid or has expired", status_code=404)
    return PlainTextResponse("unsubscribed")


def _feed(target: str, target_id: int, lang: str) -> bytes | None:
    with _engine().connect() as conn:
        return feeds.build_feed(conn, target, target_id, lang)


async def atom_feed(request: Request) -> Response:
    target = request.path_params["target"]
    lang = request.query_params.get("lang", FALLBACK)
    if target not in feeds.FEED_TARGETS or lang not in LANGUAGES:
        return PlainTextResponse("no such feed", status_code=404)
    document = await run_in_threadpool(_feed, target, request.path_params["target_id"], lang)
    if document is None:
        return PlainTextResponse("no such feed", status_code=404)
    return Response(document, media_type=f"{feeds.MEDIA_TYPE}; charset=utf-8")


def _published_file(name: str) -> tuple[bytes, str] | None:
    sha = name.partition(".")[0]
    with _engine().connect() as conn:
        found = conn.execute(queries.evidence.servable(sha)).first()
    if found is None:
        return None
    media_type = "image/webp" if found[1] else found[0]
    data = media_store.read_public(name)
    if data is None:
        return None
    return data, media_type


async def evidence_file(request: Request) -> Response:
    name = request.path_params["name"]
    try:
        media_store.path_of(media_store.PUBLIC, name)  # a checksum and a known extension
    except ValueError:
        return PlainTextResponse("no such file", status_code=404)
    found = await run_in_threadpool(_published_file, name)
    if found is None:
        return PlainTextResponse("no such file", status_code=404)
    data, media_type = found
    headers = {
        # Named by its checksum: the same address is always the same bytes.
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        # A PDF opens in the browser's viewer, with no script of ours or its own.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'",
    }
    return Response(data, media_type=media_type, headers=headers)


app = st.App(
    "dashboard.py",
    routes=[
        Route(ONE_CLICK_PATH, one_click_unsubscribe, methods=["POST"]),
        Route("/feeds/{target}/{target_id:int}.atom", atom_feed, methods=["GET"]),
        Route(MEDIA_PATH + "/{name}", evidence_file, methods=["GET"]),
    ],
)
