"""Following by e-mail, end to end against a real SMTP server on 127.0.0.1 (aiosmtpd):
the double opt-in, the alerts a change loaded from a file makes, in each follower's
language, grouped per follower; digests; retries; what a rolled-back load leaves (nothing);
and a `notify` killed with SIGKILL in the middle of a batch, run again. SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from smtp_sink import SmtpSink
from sqlalchemy import func, select, update

from conftest import PROJECT_ROOT
from etl.load import run_load
from musharaka import tokens
from musharaka.i18n import term_label
from musharaka.models import (
    Association,
    Follower,
    OutboxMessage,
    Recommendation,
    StatusChange,
    utc_now,
)
from musharaka.services import following, notify
from musharaka.vocabulary import STATUSES

PUBLIC = "https://musharaka.example.ma"  # as the sink fixture sets it
TODAY = dt.date.today()
UPDATES_HEADER = ["recommendation_id", "date", "status", "progress", "note"]


def write_csv(path: Path, header: list[str], rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def load_base(engine, folder: Path, recommendations: int = 4) -> None:
    """One meeting of Khnafif (officially Lakhnafif, as the messages name it) and its
    recommendations R1..Rn, planned; R2 due three days ago (overdue since), the others due
    in 2035; R1 proposed by an association with an e-mail address on file."""
    write_csv(
        folder / "associations.csv",
        ["name", "commune", "email"],
        [["Association Tilelli", "Khnafif", "contact@tilelli.example.org"]],
    )
    write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [["M1", "Khnafif", "Taroudant", "2020-02-16", "Deuxième rencontre"]],
    )
    write_csv(
        folder / "recommendations.csv",
        [
            "recommendation_id",
            "meeting_id",
            "domain",
            "title",
            "status",
            "target_date",
            "proposed_by",
        ],
        [
            [
                f"R{i}",
                "M1",
                "health",
                f"Équiper le dispensaire {i}" if i % 2 else f"تهيئة المسلك {i}",
                "planned",
                (TODAY - dt.timedelta(days=3)).isoformat() if i == 2 else "2035-01-01",
                "Association Tilelli" if i == 1 else "",
            ]
            for i in range(1, recommendations + 1)
        ],
    )
    report = run_load(engine, [folder])
    assert report.committed and not report.rejects, report.rejects


def load_updates(engine, folder: Path, rows, **options):
    path = write_csv(folder / "status_updates.csv", UPDATES_HEADER, rows)
    return run_load(engine, [path], **options)


def rec_id(engine, code: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(Recommendation.id).where(Recommendation.code == code)).scalar()


def association_id(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(Association.id)).scalar()


def commune_id(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(Recommendation.commune_id).limit(1)).scalar()


def send(engine, **options) -> notify.RunReport:
    return notify.run(engine, **options)


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def words_of(message) -> str:
    """The plain text without its links: a link's random token may hold any short text."""
    return re.sub(r"https?://\S+", "", text_of(message))


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def link_in(message, path: str) -> str:
    found = re.search(re.escape(PUBLIC + path) + r"\?\S+", text_of(message))
    assert found, text_of(message)
    return found.group(0)


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def follow_and_confirm(engine, sink, email: str, target: str, target_id: int, lang: str, **kw):
    """Ask to follow, receive the confirmation, open its link: as a reader does."""
    assert following.ask(engine, email, target, target_id, lang, **kw) == following.QUEUED
    before = len(sink.messages)
    send(engine)
    confirmation = next(m for m in sink.messages[before:] if m["To"] == email)
    outcome = following.open_link_now(engine, token_of(link_in(confirmation, "/Follow")))
    assert outcome.done and outcome.action == "confirm"
    return confirmation


