"""Following by e-mail: asking to follow (from a page, the command line, or an editor on
an association's behalf), confirming through the link of the confirmation e-mail,
unsubscribing, and the operator's list and removal.

Double opt-in: a request only queues a confirmation e-mail; nothing else is sent to the
address until its link is opened. At most one confirmation goes to an address per hour
(RATE_LIMIT), so the form cannot be used to flood someone's inbox. Whatever the outcome
of a request, a page says only "check your inbox": it never tells whether an address was
already following, nor shows one.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from etl.communes import find_commune as find_commune  # the command line's, as etl's
from musharaka import db, tokens
from musharaka.auth import Identity
from musharaka.i18n import t
from musharaka.models import (
    Association,
    Commune,
    Follower,
    OutboxMessage,
    Recommendation,
    utc_now,
)
from musharaka.queries.changes import TARGETS

FOLLOWER_LANGUAGES = ("ar", "fr", "en")
FREQUENCIES = ("immediate", "daily", "weekly")
RATE_LIMIT = dt.timedelta(hours=1)
# An address that never confirms is forgotten once its link has expired.
UNCONFIRMED_KEPT = tokens.LIFETIMES["confirm"]
EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
MAX_EMAIL = 254

# What a request became. The page shows the same words for the first three.
QUEUED, RATE_LIMITED, ALREADY = "queued", "rate_limited", "already"
BAD_EMAIL, UNKNOWN_TARGET, BAD_CHOICE = "bad_email", "unknown_target", "bad_choice"


def normalise_email(text: str) -> str | None:
    """The address as kept (trimmed, lower case), or None when it is not one (pure)."""
    email = (text or "").strip().lower()
    if len(email) > MAX_EMAIL or not EMAIL.match(email):
        return None
    return email


def follower_language(lang: str) -> str:
    """The language a follower gets by default from a page's: Tamazight readers get
    Arabic, until the e-mails are translated (pure)."""
    return lang if lang in FOLLOWER_LANGUAGES else "ar"


def target_exists(conn: Connection, target: str, target_id: int) -> bool:
    column = {
        "commune": Commune.id,
        "association": Association.id,
        "recommendation": Recommendation.id,
    }.get(target)
    if column is None:
        return False
    return conn.execute(select(column).where(column == target_id)).first() is not None


def request_follow(
    conn: Connection,
    email: str,
    target: str,
    target_id: int,
    lang: str,
    frequency: str = "immediate",
    now: dt.datetime | None = None,
) -> str:
    """Ask to follow: a confirmation queued in the outbox (QUEUED), or why not."""
    now = now or utc_now()
    address = normalise_email(email)
    if address is None:
        return BAD_EMAIL
    if lang not in FOLLOWER_LANGUAGES or frequency not in FREQUENCIES or target not in TARGETS:
        return BAD_CHOICE
    if not target_exists(conn, target, target_id):
        return UNKNOWN_TARGET
    last_sent = conn.execute(
        select(func.max(Follower.confirmation_sent_at)).where(Follower.email == address)
    ).scalar()
    if last_sent is not None and _aware(last_sent) > now - RATE_LIMIT:
        return RATE_LIMITED
    existing = conn.execute(
        select(Follower.id, Follower.confirmed_at).where(
            Follower.email == address, Follower.target == target, Follower.target_id == target_id
        )
    ).first()
    if existing is not None and existing.confirmed_at is not None:
        return ALREADY
    try:
        with conn.begin_nested():
            if existing is None:
                follower_id = conn.execute(
                    insert(Follower)
                    .values(
                        email=address,
                        target=target,
                        target_id=target_id,
                        lang=lang,
                        frequency=frequency,
                        salt=secrets.token_hex(16),
                        created_at=now,
                        confirmation_sent_at=now,
                    )
                    .returning(Follower.id)
                ).scalar_one()
            else:
                follower_id = existing.id
                conn.execute(
                    update(Follower)
                    .where(Follower.id == follower_id)
                    .values(lang=lang, frequency=frequency, confirmation_sent_at=now)
                )
            queue(conn, follower_id, "confirm", now)
    except IntegrityError:  # the same request, committed by another process meanwhile
        return ALREADY
    return QUEUED


def queue(
    conn: Connection,
    follower_id: int,
    kind: str,
    now: dt.datetime,
    period: tuple[dt.datetime, dt.datetime] | None = None,
) -> int:
    """Put one message for this follower in the outbox; its id."""
    start, end = period or (None, None)
    return conn.execute(
        insert(OutboxMessage)
        .values(
            follower_id=follower_id,
            kind=kind,
            state="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            period_start=start,
            period_end=end,
        )
        .returning(OutboxMessage.id)
    ).scalar_one()


def offer_to_association(
    conn: Connection,
    user: Identity,
    association_id: int,
    lang: str,
    frequency: str = "immediate",
) -> str:
    """An editor of the association's commune (or an admin) asks, on the association's
    behalf, for its own recommendations to be followed at the e-mail on file: the same
    double opt-in as anyone's. The address is read here and never given back."""
    row = conn.execute(
        select(Association.email, Association.commune_id).where(Association.id == association_id)
    ).first()
    if row is None:
        return UNKNOWN_TARGET
    if not user.can_edit_commune(row.commune_id):
        return BAD_CHOICE
    if not row.email or normalise_email(row.email) is None:
        return BAD_EMAIL
    return request_follow(conn, row.email, "association", association_id, lang, frequency)


