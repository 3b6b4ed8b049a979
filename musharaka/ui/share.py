"""Sharing a view where people are: a WhatsApp link with a short message in the page's
language and the view's address, the address itself to copy (st.code has a copy button),
the Atom feed of a commune or an association, and a commune's page on the static site."""

from __future__ import annotations

import streamlit as st

from musharaka import feeds, sharing, static_site
from musharaka.ui.frame import Page
from musharaka.ui.url_state import share_url


def share_view(page: Page, page_path: str, params: dict[str, str], message: str) -> None:
    """The WhatsApp link and the copyable address of this view (`params` without the
    language: the page's is added). `message` is already in the page's language."""
    url = share_url(page_path, {**params, "lang": page.lang})
    st.markdown(f"**{page.t('share_title')}**")
    # The link's text is the catalog's; the message and the address are percent-encoded.
    st.markdown(
        f":material/share: [{page.t('share_whatsapp')}]({sharing.whatsapp_link(message, url)})"
    )
    st.code(url, language=None, wrap_lines=True)
    st.caption(page.t("share_copy_help"))


def feed_link(page: Page, target: str, target_id: int) -> None:
    """A visible link to the Atom feed of a commune's or an association's status changes
    (Streamlit lets a page add nothing to its <head>, so no <link rel="alternate">)."""
    href = feeds.feed_link(target, target_id, page.lang)
    st.markdown(f":material/rss_feed: [{page.t('feed_link_' + target)}]({href})")
    st.caption(page.t("feed_link_help"))


def static_page_link(page: Page, commune_id: int) -> None:
    """A link to the commune's page on the static public site (`python -m etl publish`),
    when MUSHARAKA_STATIC_URL says where it is served: light enough for a slow phone."""
    href = static_site.commune_page_url(commune_id, page.lang)
    if href:
        st.markdown(f":material/public: [{page.t('site_static_page')}]({href})")