# --- Double opt-in ---------------------------------------------------------------------------
def test_nothing_but_the_confirmation_is_sent_before_its_link_is_opened(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    commune = commune_id(engine)
    assert following.ask(engine, "Amina@Example.org ", "commune", commune, "fr") == "queued"
    load_updates(engine, tmp_path / "u", [["R1", "2024-05-01", "in_progress", "40", "lancé"]])
    report = send(engine)
    assert report.sent == 1
    (confirmation,) = sink.messages
    assert confirmation["To"] == "amina@example.org"
    assert confirmation["Content-Language"] == "fr"
    assert confirmation["Subject"] == "Confirmez que vous voulez suivre la commune de Lakhnafif"
    assert 'dir="ltr"' in html_of(confirmation)
    confirm = link_in(confirmation, "/Follow")
    assert "R1" not in words_of(confirmation)
    # Every message can stop the others, in one click (RFC 8058) or by its link.
    assert confirmation["List-Unsubscribe"].startswith(f"<{PUBLIC}/unsubscribe?token=")
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A change before the confirmation told nobody, and a second run sends nothing.
    assert send(engine).sent == 0
    assert following.open_link_now(engine, token_of(confirm)).done
    assert send(engine).sent == 0


def test_the_form_cannot_flood_an_inbox(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    commune, rec = commune_id(engine), rec_id(engine, "R1")
    assert following.ask(engine, "victim@example.org", "commune", commune, "ar") == "queued"
    for target, target_id in (("commune", commune), ("recommendation", rec)):
        outcome = following.ask(engine, "victim@example.org", target, target_id, "en")
        assert outcome == following.RATE_LIMITED
    with engine.begin() as conn:
        later = utc_now() + dt.timedelta(minutes=61)
        assert (
            following.request_follow(
                conn, "victim@example.org", "recommendation", rec, "en", now=later
            )
            == "queued"
        )
    assert following.ask(engine, "not an address", "commune", commune, "ar") == "bad_email"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(OutboxMessage)).scalar() == 2


def test_links_are_signed_expire_and_die_with_their_follower(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    confirmation = follow_and_confirm(
        engine, sink, "a@example.org", "recommendation", rec_id(engine, "R1"), "en"
    )
    confirm = token_of(link_in(confirmation, "/Follow"))  # the first link: confirm
    unsubscribe = token_of(confirmation["List-Unsubscribe"].strip("<>"))
    claim = tokens.read(unsubscribe)
    assert claim is not None and claim.action == "unsubscribe" and claim.lang == "en"
    forged = unsubscribe[:-3] + ("AAA" if not unsubscribe.endswith("AAA") else "BBB")
    assert not following.open_link_now(engine, forged).done
    with engine.begin() as conn:
        late = claim.expires + dt.timedelta(seconds=1)
        assert not following.open_link(conn, unsubscribe, now=late).done
    # A confirmation link cannot unsubscribe through the one-click endpoint.
    assert not following.one_click_unsubscribe(engine, confirm)
    assert following.one_click_unsubscribe(engine, unsubscribe)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Follower)).scalar() == 0
    assert not following.one_click_unsubscribe(engine, unsubscribe)  # gone, with its address


