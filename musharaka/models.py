"""Typed SQLAlchemy 2.0 models: communes, associations, meetings, recommendations, their
append-only status history, the history of loads with their rejected rows, and the
editors' side: users, the field reports associations submit, and the audit log.

Statuses, domains and priorities are vocabulary keys (musharaka.vocabulary), not database
enums, so the vocabulary can grow without a migration. Only portable types are used: the
same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints keep Alembic's batch mode (SQLite) able to find and alter them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def text_limit(column: Column) -> int:
    """The most characters a String column holds."""
    kind = column.type
    assert isinstance(kind, String) and kind.length is not None, f"{column} has no length"
    return kind.length


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {dt.datetime: DateTime(timezone=True)}
    # Each model maps one Table (SQLAlchemy types __table__ as any FromClause): said so
    # for the code that writes a table's rows directly (etl.bulk, the planners' updates).
    __table__: ClassVar[Table]


meeting_associations = Table(
    "meeting_associations",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("association_id", ForeignKey("associations.id"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)

recommendation_proposers = Table(
    "recommendation_proposers",
    Base.metadata,
    Column(
        "recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("association_id", ForeignKey("associations.id"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_recommendation_proposers_association", "association_id"),
)


class Commune(Base):
    """One commune (جماعة): the unit whose council meets its associations."""

    __tablename__ = "communes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # folded name, for matching
    name: Mapped[str] = mapped_column(String(200))  # as first written
    name_ar: Mapped[str | None] = mapped_column(String(200))
    name_fr: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(200))  # as written
    province_key: Mapped[str | None] = mapped_column(String(80), index=True)
    region_key: Mapped[str | None] = mapped_column(String(80), index=True)
    # The official code (the Haut-Commissariat au Plan's, as data/reference/communes.csv
    # gives it, "09.541.05.19"), when the commune is one of the reference list's.
    code: Mapped[str | None] = mapped_column(String(20), index=True, unique=True)

    meetings: Mapped[list[Meeting]] = relationship(back_populates="commune")
    aliases: Mapped[list[CommuneAlias]] = relationship(
        back_populates="commune", cascade="all, delete-orphan"
    )


class CommuneAlias(Base):
    """Another name a commune is written by in files (a transliteration, an old name): a
    row naming it is that commune's (musharaka.communes)."""

    __tablename__ = "commune_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the alias folded
    alias: Mapped[str] = mapped_column(String(200))  # as written
    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), index=True
    )
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    commune: Mapped[Commune] = relationship(back_populates="aliases")


class Association(Base):
    """One association of civil society that takes part in meetings or proposes recommendations."""

    __tablename__ = "associations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # folded name, for matching
    name: Mapped[str] = mapped_column(Text)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("communes.id"))
    domain: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(Text)
    # Personal data: for the council's own use, never on a public page or export.
    phone: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(200))
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]


