"""The evidence files' widgets: the picker of photos and PDFs in the Edit and Field
reports forms, the files as sent, and a waiting report's photos for the editor deciding
it (read from the store and shown through Streamlit, never through the public route)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from musharaka import db, evidence, media_store
from musharaka.evidence import MAX_FILE_BYTES, PDF_TYPE, Problem
from musharaka.i18n import t
from musharaka.services import evidence as evidence_service
from musharaka.ui import inputs
from musharaka.ui.display import data_text
from musharaka.views.evidence import file_size

ROUND = "evidence_round"  # bumped after a save: a new, empty picker


def picker_key(prefix: str) -> str:
    return f"{prefix}_{st.session_state.get(ROUND, 0)}"


def picker(lang: str, prefix: str) -> None:
    """Several photos (JPEG, PNG, WebP) and PDFs; the limits said under it."""
    inputs.file_uploader(
        lang,
        t("evidence_pick", lang),
        evidence.ACCEPTED_SUFFIXES,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        accept_multiple_files=True,
        key=picker_key(prefix),
        help=t("evidence_pick_help", lang).format(
            files=evidence.MAX_FILES, mb=evidence.megabytes(evidence.MAX_UPDATE_BYTES)
        ),
    )


def sent(prefix: str) -> list[tuple[str, bytes]]:
    """The files in the picker, as (name, bytes)."""
    chosen = st.session_state.get(picker_key(prefix)) or []
    return [(f.name, f.getvalue()) for f in chosen]


def clear_picker() -> None:
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def problems_text(problems: list[Problem], lang: str) -> str:
    """The refused files, one a line, in the reader's language (names as plain text)."""
    return "\n".join(evidence.problem_text(p, lambda key: t(key, lang)) for p in problems)


def waiting_files(files: pd.DataFrame, lang: str) -> None:
    """A waiting report's files for the editor: its photos small, its PDFs with size."""
    for row in files.itertuples(index=False):
        stored = f"{row.sha256}.{evidence.EXTENSIONS[row.media_type]}"
        if row.media_type == PDF_TYPE:
            st.markdown(f"- {data_text(row.file_name)} (PDF, {file_size(int(row.size), lang)})")
            continue
        data = media_store.read_public(stored)
        if data is None:
            st.warning(f"{data_text(row.file_name)}: {t('evidence_missing', lang)}")
            continue
        st.image(data, caption=row.file_name, width=240, output_format="auto")


def keep_originals_setting(engine, lang: str, admin: str) -> None:
    """The administrator's choice to keep photos as sent (default: off), read fresh."""
    with engine.connect() as conn:
        kept = evidence_service.keeps_originals(conn)

    def choose() -> None:
        with db.writing(engine).begin() as conn:
            keep = bool(st.session_state["admin_keep_originals"])
            evidence_service.choose_keep_originals(conn, keep, actor=admin, source="admin")

    st.toggle(
        t("admin_keep_originals", lang),
        value=kept,
        key="admin_keep_originals",
        help=t("admin_keep_originals_help", lang),
        on_change=choose,
    )
