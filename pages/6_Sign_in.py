"""Sign in: the form for council staff, association representatives and administrators;
once signed in, who you are, what you may do, and a sign-out button."""

import streamlit as st

from musharaka import access, ui

page = ui.setup_page("sign_in")
st.title(page.t("sign_in"))
if page.user is None:
    access.sign_in_form(page.engine, page.lang)
    st.stop()

user = page.user
st.success(f"{page.t('signed_in_as')}: {user.name} · {page.t('role_' + user.role)}")
for path, key, roles in ui.MENU:
    if roles and any(user.has_role(role) for role in roles):
        st.page_link(path, label=page.t(key))
if st.button(page.t("sign_out"), key="sign_out_page_button"):
    access.sign_out()
    st.rerun()
