"""`python -m musharaka notify`: send what the outbox holds, queue the digests that are
due, mark each message sent, retry failures later.

What is guaranteed (docs/notifications.md says it for operators):
- A message is claimed (state `sending`, its attempt counted) and committed before it is
  handed to the SMTP server, and marked `sent` in a transaction of its own right after
  the server accepted it.
- A run killed before the server accepted a message leaves it `sending`; the next run
  finds it so (no run is alive to own it: runs never overlap, see `run_lock`) and sends
  it again, with the same Message-ID. Delivery is therefore AT LEAST ONCE: a message is
  never lost, and it is sent twice only when the run is killed in the instant between the
  server's acceptance and the mark (a few milliseconds); the copy carries the same
  Message-ID, which mail clients use to recognise it as the same message.
- All the alerts pending for one follower when a run claims them go out as one message,
  listing every change (a national load is one message per follower, not one per change).
- A failure is retried with exponential backoff (BACKOFF_FIRST, doubling, at most
  BACKOFF_MOST) up to MAX_ATTEMPTS attempts; an address the server refuses for good
  (a 5xx answer) is not retried.
- Two runs never overlap: on PostgreSQL a session advisory lock (and `FOR UPDATE SKIP
  LOCKED` on the claimed rows), on SQLite an exclusive lock on a file beside the
  database; a run that finds it taken does nothing and says so. A run killed by any
  signal releases it (the lock dies with its process or its connection).
- On SQLite, where a database has one writer at a time, a run waits for a load in
  progress as long as a load waits for another (MUSHARAKA_LOAD_WAIT_SECONDS), then stops
  and says so; the next run goes on. (A message sent just before such a stop, whose mark
  could not be written, is one the next run finds `sending`: sent again, as above.)
"""

from __future__ import annotations

import datetime as dt
import smtplib
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select, update

from musharaka import db, formats, mail, tokens
from musharaka.i18n import t, term_label
from musharaka.models import Follower, OutboxMessage, utc_now
from musharaka.queries import changes as changes_queries
from musharaka.queries.changes import Followed
from musharaka.services import following
from musharaka.vocabulary import STATUSES

MAX_ATTEMPTS = 8
BACKOFF_FIRST = dt.timedelta(minutes=1)
BACKOFF_MOST = dt.timedelta(hours=12)
PERIODS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
UNTOUCHED_DAYS = 90
# The most items a section lists; the rest is counted ("and 40 more").
MAX_ITEMS = 100
RUN_LOCK_KEY = zlib.crc32(b"musharaka notify run")


def _writing(engine: Engine):
    """A transaction that writes the outbox. On SQLite it waits for the database's one
    writer (a national load holds it for minutes) as long as a load would wait
    (MUSHARAKA_LOAD_WAIT_SECONDS), then raises WriterBusy; on PostgreSQL the rows' own
    locks are enough, and a load never blocks a run."""
    if engine.dialect.name == "sqlite":
        return db.exclusive_write(engine)
    return engine.begin()


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt (pure)."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MOST)


@dataclass
class RunReport:
    """What a run did."""

    locked: bool = False  # another run held the lock: this one did nothing
    resumed: int = 0  # messages an interrupted run had left in doubt, sent again
    digests: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    forgotten: int = 0  # requests never confirmed, removed
    errors: list[str] = field(default_factory=list)


