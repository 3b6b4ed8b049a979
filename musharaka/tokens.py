"""Signed links for e-mails: a token says what to do (confirm, unsubscribe), to which
follower, in which language and until when, and carries an HMAC-SHA256 of all that and of
the follower's own salt, so that it cannot be forged, stops at its expiry and stops for
good once its follower row is deleted.

The key is `MUSHARAKA_SECRET_KEY` when set; otherwise one is generated once and kept in
the database (`settings`), so that every process serving the same database signs alike.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from musharaka.models import Setting

SECRET_SETTING = "secret_key"
ACTIONS = ("confirm", "unsubscribe")
# A confirmation link is for the days after the request; an unsubscribe link must still
# work from an old message in someone's inbox.
LIFETIMES = {"confirm": dt.timedelta(days=7), "unsubscribe": dt.timedelta(days=400)}


def secret_key(conn: Connection) -> bytes:
    """The signing key: MUSHARAKA_SECRET_KEY, else the one kept in the database (made the
    first time it is asked for)."""
    configured = os.environ.get("MUSHARAKA_SECRET_KEY", "").strip()
    if configured:
        return configured.encode()
    query = select(Setting.value).where(Setting.key == SECRET_SETTING)
    kept = conn.execute(query).scalar()
    if kept is None:
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(Setting).values(key=SECRET_SETTING, value=secrets.token_urlsafe(48))
                )
        except IntegrityError:  # another process made it first: theirs is the key
            pass
        kept = conn.execute(query).scalar_one()
    return kept.encode()


@dataclass(frozen=True)
class Claim:
    """What a valid token says."""

    action: str
    follower_id: int
    lang: str
    expires: dt.datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: str, salt: str) -> str:
    return _b64(hmac.new(key, f"{payload}|{salt}".encode(), hashlib.sha256).digest())


def sign(key: bytes, action: str, follower_id: int, lang: str, salt: str, now: dt.datetime) -> str:
    """A token for this action on this follower, valid for the action's lifetime (pure)."""
    assert action in ACTIONS
    expires = int((now + LIFETIMES[action]).timestamp())
    payload = f"{action}:{follower_id}:{lang}:{expires}"
    return f"{_b64(payload.encode())}.{_mac(key, payload, salt)}"


def read(token: str) -> Claim | None:
    """What a token claims, before its signature is checked (None: not a token) (pure).
    The signature needs the follower's salt, which the claim's id finds (`verify`)."""
    try:
        encoded, _mac_part = token.strip().split(".", 1)
        action, follower, lang, expires = _unb64(encoded).decode().split(":")
        claim = Claim(action, int(follower), lang, dt.datetime.fromtimestamp(int(expires), dt.UTC))
    except (ValueError, UnicodeDecodeError):
        return None
    return claim if action in ACTIONS else None


def verify(key: bytes, token: str, salt: str, now: dt.datetime) -> bool:
    """True when the token was signed with this key for a follower with this salt and has
    not expired (pure)."""
    claim = read(token)
    if claim is None or now > claim.expires:
        return False
    encoded, given = token.strip().split(".", 1)
    payload = _unb64(encoded).decode()
    return hmac.compare_digest(given, _mac(key, payload, salt))