class Meeting(Base):
    """One communicative meeting (لقاء تواصلي) between a commune's council and associations."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(120), unique=True)  # the contract's meeting_id
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"), index=True)
    date: Mapped[dt.date]
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)
    edition: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(Text)
    chair: Mapped[str | None] = mapped_column(Text)
    facilitator: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[int | None]
    summary: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None]  # the contract's optional place (musharaka.places)
    longitude: Mapped[float | None]
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # Raised by every change to the fields above (form, upload, load): an editor whose
    # form was opened on an older version is refused instead of overwriting.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    commune: Mapped[Commune] = relationship(back_populates="meetings")
    recommendations: Mapped[list[Recommendation]] = relationship(back_populates="meeting")
    associations: Mapped[list[Association]] = relationship(secondary=meeting_associations)

    __table_args__ = (Index("ix_meetings_commune_date", "commune_id", "date"),)


class Recommendation(Base):
    """One recommendation a meeting produced, with its current state kept up to date.

    `current_*` is the latest entry of its history (by date, then by the order read; the
    recommendation's own initial status counts as of its meeting's date). It is rewritten
    in the same transaction as every change to the history, so no page has to scan it.
    """

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(160), unique=True)  # the contract's recommendation_id
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    # Copied from the meeting so that filtering by commune needs no join.
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    domain: Mapped[str] = mapped_column(String(40))
    domain_text: Mapped[str | None] = mapped_column(Text)  # as written, when domain='other'
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(Text)
    partners: Mapped[str | None] = mapped_column(Text)  # items joined by "; "
    location: Mapped[str | None] = mapped_column(Text)
    # Its own place (the contract's latitude and longitude); without one, the douar of its
    # commune's list whose name its location's place_key is (musharaka.places).
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    place_key: Mapped[str | None] = mapped_column(String(200))
    priority: Mapped[str | None] = mapped_column(String(20))
    budget_mad: Mapped[float | None] = mapped_column(Numeric(16, 2, asdecimal=False))
    target_date: Mapped[dt.date | None]
    initial_status: Mapped[str] = mapped_column(String(20))
    initial_progress: Mapped[float | None]
    current_status: Mapped[str] = mapped_column(String(20))
    current_progress: Mapped[float | None]
    current_status_date: Mapped[dt.date]
    # Why it stalls (vocabulary.STALL_REASONS): the reason its file gives with its initial
    # status, and the one of the entry its current state is.
    initial_stall_reason: Mapped[str | None] = mapped_column(String(20))
    current_stall_reason: Mapped[str | None] = mapped_column(String(20))
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # as Meeting.version
    # The contract's parent_id: the code of the recommendation this one is a part of (a
    # Decidim sub-result under its result). A code, not a foreign key, so that a file may
    # list children before their parent; the load checks that the parent exists.
    parent_code: Mapped[str | None] = mapped_column(String(160), index=True)
    # Its share of its parent's progress against its siblings' (the contract's weight;
    # None: 1, as much as each of the others). A parent's progress is rolled up from its
    # parts by these weights (etl.parts).
    weight: Mapped[float | None]
    # Its line in the commune's action programme (PAC, organic law 113-14 art. 78) as the
    # commune codes it ("PAC-2022-07"), its budget line, and the institution it is carried
    # out with (a key of musharaka.vocabulary.INSTITUTIONS).
    pac_ref: Mapped[str | None] = mapped_column(String(60))
    budget_line: Mapped[str | None] = mapped_column(String(200))
    partner_institution: Mapped[str | None] = mapped_column(String(40))

    meeting: Mapped[Meeting] = relationship(back_populates="recommendations")
    proposers: Mapped[list[Association]] = relationship(secondary=recommendation_proposers)
    updates: Mapped[list[StatusUpdate]] = relationship(
        back_populates="recommendation", order_by="(StatusUpdate.date, StatusUpdate.id)"
    )

    # Folded text of the title, description, place, responsible and partners (see
    # musharaka.text.search_key): what the search box matches, in Arabic or French.
    search_text: Mapped[str | None] = mapped_column(Text)

    # Covering indexes: the overview's counts by status (with overdue and budget) and by
    # domain are answered from an index alone, for the country, for one commune or for
    # one domain (the public display's). Each ends with parent_code, which the figures
    # test (score_tables.top_level): nearly always NULL, so it costs a byte a row.
    __table_args__ = (
        Index(
            "ix_recommendations_status_cover",
            *("current_status", "target_date", "budget_mad", "parent_code"),
        ),
        Index(
            "ix_recommendations_commune_cover",
            *("commune_id", "current_status", "target_date", "budget_mad", "parent_code"),
        ),
        Index(
            "ix_recommendations_domain_cover",
            *("domain", "current_status", "target_date", "budget_mad", "parent_code"),
        ),
        # Per meeting (counts by meeting or year), the latest completions, and the lists
        # of responsible and douars behind the filters, each from an index alone.
        Index("ix_recommendations_meeting_status", "meeting_id", "current_status", "parent_code"),
        Index("ix_recommendations_status_date", "current_status", "current_status_date"),
        Index("ix_recommendations_responsible", "responsible"),
        Index("ix_recommendations_location", "location"),
        Index(
            "ix_recommendations_commune_domain",
            *("commune_id", "domain", "current_status", "parent_code"),
        ),
        Index("ix_recommendations_commune_place", "commune_id", "place_key"),
        Index("ix_recommendations_commune_institution", "commune_id", "partner_institution"),
    )


class Douar(Base):
    """One douar (دوار) of a commune's list: its names and where it is. A recommendation of
    the commune whose location names it is placed there when it has no place of its own."""

    __tablename__ = "douars"

    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))  # place_key of its first name (ar, else fr)
    key_other: Mapped[str | None] = mapped_column(String(200))  # of its French name
    name_ar: Mapped[str | None] = mapped_column(String(200))
    name_fr: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float]
    longitude: Mapped[float]
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]

    __table_args__ = (
        UniqueConstraint("commune_id", "key", name="uq_douars_commune_key"),
        Index("ix_douars_commune_other", "commune_id", "key_other"),
    )


class StatusUpdate(Base):
    """One entry of a recommendation's implementation history; never edited in place.

    The same update read twice is recognised by its fingerprint: recommendation, date,
    status, progress and note.
    """

    __tablename__ = "status_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE")
    )
    date: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[float | None]
    note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str | None] = mapped_column(Text)
    stall_reason: Mapped[str | None] = mapped_column(String(20))  # vocabulary.STALL_REASONS
    fingerprint: Mapped[str] = mapped_column(String(64))
    # A correction is a new entry naming the entry it corrects; the old one stays.
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_updates.id", ondelete="SET NULL")
    )
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    recommendation: Mapped[Recommendation] = relationship(back_populates="updates")

    __table_args__ = (
        UniqueConstraint("recommendation_id", "fingerprint", name="uq_status_updates_fingerprint"),
        Index("ix_status_updates_recommendation_date", "recommendation_id", "date", "id"),
        Index("ix_status_updates_date", "date"),
    )


class LoadRun(Base):
    """One committed run of the ETL: when, which files, and its whole report as JSON."""

    __tablename__ = "load_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime]
    source: Mapped[str] = mapped_column(String(40))  # "cli", "sample", "upload"
    actor: Mapped[str | None] = mapped_column(String(120))  # who ran it (user name or "cli")
    files: Mapped[str] = mapped_column(Text)  # file names joined by "; "
    rows_read: Mapped[int]
    rows_rejected: Mapped[int]
    report_json: Mapped[str] = mapped_column(Text)

    rejects: Mapped[list[LoadReject]] = relationship(
        back_populates="load_run", cascade="all, delete-orphan"
    )


class LoadReject(Base):
    """One rejected input row of a load: where it was, which column, and why."""

    __tablename__ = "load_rejects"

    id: Mapped[int] = mapped_column(primary_key=True)
    load_run_id: Mapped[int] = mapped_column(
        ForeignKey("load_runs.id", ondelete="CASCADE"), index=True
    )
    file: Mapped[str] = mapped_column(String(255))
    sheet: Mapped[str] = mapped_column(String(255))
    row: Mapped[int]
    table_name: Mapped[str] = mapped_column(String(40))
    column_name: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    # The commune the rejected row belongs to, as far as its cells tell (None: they do
    # not): an editor is shown only the rejected rows of their communes.
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("communes.id"))

    load_run: Mapped[LoadRun] = relationship(back_populates="rejects")


# The communes whose rows a load loaded (inserted, updated or found unchanged): an editor
# sees a load, and its rejected rows, only when all of them are theirs. A load with none
# (every row rejected, or loaded before this was recorded) is shown to admins only.
load_run_communes = Table(
    "load_run_communes",
    Base.metadata,
    Column("load_run_id", ForeignKey("load_runs.id", ondelete="CASCADE"), primary_key=True),
    Column("commune_id", ForeignKey("communes.id"), primary_key=True),
)


user_communes = Table(
    "user_communes",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("commune_id", ForeignKey("communes.id"), primary_key=True),
)


class User(Base):
    """Someone who signs in: an association's representative, council staff, an admin.

    The password is kept only as an argon2id hash. Repeated failures lock the account
    for a while (musharaka.auth); a disabled account cannot sign in at all.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)  # lower case
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # association, editor, admin
    association_id: Mapped[int | None] = mapped_column(ForeignKey("associations.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]
    last_sign_in_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    communes: Mapped[list[Commune]] = relationship(secondary=user_communes)


class FieldReport(Base):
    """What an association saw on the ground about one recommendation; waits for an editor.

    Approval turns it into a status update (status_update_id); rejection keeps it with the
    editor's reason. Either way the association sees what became of it.
    """

    __tablename__ = "field_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id"), index=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    date: Mapped[dt.date]  # the day it was seen
    note: Mapped[str] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    proposed_status: Mapped[str] = mapped_column(String(20))
    proposed_progress: Mapped[float | None]
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    status_update_id: Mapped[int | None] = mapped_column(ForeignKey("status_updates.id"))


class AuditEntry(Base):
    """One change, as it happened: who, when, through what, which record, before and after.

    Append-only: the migration adds triggers that refuse UPDATE and DELETE on this table,
    on SQLite and on PostgreSQL alike.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(120))  # user name, or "cli" for the command line
    source: Mapped[str] = mapped_column(String(20))  # form, upload, cli, sample, users, review
    action: Mapped[str] = mapped_column(String(40))  # insert, update, correct, load, ...
    table_name: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[str | None] = mapped_column(String(200))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_key"),)


# Following by e-mail (settings, followers, status changes, the outbox) in a module of its
# own, imported here so that every table is in Base.metadata wherever models is imported.
from musharaka import following_tables as _following  # noqa: E402

Setting = _following.Setting
Follower = _following.Follower
StatusChange = _following.StatusChange
OutboxMessage = _following.OutboxMessage
outbox_changes: Table = _following.outbox_changes

# Evidence files (photos and PDFs of a status update), likewise in a module of their own.
from musharaka import evidence_tables as _evidence  # noqa: E402

EvidenceFile = _evidence.EvidenceFile

# The communes' scorecard summary, likewise.
from musharaka import score_tables as _scores  # noqa: E402

CommuneScore = _scores.CommuneScore
CommuneStatusCount = _scores.CommuneStatusCount
CommuneInstitutionCount = _scores.CommuneInstitutionCount
MeetingCount = _scores.MeetingCount
CommuneReasonCount = _scores.CommuneReasonCount
top_level = _scores.top_level
open_top_level = _scores.open_top_level
status_not_in = _scores.status_not_in

# The indexes the overview's national sections are read from, likewise.
from musharaka import page_indexes as _page_indexes  # noqa: E402

may_be_asked_a_reason = _page_indexes.may_be_asked_a_reason