# --- The run lock ---------------------------------------------------------------------------
@contextmanager
def run_lock(engine: Engine) -> Iterator[bool]:
    """Held for a whole run: True when this run holds it, False when another one does."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            held = bool(conn.execute(select(func.pg_try_advisory_lock(RUN_LOCK_KEY))).scalar())
            conn.commit()
            try:
                yield held
            finally:
                if held:
                    conn.execute(select(func.pg_advisory_unlock(RUN_LOCK_KEY)))
                    conn.commit()
        return
    import fcntl

    database = engine.url.database or ""
    path = Path(f"{database}.notify-lock") if database and database != ":memory:" else None
    if path is None:  # an in-memory database lives in this process only
        yield True
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- A run ----------------------------------------------------------------------------------
def run(
    engine: Engine,
    mailer: mail.Mailer | None = None,
    *,
    now: dt.datetime | None = None,
    digests: bool = True,
    limit: int | None = None,
) -> RunReport:
    """One run: resume what a killed run left in doubt, forget expired requests, queue
    due digests, then send every due message (at most `limit`)."""
    mailer = mailer or mail.Mailer(mail.smtp_settings())
    report = RunReport()
    with run_lock(engine) as held:
        if not held:
            report.locked = True
            return report
        now = now or utc_now()
        try:
            _prepare(engine, report, now, digests)
            while limit is None or report.sent + report.failed + report.retrying < limit:
                claimed = claim(engine, now)
                if claimed is None:
                    break
                deliver(engine, mailer, claimed, report)
        except db.WriterBusy as busy:  # a long load: the next run goes on
            report.errors.append(str(busy))
        finally:
            mailer.close()
    return report


def _prepare(engine: Engine, report: RunReport, now: dt.datetime, digests: bool) -> None:
    """A run's first transaction: what a killed run left, expired requests, due digests."""
    with _writing(engine) as conn:
        tokens.secret_key(conn)  # made now if it must be, before the reads below
        report.resumed = resume_interrupted(conn)
        report.forgotten = following.forget_unconfirmed(conn, now)
        if digests:
            report.digests = queue_digests(conn, now)


def resume_interrupted(conn: Connection) -> int:
    """Messages left `sending` by a run that died: pending again, with their Message-ID
    and attempts kept (called under the run lock, so no live run owns them)."""
    result = conn.execute(
        update(OutboxMessage).where(OutboxMessage.state == "sending").values(state="pending")
    )
    return result.rowcount or 0


@dataclass(frozen=True)
class Claimed:
    """A message being sent: its key (the Message-ID's number), its outbox rows and what
    they are."""

    key: int
    ids: tuple[int, ...]
    follower_id: int
    kind: str
    attempts: int
    period: tuple[dt.datetime, dt.datetime] | None


def claim(engine: Engine, now: dt.datetime) -> Claimed | None:
    """The next due message, marked `sending` and committed; None when none is due. All
    the alerts pending for its follower join it, unless it is a retry (a retry is the
    same message again, with the same rows)."""
    table = OutboxMessage
    with _writing(engine) as conn:
        first = conn.execute(
            select(table.id, table.follower_id, table.kind, table.message_key)
            .where(table.state == "pending", table.next_attempt_at <= now)
            .order_by(table.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if first is None:
            return None
        if first.message_key is not None:
            key = first.message_key
            group = select(table.id).where(table.message_key == key, table.state == "pending")
        elif first.kind == "alert":
            key = first.id
            group = select(table.id).where(
                table.follower_id == first.follower_id,
                table.kind == "alert",
                table.state == "pending",
                table.message_key.is_(None),
                table.next_attempt_at <= now,
            )
        else:
            key = first.id
            group = select(table.id).where(table.id == first.id)
        ids = tuple(conn.execute(group.with_for_update(skip_locked=True)).scalars())
        conn.execute(
            update(table)
            .where(table.id.in_(ids))
            .values(state="sending", message_key=key, attempts=table.attempts + 1)
        )
        row = conn.execute(
            select(table.attempts, table.period_start, table.period_end).where(table.id == key)
        ).one()
    period = (row.period_start, row.period_end) if row.period_start is not None else None
    return Claimed(key, ids, first.follower_id, first.kind, row.attempts, period)


def deliver(engine: Engine, mailer: mail.Mailer, claimed: Claimed, report: RunReport) -> None:
    """Build the claimed message, hand it to the SMTP server, and mark what became of it."""
    with engine.connect() as conn:
        message = build(conn, claimed)
    if message is None:  # its follower is gone, or nothing is left to say
        _mark(engine, claimed, "failed", "nothing to send any more")
        report.failed += 1
        return
    try:
        mailer.send(message)
    except smtplib.SMTPRecipientsRefused as refused:
        _mark(engine, claimed, "failed", _reason(refused))
        report.failed += 1
    except smtplib.SMTPResponseException as error:
        permanent = 500 <= error.smtp_code < 600
        _fail(engine, claimed, _reason(error), report, permanent=permanent)
    except (smtplib.SMTPException, OSError) as error:
        _fail(engine, claimed, _reason(error), report, permanent=False)
    else:
        _mark(engine, claimed, "sent")
        report.sent += 1


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def _fail(
    engine: Engine, claimed: Claimed, reason: str, report: RunReport, *, permanent: bool
) -> None:
    if permanent or claimed.attempts >= MAX_ATTEMPTS:
        _mark(engine, claimed, "failed", reason)
        report.failed += 1
        return
    _mark(engine, claimed, "pending", reason, retry_at=utc_now() + backoff(claimed.attempts))
    report.retrying += 1
    report.errors.append(reason)


def _mark(
    engine: Engine,
    claimed: Claimed,
    state: str,
    reason: str | None = None,
    retry_at: dt.datetime | None = None,
) -> None:
    values: dict[str, object] = {"state": state, "last_error": reason}
    if state == "sent":
        values["sent_at"] = utc_now()
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    with _writing(engine) as conn:
        conn.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(claimed.ids)).values(**values)
        )


