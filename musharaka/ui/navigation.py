"""The pages, in the menu's order, with their titles and who sees them: the one place a
page is listed. `run` is the entry script's whole work (Streamlit's `st.navigation`);
`menu` draws the sidebar's links for the signed-in role.

Every page is registered with Streamlit, so every URL opens for everyone: a restricted
page opened by a visitor not signed in shows the sign-in form (its own check, in
`setup_page`) and then the page, which is what a shared link to /Edit should do. Only the
menu is filtered by role. Streamlit's own menu stays hidden (`position="hidden"`): it
cannot show the sign-in box and the language switch beside it, nor hide a page that is
still reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import streamlit as st

from musharaka.auth import Identity
from musharaka.i18n import t


@dataclass(frozen=True)
class PageEntry:
    """One page: its script, the catalog id of its name, the roles that see it in the
    menu (none: everyone) and whether the menu lists it at all."""

    path: str
    title_key: str
    roles: tuple[str, ...] = ()
    in_menu: bool = True

    @property
    def url_path(self) -> str:
        """The page's address, as Streamlit derives it from the file name
        ("pages/1_Recommendations.py" → "Recommendations"); the first page is the site's
        root. Keeping Streamlit's own derivation means a page has the same URL whether
        the server routes it through `st.navigation` or serves the file directly, as a
        fresh server does before any session has run the entry script."""
        if self is PAGES[0]:
            return ""
        stem = PurePosixPath(self.path).stem
        number, _, name = stem.partition("_")
        return name if number.isdigit() and name else stem

    def visible_to(self, user: Identity | None) -> bool:
        if not self.in_menu:
            return False
        return not self.roles or (user is not None and any(user.has_role(r) for r in self.roles))


# The menu's order. A file's number only sorts the folder; the order is this one.
PAGES = (
    PageEntry("pages/0_Overview.py", "nav_overview"),
    PageEntry("pages/1_Recommendations.py", "recommendations"),
    PageEntry("pages/2_Meetings.py", "meet_title"),
    PageEntry("pages/3_Associations.py", "assoc_title"),
    PageEntry("pages/4_Public_display.py", "public_title"),
    PageEntry("pages/5_Data_status.py", "data_status_title", ("editor",)),
    PageEntry("pages/6_Open_data.py", "open_data_title"),
    PageEntry("pages/7_Edit.py", "nav_edit", ("editor",)),
    PageEntry("pages/8_Upload.py", "nav_upload", ("editor",)),
    PageEntry("pages/9_Field_reports.py", "nav_field_reports", ("association", "editor")),
    PageEntry("pages/10_Admin.py", "nav_admin", ("admin",)),
    # Reached from the sidebar's account line, not from the menu.
    PageEntry("pages/11_Sign_in.py", "sign_in", in_menu=False),
    # Opened by the links of the e-mails to followers.
    PageEntry("pages/12_Follow.py", "follow_page_title", in_menu=False),
    # Last by its number (the files' numbers follow this order); a visitor's menu lists
    # it after Open data, as the signed-in pages between are not theirs.
    PageEntry("pages/13_Scorecards.py", "score_title"),
)
RESTRICTED = tuple(entry for entry in PAGES if entry.roles)
# What an anonymous visitor's menu lists.
PUBLIC = tuple(entry for entry in PAGES if entry.in_menu and not entry.roles)
SIGN_IN = next(entry for entry in PAGES if entry.path == "pages/11_Sign_in.py")


def run(lang: str) -> None:
    """Route this run to the page its URL names (the first page by default)."""
    pages = [
        st.Page(entry.path, title=t(entry.title_key, lang), default=True)
        if not entry.url_path
        else st.Page(entry.path, title=t(entry.title_key, lang), url_path=entry.url_path)
        for entry in PAGES
    ]
    st.navigation(pages, position="hidden").run()


def menu(lang: str, user: Identity | None) -> None:
    """The sidebar's links: the pages this visitor may open, in the menu's order."""
    with st.sidebar:
        for entry in PAGES:
            if entry.visible_to(user):
                st.page_link(entry.path, label=t(entry.title_key, lang))
        st.divider()
