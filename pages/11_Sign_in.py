"""Sign in: the form for council staff, association representatives and administrators;
once signed in, the account's page (so titled, in the browser's tab too): who you are,
what you may do, and a sign-out button."""

import streamlit as st

from musharaka import access, ui
from musharaka.ui import navigation

page = ui.setup_page("sign_in", signed_in_title_key="account_title")
if page.user is None:
    st.title(page.t("sign_in"))
    access.sign_in_form(page.engine, page.lang)
    st.stop()

st.title(page.t("account_title"))

user = page.user
st.success(f"{page.t('signed_in_as')}: {user.name} · {page.t('role_' + user.role)}")
# What this role may open beyond the public pages.
for entry in navigation.RESTRICTED:
    if entry.visible_to(user):
        st.page_link(entry.path, label=page.t(entry.title_key))
if st.button(page.t("sign_out"), key="sign_out_page_button"):
    access.sign_out()
    st.rerun()