# --- Alerts ----------------------------------------------------------------------------------
def test_a_change_loaded_from_a_file_alerts_each_follower_once_in_their_language(
    engine, sink, tmp_path
):
    load_base(engine, tmp_path / "base")
    follow_and_confirm(engine, sink, "fr@example.org", "commune", commune_id(engine), "fr")
    follow_and_confirm(engine, sink, "ar@example.org", "recommendation", rec_id(engine, "R1"), "ar")
    follow_and_confirm(
        engine, sink, "other@example.org", "recommendation", rec_id(engine, "R3"), "en"
    )
    follow_and_confirm(
        engine, sink, "weekly@example.org", "commune", commune_id(engine), "en", frequency="weekly"
    )
    follow_and_confirm(
        engine, sink, "assoc@example.org", "association", association_id(engine), "en"
    )
    sink.clear()
    load_updates(engine, tmp_path / "u", [["R1", "2024-05-01", "completed", "100", "reçu"]])
    report = send(engine)
    assert report.sent == 3
    by_to = {m["To"]: m for m in sink.messages}
    assert set(by_to) == {"fr@example.org", "ar@example.org", "assoc@example.org"}
    assert by_to["assoc@example.org"]["Subject"] == (
        "the recommendations of Association Tilelli: 1 change(s)"
    )
    french, arabic = by_to["fr@example.org"], by_to["ar@example.org"]
    assert french["Subject"] == "la commune de Lakhnafif : 1 changement(s)"
    planned, completed = (term_label(STATUSES, key, "fr") for key in ("planned", "completed"))
    assert f"- Équiper le dispensaire 1 (R1): {planned} → {completed} (100" in text_of(french)
    assert f"{PUBLIC}/Recommendations?rec=R1&lang=fr" in text_of(french)
    assert arabic["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in html_of(arabic)
    assert "التوصية R1" in arabic["Subject"]
    planned, completed = (term_label(STATUSES, key, "ar") for key in ("planned", "completed"))
    assert f"(R1): {planned} ← {completed}" in text_of(arabic)
    for message in (french, arabic):
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith(f"<{PUBLIC}/unsubscribe?token=")
        assert link_in(message, "/Follow")
    # Sent is sent: the next run has nothing to do.
    assert send(engine).sent == 0


def test_a_large_change_is_one_message_per_follower_listing_every_change(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base", recommendations=130)
    follow_and_confirm(engine, sink, "c@example.org", "commune", commune_id(engine), "en")
    sink.clear()
    rows = [[f"R{i}", "2024-05-01", "in_progress", "30", "x"] for i in range(1, 131)]
    load_updates(engine, tmp_path / "u1", rows[:70])
    load_updates(engine, tmp_path / "u2", rows[70:])  # a second load before the run
    assert send(engine).sent == 1
    (message,) = sink.messages
    assert message["Subject"] == "the commune of Lakhnafif: 130 change(s)"
    # The first hundred written out, in the order they happened, then how many more.
    listed = re.findall(r"\((R\d+)\):", text_of(message))
    assert listed == [f"R{i}" for i in range(1, 101)]
    assert "… and 30 more" in text_of(message)
    assert "… and 30 more" in html_of(message)


def test_a_load_rolled_back_leaves_nothing_in_the_outbox(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    follow_and_confirm(engine, sink, "c@example.org", "commune", commune_id(engine), "en")
    report = load_updates(
        engine,
        tmp_path / "u",
        [["R1", "2024-05-01", "completed", "100", "ok"], ["R404", "2024-05-01", "done", "", ""]],
        strict=True,
    )
    assert not report.committed
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(StatusChange)).scalar() == 0
        pending = (
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "alert")
        )
        assert conn.execute(pending).scalar() == 0
    assert send(engine).sent == 0


def test_a_failed_send_is_retried_later_and_a_refused_address_is_not(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    follow_and_confirm(engine, sink, "c@example.org", "commune", commune_id(engine), "en")
    follow_and_confirm(
        engine, sink, "gone@example.org", "recommendation", rec_id(engine, "R1"), "en"
    )
    sink.clear()
    load_updates(engine, tmp_path / "u", [["R1", "2024-05-01", "stalled", "10", "x"]])
    sink.handler.refuse = ["451 4.3.0 try again later", "550 5.1.1 no such mailbox"]
    report = send(engine)
    assert (report.sent, report.retrying, report.failed) == (0, 1, 1)
    with engine.connect() as conn:
        rows = conn.execute(
            select(OutboxMessage.state, OutboxMessage.attempts, OutboxMessage.next_attempt_at)
            .where(OutboxMessage.kind == "alert")
            .order_by(OutboxMessage.id)
        ).all()
    assert sorted(r.state for r in rows) == ["failed", "pending"]
    retry = next(r for r in rows if r.state == "pending")
    assert retry.attempts == 1
    assert send(engine).sent == 0  # not yet: it waits for its backoff
    later = utc_now() + notify.backoff(1) + dt.timedelta(seconds=1)
    assert send(engine, now=later).sent == 1
    (message,) = sink.messages
    assert message["To"] == "c@example.org"


def test_two_runs_never_overlap(engine, sink, tmp_path):
    load_base(engine, tmp_path / "base")
    following.ask(engine, "c@example.org", "commune", commune_id(engine), "en")
    with notify.run_lock(engine) as held:
        assert held
        assert send(engine).locked
    assert send(engine).sent == 1


def identity(engine, user_id: int):
    from musharaka import auth

    with engine.connect() as conn:
        return auth.load_identity(conn, user_id)


def test_a_form_and_an_approved_field_report_alert_as_a_file_does(engine, db_url, sink, tmp_path):
    """The other writers of a current status: the Edit page's form and an editor approving
    an association's field report go through the same place, and alert alike."""
    from conftest import add_user
    from musharaka.services import edit, field_reports

    load_base(engine, tmp_path / "base")
    follow_and_confirm(engine, sink, "c@example.org", "commune", commune_id(engine), "en")
    sink.clear()
    editor = identity(engine, add_user(db_url, "editor1", "editor", communes=["Khnafif"]))
    saved = edit.save(
        engine,
        "status_updates",
        {"recommendation_id": "R2", "date": "2024-03-01", "status": "in_progress", "progress": 20},
        user=editor,
    )
    assert saved.saved, saved.problems
    assert send(engine).sent == 1
    association = identity(
        engine, add_user(db_url, "tilelli", "association", association="Association Tilelli")
    )
    submitted = field_reports.submit(
        engine,
        association,
        rec_id(engine, "R1"),
        date=TODAY,
        status="stalled",
        progress="35",
        note="The works stopped.",
        evidence_url=None,
    )
    assert submitted.done, submitted
    assert send(engine).sent == 0  # a report waiting for an editor changes nothing yet
    assert field_reports.approve(engine, editor, submitted.report_id).done
    assert send(engine).sent == 1
    by_form, by_report = sink.messages
    for message, code in ((by_form, "R2"), (by_report, "R1")):
        assert message["Subject"] == "the commune of Lakhnafif: 1 change(s)"
        assert re.findall(r"\((R\d+)\):", text_of(message)) == [code]


# --- Digests ---------------------------------------------------------------------------------
def test_a_weekly_digest_says_what_changed_became_overdue_and_stayed_untouched(
    engine, sink, tmp_path
):
    load_base(engine, tmp_path / "base")
    follow_and_confirm(
        engine, sink, "d@example.org", "commune", commune_id(engine), "ar", frequency="weekly"
    )
    sink.clear()
    with engine.begin() as conn:  # confirmed eight days ago
        ago = utc_now() - dt.timedelta(days=8)
        conn.execute(update(Follower).values(confirmed_at=ago, digest_until=ago))
    load_updates(engine, tmp_path / "u", [["R1", "2024-05-01", "in_progress", "50", "x"]])
    report = send(engine)
    assert report.digests == 1 and report.sent == 1
    (digest,) = sink.messages
    assert digest["To"] == "d@example.org"
    assert "ملخصك الأسبوعي" in digest["Subject"]
    body = text_of(digest)
    changed, overdue, untouched = (
        body.index("ما الذي تغير\n"),
        body.index("ما أصبح متجاوزا للأجل"),
        body.index("دون أي تغيير منذ 90"),
    )
    assert "(R1)" in body[changed:overdue]
    assert "(R2)" in body[overdue:untouched]
    assert "(R3)" in body[untouched:] and "(R1)" not in body[untouched:]
    assert '<html lang="ar" dir="rtl">' in html_of(digest)
    assert f"{PUBLIC}/Recommendations?rec=R2&amp;lang=ar" in html_of(digest)
    # The next one is due a week later.
    assert send(engine).digests == 0


# --- Killed in the middle --------------------------------------------------------------------
def notify_process(db_url: str, sink: SmtpSink) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "MUSHARAKA_SMTP_URL": sink.url,
        "MUSHARAKA_PUBLIC_URL": PUBLIC,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "musharaka", "notify"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_notify_killed_in_the_middle_of_a_batch_delivers_each_message_once(
    engine, db_url, sink, tmp_path
):
    load_base(engine, tmp_path / "base", recommendations=8)
    followers = [f"f{i}@example.org" for i in range(8)]
    for i, address in enumerate(followers):
        rec = rec_id(engine, f"R{i + 1}")
        follow_and_confirm(engine, sink, address, "recommendation", rec, "fr")
    sink.clear()
    rows = [[f"R{i}", "2024-05-01", "completed", "100", "x"] for i in range(1, 9)]
    load_updates(engine, tmp_path / "u", rows)
    # A slow server: the run is killed while the server has not yet answered the
    # recipient of its fourth message (three are delivered).
    sink.handler.delay_rcpt = 0.4
    process = notify_process(db_url, sink)
    deadline = time.monotonic() + 60
    while sink.handler.rcpt_started < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sink.handler.rcpt_started >= 4, process.communicate(timeout=5)[0]
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert len(sink.messages) == 3
    with engine.connect() as conn:
        states = conn.execute(
            select(OutboxMessage.state, func.count())
            .where(OutboxMessage.kind == "alert")
            .group_by(OutboxMessage.state)
        ).all()
    assert dict(states) == {"sent": 3, "sending": 1, "pending": 4}
    sink.handler.delay_rcpt = 0
    rerun = notify_process(db_url, sink)
    output = rerun.communicate(timeout=120)[0].decode()
    assert rerun.returncode == 0, output
    assert "resumed after an interruption 1" in output
    received = [m["To"] for m in sink.messages]
    assert sorted(received) == sorted(followers)  # each once: none lost, none twice


def test_a_message_in_doubt_is_sent_again_with_the_same_message_id(engine, db_url, sink, tmp_path):
    """The at-least-once window, shown: killed after the server took the whole message but
    before it answered, the run cannot know; the next run sends it again, and the copy is
    recognisable by its Message-ID."""
    load_base(engine, tmp_path / "base", recommendations=1)
    follow_and_confirm(engine, sink, "x@example.org", "recommendation", rec_id(engine, "R1"), "en")
    sink.clear()
    load_updates(engine, tmp_path / "u", [["R1", "2024-05-01", "completed", "100", "x"]])
    sink.handler.delay_reply = 5
    process = notify_process(db_url, sink)
    sink.wait_for(1, timeout=60)  # the server kept it, and is slow to say so
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    sink.handler.delay_reply = 0
    rerun = notify_process(db_url, sink)
    assert rerun.wait(timeout=120) == 0
    first, second = sink.messages
    assert first["Message-ID"] == second["Message-ID"]
    assert send(engine).sent == 0
