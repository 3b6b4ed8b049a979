"""The page the links of Musharaka's e-mails open (not in the menu): ?token=... confirms a
request to follow, or unsubscribes, as the signed token says, and says so in the
follower's language. Mail clients' one-click unsubscribe (RFC 8058) POSTs to /unsubscribe
instead (serve.py)."""

import streamlit as st

from musharaka import ui
from musharaka.i18n import t
from musharaka.ui import follow

page = ui.setup_page("follow_page_title")
outcome = follow.open_link(page, st.query_params.get("token", ""))
lang = outcome.lang or page.lang  # the follower's, whatever the browser's
st.title(t("follow_page_title", lang))
if not outcome.done:
    st.warning(t("follow_link_invalid", lang))
elif outcome.action == "confirm":
    st.success(t("follow_confirmed", lang).format(what=outcome.what))
else:
    st.success(t("follow_unsubscribed", lang).format(what=outcome.what))
