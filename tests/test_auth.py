"""Users and sign-in (musharaka.auth) and the `python -m musharaka users` command: argon2id
hashes, a lockout after repeated failures, sessions that end when idle, no default
password, and an audit entry for every change to a user."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text

from conftest import PASSWORD, PROJECT_ROOT, add_user
from musharaka import auth, db
from musharaka.models import AuditEntry, User


def _sign_in(engine, username, password, now=None):
    with db.writing(engine).begin() as conn:
        return auth.authenticate(conn, username, password, now)


def _audit(engine, table="users"):
    with engine.connect() as conn:
        return conn.execute(
            select(AuditEntry.actor, AuditEntry.source, AuditEntry.action, AuditEntry.record_key)
            .where(AuditEntry.table_name == table)
            .order_by(AuditEntry.id)
        ).all()


def test_password_kept_only_as_an_argon2id_hash(engine, db_url):
    add_user(db_url, "Amina", "admin")
    with engine.connect() as conn:
        stored = conn.execute(select(User.username, User.password_hash)).one()
    assert stored.username == "amina"  # names are matched without case
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert _sign_in(engine, "AMINA", PASSWORD).identity.role == "admin"


def test_wrong_password_and_unknown_name_get_the_same_answer(engine, db_url):
    add_user(db_url, "amina", "admin")
    assert _sign_in(engine, "amina", "wrong password!").reason == "sign_in_failed"
    assert _sign_in(engine, "nobody", PASSWORD).reason == "sign_in_failed"


def _account(engine, username="amina"):
    with engine.connect() as conn:
        return conn.execute(
            select(User.failed_attempts, User.locked_until).where(User.username == username)
        ).one()


def test_lockout_after_five_failures_then_unlocks_after_the_wait(engine, db_url):
    add_user(db_url, "amina", "admin")
    now = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    reasons = [_sign_in(engine, "amina", f"wrong-{i}-password", now).reason for i in range(5)]
    # The fifth failure locks the account, but the answer stays the same: a locked
    # account must not tell that its name exists.
    assert reasons == ["sign_in_failed"] * 5
    assert auth._aware(_account(engine).locked_until) > now
    # Locked: even the right password is refused until the lock ends.
    locked = _sign_in(engine, "amina", PASSWORD, now + dt.timedelta(minutes=5))
    assert locked.identity is None and locked.reason == "sign_in_failed"
    later = now + dt.timedelta(minutes=auth.LOCK_MINUTES + 1)
    assert _sign_in(engine, "amina", PASSWORD, later).identity is not None
    assert ("amina", "sign_in", "lock", "amina") in _audit(engine)


def test_after_the_lock_ends_five_more_failures_lock_again(engine, db_url):
    add_user(db_url, "amina", "admin")
    now = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    for i in range(7):
        _sign_in(engine, "amina", f"wrong-{i}-password", now)
    assert _account(engine).failed_attempts == 7  # attempts on a locked account count too
    later = now + dt.timedelta(minutes=auth.LOCK_MINUTES + 1)
    for i in range(4):
        _sign_in(engine, "amina", f"wrong-{i}-password", later)
    assert _account(engine) == (4, None)  # a fresh count, not locked at the first miss
    _sign_in(engine, "amina", "wrong-5-password", later)
    assert auth._aware(_account(engine).locked_until) > later
    assert [a for _, _, a, _ in _audit(engine)].count("lock") == 2


def _at_once(db_url, passwords, username="amina"):
    """Each password tried at the same moment, from its own thread and connection, as
    browser tabs sending the sign-in form together do."""
    engine = db.make_engine(db_url)
    start = threading.Barrier(len(passwords))

    def attempt(password):
        # As the sign-in page does (access.sign_in): a transaction that will write.
        with db.writing(engine).connect() as conn:
            start.wait()
            with conn.begin():
                return auth.authenticate(conn, username, password)

    try:
        with ThreadPoolExecutor(len(passwords)) as pool:
            return list(pool.map(attempt, passwords))
    finally:
        engine.dispose()


def test_concurrent_wrong_passwords_all_count_and_lock(engine, db_url):
    add_user(db_url, "amina", "admin")
    wrong = [f"wrong-{i}-password" for i in range(10)]
    results = _at_once(db_url, wrong)
    assert [r.reason for r in results] == ["sign_in_failed"] * 10
    failed_attempts, locked_until = _account(engine)
    assert failed_attempts == 10
    assert locked_until is not None and auth._aware(locked_until) > auth.utc_now()
    assert [a for _, _, a, _ in _audit(engine)].count("lock") == 1
    # A second round of tabs, the right password among them: the lock holds.
    results = _at_once(db_url, [*wrong[:6], PASSWORD, *wrong[6:]])
    assert all(r.identity is None for r in results)
    assert _account(engine).failed_attempts == 20  # the right password is no failure
    assert _sign_in(engine, "amina", PASSWORD).identity is None


class _CountingHasher(PasswordHasher):
    """The real argon2id hasher, counting the verifications it runs."""

    verified = 0

    def verify(self, hash, password):
        type(self).verified += 1
        return super().verify(hash, password)


def test_unknown_locked_and_wrong_get_the_same_answer_and_the_same_work(
    engine, db_url, monkeypatch
):
    add_user(db_url, "amina", "admin")
    add_user(db_url, "omar", "admin")
    for i in range(auth.MAX_FAILURES):
        _sign_in(engine, "omar", f"wrong-{i}-password")
    monkeypatch.setattr(auth, "_HASHER", _CountingHasher())
    answers = {}
    for case, username, password in (
        ("unknown", "nobody", PASSWORD),
        ("locked", "omar", PASSWORD),
        ("locked, wrong password", "omar", "wrong-9-password"),
        ("wrong password", "amina", "wrong-9-password"),
    ):
        _CountingHasher.verified = 0
        result = _sign_in(engine, username, password)
        answers[case] = result.reason
        assert result.identity is None, case
        # One argon2 verification each, as long as checking a real password takes.
        assert _CountingHasher.verified == 1, case
    assert set(answers.values()) == {"sign_in_failed"}, answers


def test_a_success_resets_the_failure_count(engine, db_url):
    add_user(db_url, "amina", "admin")
    for i in range(4):
        _sign_in(engine, "amina", f"wrong-{i}-password")
    assert _sign_in(engine, "amina", PASSWORD).identity is not None
    for i in range(4):
        assert _sign_in(engine, "amina", f"wrong-{i}-password").reason == "sign_in_failed"


def test_disabled_account_cannot_sign_in_and_its_session_ends(engine, db_url):
    user_id = add_user(db_url, "amina", "admin")
    with engine.begin() as conn:
        auth.set_active(conn, "amina", False, actor="boss", source="admin")
    assert _sign_in(engine, "amina", PASSWORD).identity is None
    with engine.connect() as conn:
        assert auth.load_identity(conn, user_id) is None  # an open session loses its user
    assert ("boss", "admin", "disable", "amina") in _audit(engine)


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short", "password_too_short"), ("aaaaaaaaaaaa", "password_too_simple")],
)
def test_weak_passwords_refused(password, reason):
    assert auth.password_problem(password, "amina") == reason


def test_password_equal_to_the_name_refused():
    assert auth.password_problem("Amina-1234", "amina-1234") == "password_is_username"


def test_roles_need_their_scope(engine, sample_url):
    with engine.begin() as conn, pytest.raises(auth.AuthError, match="commune"):
        auth.create_user(conn, "ed", PASSWORD, "editor", actor="t", source="cli")
    with engine.begin() as conn, pytest.raises(auth.AuthError, match="association"):
        auth.create_user(conn, "assoc", PASSWORD, "association", actor="t", source="cli")
    with engine.begin() as conn, pytest.raises(auth.AuthError, match="unknown commune"):
        auth.create_user(
            conn, "ed", PASSWORD, "editor", communes=["Atlantis"], actor="t", source="cli"
        )
    editor = add_user(sample_url, "ed", "editor", communes=["الخنافيف"])
    with engine.connect() as conn:
        identity = auth.load_identity(conn, editor)
        khnafif = conn.execute(text("SELECT id FROM communes WHERE key = 'الخنافيف'")).scalar()
        other = conn.execute(text("SELECT id FROM communes WHERE key <> 'الخنافيف'")).scalar()
    assert identity.can_edit_commune(khnafif)
    assert not identity.can_edit_commune(other)
    assert identity.has_role("editor") and not identity.has_role("admin")


def test_admin_is_an_editor_everywhere_but_not_an_association():
    admin = auth.Identity(1, "a", None, "admin", frozenset(), None)
    assert admin.has_role("editor") and admin.can_edit_commune(99)
    assert not admin.has_role("association")


def test_session_expires_after_inactivity(monkeypatch):
    start = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    monkeypatch.setenv("MUSHARAKA_SESSION_MINUTES", "20")
    minutes = auth.session_minutes()
    assert minutes == 20
    assert not auth.session_expired(start, start + dt.timedelta(minutes=19), minutes)
    assert auth.session_expired(start, start + dt.timedelta(minutes=21), minutes)


def test_role_change_is_audited_with_before_and_after(engine, sample_url):
    add_user(sample_url, "ed", "editor", communes=["الخنافيف"])
    with engine.begin() as conn:
        auth.set_role(conn, "ed", "admin", actor="boss", source="admin")
    with engine.connect() as conn:
        entry = conn.execute(
            select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.record_key == "ed")
        ).one()
    assert json.loads(entry.before_json)["role"] == "editor"
    assert json.loads(entry.after_json)["role"] == "admin"


def _users(db_url, *args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "musharaka", "users", *args],
        cwd=PROJECT_ROOT,
        env={"DATABASE_URL": db_url, "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_line_creates_the_first_admin_and_manages_users(engine, db_url):
    listed = _users(db_url, "list")
    assert listed.returncode == 0 and "No users yet" in listed.stdout
    added = _users(db_url, "add", "Amina", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    assert added.returncode == 0, added.stderr
    assert _sign_in(engine, "amina", PASSWORD).identity.role == "admin"
    # No password, no user: there is no default.
    refused = _users(db_url, "add", "omar", "--role", "admin", "--password-stdin", stdin="")
    assert refused.returncode == 1 and "at least" in refused.stderr
    assert _users(db_url, "disable", "amina").returncode == 0
    assert "disabled" in _users(db_url, "list").stdout
    assert _users(db_url, "enable", "amina").returncode == 0
    for i in range(5):
        _sign_in(engine, "amina", f"wrong-{i}-password")
    assert "locked until" in _users(db_url, "list").stdout
    assert _users(db_url, "unlock", "amina").returncode == 0
    assert _sign_in(engine, "amina", PASSWORD).identity is not None
    changed = _users(db_url, "password", "amina", "--password-stdin", stdin="another-long-pass-2")
    assert changed.returncode == 0
    assert _sign_in(engine, "amina", "another-long-pass-2").identity is not None
    actions = [(source, action) for _, source, action, _ in _audit(engine)]
    assert ("cli", "insert") in actions and ("cli", "password") in actions
    assert all(actor.startswith("cli") for actor, source, _, _ in _audit(engine) if source == "cli")
    # The audit says that the password changed, never what it is.
    with engine.connect() as conn:
        dumped = " ".join(str(v) for v in conn.execute(select(AuditEntry.after_json)).scalars())
    assert "another-long-pass-2" not in dumped and PASSWORD not in dumped


def test_command_line_errors_are_clear(db_url):
    result = _users(db_url, "disable", "ghost")
    assert result.returncode == 1 and "no user named 'ghost'" in result.stderr