# --- Digests --------------------------------------------------------------------------------
def queue_digests(conn: Connection, now: dt.datetime) -> int:
    """A digest in the outbox for each confirmed follower whose period has ended and who
    has something to read in it; each such follower's next period starts now."""
    due = conn.execute(
        select(
            Follower.id,
            Follower.target,
            Follower.target_id,
            Follower.frequency,
            Follower.digest_until,
            Follower.confirmed_at,
        ).where(Follower.confirmed_at.is_not(None), Follower.frequency.in_(tuple(PERIODS)))
    ).all()
    queued = 0
    for row in due:
        start = _aware(row.digest_until or row.confirmed_at)
        if start + PERIODS[row.frequency] > now:
            continue
        followed = Followed(row.target, row.target_id)
        if _has_news(conn, followed, start, now):
            following.queue(conn, row.id, "digest", now, period=(start, now))
            queued += 1
        conn.execute(update(Follower).where(Follower.id == row.id).values(digest_until=now))
    return queued


def _has_news(conn: Connection, followed: Followed, start: dt.datetime, end: dt.datetime) -> bool:
    return any(
        conn.execute(query.limit(1)).first() is not None
        for query in _digest_queries(followed, start, end)
    )


def _digest_queries(followed: Followed, start: dt.datetime, end: dt.datetime):
    return (
        changes_queries.status_changes(followed, start, end),
        changes_queries.became_overdue(followed, start.date(), end.date()),
        changes_queries.untouched(followed, end.date(), UNTOUCHED_DAYS),
    )


