"""The tables of following by e-mail: the application's own settings (the key that signs
the e-mails' links), the followers, the log of status changes and the outbox of messages.
Part of musharaka.models, which imports them (import them from there)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from musharaka.models import Base, utc_now


class Setting(Base):
    """One value the application generated and keeps for itself (the key that signs the
    links of its e-mails when MUSHARAKA_SECRET_KEY is not set)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Follower(Base):
    """One e-mail address following one commune, one association's recommendations or one
    recommendation, in one language, alerted at once or by a daily or weekly digest.

    Nothing is sent to it but its confirmation until it is confirmed (double opt-in);
    unsubscribing deletes the row, and with it the address. Personal data: never shown on
    a page, never exported.
    """

    __tablename__ = "followers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # lower case
    target: Mapped[str] = mapped_column(String(20))  # commune, association, recommendation
    target_id: Mapped[int]
    lang: Mapped[str] = mapped_column(String(8))
    frequency: Mapped[str] = mapped_column(String(20))  # immediate, daily, weekly
    # Signed into every link, so that a link stops working once its row is gone even if
    # the id is given again to a new follower (SQLite reuses the highest id).
    salt: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    confirmation_sent_at: Mapped[dt.datetime | None]
    confirmed_at: Mapped[dt.datetime | None]
    # The end of the period the last digest covered (its first starts at confirmation).
    digest_until: Mapped[dt.datetime | None]

    __table_args__ = (
        UniqueConstraint("email", "target", "target_id", name="uq_followers_email_target"),
        Index("ix_followers_target", "target", "target_id"),
    )


class StatusChange(Base):
    """One change of a recommendation's current status or progress, as committed: written
    in the same transaction as the change (etl.current), append-only. The alerts, digests
    and feeds read it."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    old_progress: Mapped[float | None]
    new_progress: Mapped[float | None]
    status_date: Mapped[dt.date]  # the day the new state dates from
    changed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    __table_args__ = (Index("ix_status_changes_commune_changed", "commune_id", "changed_at"),)


class OutboxMessage(Base):
    """One e-mail to send to one follower: its confirmation, an alert listing changes, or a
    digest of a period. Written in the transaction that makes it due; `python -m musharaka
    notify` sends it and marks it (musharaka.services.notify says what is guaranteed)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    follower_id: Mapped[int] = mapped_column(ForeignKey("followers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # confirm, alert, digest
    # pending -> sending (claimed, about to go to the SMTP server) -> sent; failed when
    # the server refused it for good or every attempt failed.
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # Alerts of one follower pending together go out as one message: the id of the row
    # whose Message-ID they carry (set when claimed; kept for every retry).
    message_key: Mapped[int | None] = mapped_column(index=True)
    # A digest's period.
    period_start: Mapped[dt.datetime | None]
    period_end: Mapped[dt.datetime | None]

    __table_args__ = (
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_outbox_follower_state", "follower_id", "state"),
    )


# The changes an alert lists.
outbox_changes: Table = Table(
    "outbox_changes",
    Base.metadata,
    Column("outbox_id", ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "status_change_id", ForeignKey("status_changes.id", ondelete="CASCADE"), primary_key=True
    ),
)
