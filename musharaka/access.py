"""Signing in and out in the app, and the access check every page runs.

Streamlit serves any file of pages/ by its URL, on a freshly started server too, without
the entry script or the menu having run: so the check is in `musharaka.ui.setup_page`,
which every page calls first, never in the navigation. A session remembers only the
user's id and when it was last active; the user is read again from the database on every
run, so a disabled account or a changed role takes effect at the next click.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from musharaka import db
from musharaka.auth import Identity, authenticate, load_identity, session_expired, session_minutes
from musharaka.i18n import t
from musharaka.models import utc_now

SESSION_KEY = "musharaka_user"
NOTICE_KEY = "musharaka_notice"
SIGN_IN_PAGE = "pages/11_Sign_in.py"


def current_user(engine: Engine) -> Identity | None:
    """The signed-in user of this session, or None; ends a session idle for too long."""
    entry = st.session_state.get(SESSION_KEY)
    if not entry:
        return None
    user_id, last_seen = entry
    now = utc_now()
    if session_expired(last_seen, now, session_minutes()):
        _forget_user("session_expired")
        return None
    with engine.connect() as conn:
        identity = load_identity(conn, user_id)
    if identity is None:  # disabled or removed since
        _forget_user("signed_out")
        return None
    st.session_state[SESSION_KEY] = (user_id, now)
    return identity


def sign_in(engine: Engine, username: str, password: str) -> str | None:
    """Sign this session in; None when it worked, else the reason (a vocabulary key)."""
    with db.writing(engine).begin() as conn:
        result = authenticate(conn, username, password)
    if result.identity is None:
        return result.reason
    # A new sign-in starts from a clean session: nothing of a previous user's forms stays.
    _clean_session()
    st.session_state[SESSION_KEY] = (result.identity.id, utc_now())
    return None


def _clean_session() -> None:
    """Forget everything this session holds but the reader's language."""
    lang = st.session_state.get("musharaka_lang")
    st.session_state.clear()
    if lang:
        st.session_state["musharaka_lang"] = lang


def _forget_user(notice: str) -> None:
    _clean_session()
    st.session_state[NOTICE_KEY] = notice


def sign_out() -> None:
    _forget_user("signed_out")


def sign_in_form(engine: Engine, lang: str) -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(t(notice, lang))
    with st.form("sign_in_form"):
        username = st.text_input(t("username", lang), max_chars=120, key="sign_in_username")
        password = st.text_input(
            t("password", lang), type="password", max_chars=200, key="sign_in_password"
        )
        submitted = st.form_submit_button(t("sign_in", lang), type="primary")
    if submitted:
        reason = sign_in(engine, username, password)
        if reason:
            st.error(t(reason, lang))
        else:
            st.rerun()


def require(engine: Engine, lang: str, user: Identity | None, roles: tuple[str, ...]) -> Identity:
    """Stop the page here unless a user with one of these roles is signed in: an
    anonymous visitor gets the sign-in form and nothing else."""
    if user is None:
        st.title(t("sign_in", lang))
        st.info(t("sign_in_needed", lang))
        sign_in_form(engine, lang)
        st.stop()
    if not any(user.has_role(role) for role in roles):
        st.error(t("not_allowed", lang))
        st.stop()
    return user


def user_box(lang: str, user: Identity | None) -> None:
    """The sidebar's account line: who is signed in and a sign-out button, or a link to
    the sign-in page."""
    with st.sidebar:
        if user is None:
            st.page_link(SIGN_IN_PAGE, label=t("nav_sign_in", lang), icon=":material/login:")
            return
        st.caption(f"{t('signed_in_as', lang)}: {user.name} · {t('role_' + user.role, lang)}")
        if st.button(t("sign_out", lang), key="sign_out_button"):
            sign_out()
            st.rerun()