# --- The messages ---------------------------------------------------------------------------
def build(conn: Connection, claimed: Claimed) -> EmailMessage | None:
    """The e-mail of a claimed message, read from the database (None: nothing to send)."""
    row = conn.execute(
        select(
            Follower.id,
            Follower.email,
            Follower.target,
            Follower.target_id,
            Follower.lang,
            Follower.frequency,
            Follower.salt,
        ).where(Follower.id == claimed.follower_id)
    ).first()
    if row is None:
        return None
    lang = following.follower_language(row.lang)
    key = tokens.secret_key(conn)
    now = utc_now()
    what = following.describe(conn, row.target, row.target_id, lang)
    stop = tokens.sign(key, "unsubscribe", row.id, lang, row.salt, now)
    unsubscribe = mail.follow_link(stop)
    if claimed.kind == "confirm":
        confirm = tokens.sign(key, "confirm", row.id, lang, row.salt, now)
        letter = mail.Letter(
            lang=lang,
            subject=t("mail_confirm_subject", lang).format(what=what),
            intro=t("mail_confirm_intro", lang).format(what=what),
            action=(t("mail_confirm_action", lang), mail.follow_link(confirm)),
            notes=(t("mail_confirm_ignore", lang),),
            unsubscribe=unsubscribe,
        )
    elif claimed.kind == "alert":
        rows = conn.execute(changes_queries.alert_changes(claimed.ids)).all()
        if not rows:
            return None
        letter = mail.Letter(
            lang=lang,
            subject=t("mail_alert_subject", lang).format(
                what=what, count=formats.number(len(rows), lang)
            ),
            intro=t("mail_alert_intro", lang).format(what=what),
            sections=(_section(t("mail_changed", lang), rows, lambda r: _change_item(r, lang)),),
            notes=(t("mail_why", lang).format(what=what),),
            unsubscribe=unsubscribe,
        )
    else:
        letter = _digest(conn, row, lang, what, claimed.period, unsubscribe)
    return mail.build_message(
        letter,
        row.email,
        mail.message_id(claimed.key, key),
        mail.one_click_link(stop),
    )


def _digest(
    conn: Connection,
    row,
    lang: str,
    what: str,
    period: tuple[dt.datetime, dt.datetime] | None,
    unsubscribe: str,
) -> mail.Letter:
    start, end = period or (utc_now() - PERIODS.get(row.frequency, PERIODS["weekly"]), utc_now())
    start, end = _aware(start), _aware(end)
    changed_q, overdue_q, untouched_q = _digest_queries(
        Followed(row.target, row.target_id), start, end
    )

    def overdue(r) -> mail.Item:
        when = formats.day(r.target_date, lang)
        return mail.Item(r.title, r.code, t("mail_target_was", lang).format(day=when))

    def quiet(r) -> mail.Item:
        detail = t("mail_unchanged_since", lang).format(
            status=term_label(STATUSES, r.current_status, lang),
            day=formats.day(r.current_status_date, lang),
        )
        return mail.Item(r.title, r.code, detail)

    sections = tuple(
        _section(heading, rows, make)
        for heading, rows, make in (
            (
                t("mail_digest_changed", lang),
                conn.execute(changed_q).all(),
                lambda r: _change_item(r, lang),
            ),
            (t("mail_digest_overdue", lang), conn.execute(overdue_q).all(), overdue),
            (
                t("mail_digest_untouched", lang).format(days=UNTOUCHED_DAYS),
                conn.execute(untouched_q).all(),
                quiet,
            ),
        )
        if rows
    )
    daily = row.frequency == "daily"
    return mail.Letter(
        lang=lang,
        subject=t("mail_digest_subject_daily" if daily else "mail_digest_subject", lang).format(
            what=what
        ),
        intro=t("mail_digest_intro", lang).format(
            what=what, start=formats.day(start.date(), lang), end=formats.day(end.date(), lang)
        ),
        sections=sections,
        notes=(t("mail_why", lang).format(what=what),),
        unsubscribe=unsubscribe,
    )


def _section(heading: str, rows: Sequence, make: Callable[..., mail.Item]) -> mail.Section:
    """A section listing the first MAX_ITEMS rows (only those are written out: a national
    change lists thousands) and counting the others."""
    items = tuple(make(row) for row in rows[:MAX_ITEMS])
    return mail.Section(heading, items, max(len(rows) - MAX_ITEMS, 0))


def _change_item(row, lang: str) -> mail.Item:
    return mail.Item(row.title, row.code, mail.change_detail(row, lang))


def _aware(value: dt.datetime) -> dt.datetime:
    """A timestamp read back from SQLite has lost its time zone: it was written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
