"""The small "follow by e-mail" form of a commune's, an association's and a recommendation's
page, and an editor's offer to an association. The address typed is never shown again,
not even to whoever typed it: the form is cleared and the page says only "check your
inbox", whatever became of the request (musharaka.services.following)."""

from __future__ import annotations

import streamlit as st

from musharaka import queries
from musharaka.i18n import LANGUAGE_NAMES
from musharaka.services import following
from musharaka.ui import inputs
from musharaka.ui.display import data_text
from musharaka.ui.frame import Page


def _frequency_labels(page: Page) -> dict[str, str]:
    return {
        "immediate": page.t("follow_freq_immediate"),
        "daily": page.t("follow_freq_daily"),
        "weekly": page.t("follow_freq_weekly"),
    }


def follow_form(page: Page, target: str, target_id: int) -> None:
    """The form to follow this commune, association or recommendation by e-mail."""
    key = f"follow_{target}_{target_id}"
    with st.expander(page.t("follow_title"), icon=":material/mail:"):
        st.caption(page.t("follow_help"))
        with st.form(key=key, clear_on_submit=True, border=False):
            email = st.text_input(page.t("follow_email"), key=f"{key}_email", max_chars=254)
            languages = list(following.FOLLOWER_LANGUAGES)
            lang: str = inputs.selectbox(
                page.lang,
                page.t("follow_lang"),
                languages,
                index=languages.index(following.follower_language(page.lang)),
                format_func=lambda code: LANGUAGE_NAMES[code],
                key=f"{key}_lang",
            )
            labels = _frequency_labels(page)
            frequency = st.radio(
                page.t("follow_frequency"),
                list(labels),
                format_func=labels.get,
                key=f"{key}_frequency",
                horizontal=True,
            )
            submitted = st.form_submit_button(page.t("follow_submit"), key=f"{key}_submit")
        if submitted:
            outcome = following.ask(page.engine, email, target, target_id, lang, frequency)
            if outcome == following.BAD_EMAIL:
                st.error(page.t("follow_bad_email"))
            elif outcome in (following.UNKNOWN_TARGET, following.BAD_CHOICE):
                st.error(page.t("follow_not_possible"))
            else:  # queued, or not (already following, or asked within the hour): the same
                st.success(page.t("follow_check_inbox"))


def follow_recommendation(page: Page, code: str) -> None:
    found = page.query(queries.changes.recommendation_id, code)
    if not found.empty:
        follow_form(page, "recommendation", int(found["id"].iloc[0]))


def offer_to_association(page: Page, association_id: int) -> None:
    """For an editor of the association's commune, when an address is on file: offer the
    association to follow its own recommendations (it confirms, as anyone does)."""
    with page.engine.connect() as conn:
        if not following.can_offer(conn, page.user, association_id):
            return
    assert page.user is not None  # can_offer says no to a visitor
    if st.button(page.t("follow_offer"), key="follow_offer", icon=":material/forward_to_inbox:"):
        outcome = following.ask_for_association(
            page.engine, page.user, association_id, following.follower_language(page.lang)
        )
        if outcome in (following.QUEUED, following.RATE_LIMITED, following.ALREADY):
            st.success(page.t("follow_offered"))
        else:
            st.error(page.t("follow_not_possible"))


def open_link(page: Page, token: str) -> following.LinkOutcome:
    """What the link of an e-mail did, done once per session (Streamlit runs the page
    again at every interaction; an unsubscribe link opened twice must still say done)."""
    done = st.session_state.setdefault("follow_links", {})
    if token not in done:
        done[token] = following.open_link_now(page.engine, token, shown=data_text)
    return done[token]