def can_offer(conn: Connection, user: Identity | None, association_id: int) -> bool:
    """Whether this user may offer the association to follow its recommendations: an
    editor of its commune, and an address on file (said yes or no, never shown)."""
    if user is None:
        return False
    row = conn.execute(
        select(Association.email, Association.commune_id).where(Association.id == association_id)
    ).first()
    return (
        row is not None
        and user.can_edit_commune(row.commune_id)
        and normalise_email(row.email or "") is not None
    )


def ask(engine: Engine, *args, **options) -> str:
    """`request_follow` in a transaction of its own (a page's form)."""
    with db.writing(engine).begin() as conn:
        return request_follow(conn, *args, **options)


def ask_for_association(engine: Engine, *args, **options) -> str:
    """`offer_to_association` in a transaction of its own (an editor's button)."""
    with db.writing(engine).begin() as conn:
        return offer_to_association(conn, *args, **options)


def open_link_now(engine: Engine, token: str, shown=lambda text: text) -> LinkOutcome:
    """`open_link` in a transaction of its own (the page a link opens)."""
    with db.writing(engine).begin() as conn:
        return open_link(conn, token, shown=shown)


def one_click_unsubscribe(engine: Engine, token: str) -> bool:
    """RFC 8058's one-click POST: unsubscribe, and only that (a confirmation link POSTed
    confirms nothing); True when the token was a valid unsubscribe link."""
    claim = tokens.read(token)
    if claim is None or claim.action != "unsubscribe":
        return False
    return open_link_now(engine, token).done


@dataclass(frozen=True)
class LinkOutcome:
    """What opening a link did: `done`, in the follower's language ("" when the link
    names none), about what."""

    done: bool
    action: str
    lang: str
    what: str = ""


def open_link(
    conn: Connection, token: str, now: dt.datetime | None = None, shown=lambda text: text
) -> LinkOutcome:
    """Confirm or unsubscribe, as the signed token says. A link that is not valid (forged,
    expired, or its follower already gone) does nothing."""
    now = now or utc_now()
    claim = tokens.read(token)
    if claim is None:  # not a token at all: no follower, no language (the page's is used)
        return LinkOutcome(False, "", "")
    lang = follower_language(claim.lang)
    row = conn.execute(
        select(
            Follower.id, Follower.salt, Follower.target, Follower.target_id, Follower.confirmed_at
        ).where(Follower.id == claim.follower_id)
    ).first()
    key = tokens.secret_key(conn)
    if row is None or not tokens.verify(key, token, row.salt, now):
        return LinkOutcome(False, claim.action, lang)
    what = describe(conn, row.target, row.target_id, lang, shown)
    if claim.action == "confirm":
        if row.confirmed_at is None:
            conn.execute(
                update(Follower)
                .where(Follower.id == row.id)
                .values(confirmed_at=now, digest_until=now)
            )
        return LinkOutcome(True, "confirm", lang, what)
    conn.execute(delete(Follower).where(Follower.id == row.id))
    return LinkOutcome(True, "unsubscribe", lang, what)


def unsubscribe_token(conn: Connection, follower_id: int, now: dt.datetime) -> str | None:
    row = conn.execute(
        select(Follower.lang, Follower.salt).where(Follower.id == follower_id)
    ).first()
    if row is None:
        return None
    return tokens.sign(tokens.secret_key(conn), "unsubscribe", follower_id, row.lang, row.salt, now)


def describe(
    conn: Connection, target: str, target_id: int, lang: str, shown=lambda text: text
) -> str:
    """What a follower follows, in words of its language ("the commune of Khnafif"); the
    names from the records pass through `shown` (a page escapes them)."""
    if target == "commune":
        row = conn.execute(
            select(Commune.name, Commune.name_ar, Commune.name_fr).where(Commune.id == target_id)
        ).first()
        name = "" if row is None else (row.name_ar if lang == "ar" else row.name_fr) or row.name
        return t("follow_what_commune", lang).format(name=shown(name))
    if target == "association":
        found = conn.execute(select(Association.name).where(Association.id == target_id)).scalar()
        return t("follow_what_association", lang).format(name=shown(found or ""))
    rec = conn.execute(
        select(Recommendation.code, Recommendation.title).where(Recommendation.id == target_id)
    ).first()
    code, title = (rec.code, rec.title) if rec is not None else ("", "")
    return t("follow_what_recommendation", lang).format(code=shown(code), title=shown(title))


def forget_unconfirmed(conn: Connection, now: dt.datetime) -> int:
    """Delete the requests whose confirmation link has expired unopened; how many."""
    result = conn.execute(
        delete(Follower).where(
            Follower.confirmed_at.is_(None),
            Follower.confirmation_sent_at < now - UNCONFIRMED_KEPT,
        )
    )
    return result.rowcount or 0


def remove(
    conn: Connection,
    follower_id: int | None = None,
    email: str | None = None,
    target: tuple[str, int] | None = None,
) -> int:
    """The operator's removal: one follower by id, or an address's follows (of one
    target, or all of them); how many were removed."""
    query = delete(Follower)
    if follower_id is not None:
        query = query.where(Follower.id == follower_id)
    elif email:
        query = query.where(Follower.email == (normalise_email(email) or email.strip().lower()))
        if target is not None:
            query = query.where(Follower.target == target[0], Follower.target_id == target[1])
    else:
        return 0
    return conn.execute(query).rowcount or 0


def _aware(value: dt.datetime) -> dt.datetime:
    """A timestamp read back from SQLite has lost its time zone: it was written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
