"""Streamlit's input widgets in the reader's language. Streamlit writes part of their text
in English whatever the page's language: a selectbox's "Choose an option", a
multiselect's "Choose options" and "Select all", a date picker's YYYY/MM/DD, the file
uploader's "Upload" and "20.0MB per file • CSV, XLSX", a text box's "Press Enter to
apply". Every selectbox, multiselect, date picker and file uploader of the pages is made
here, with those texts from the catalogs; tests/test_words.py holds the rest of the code
to it and walks every page in Chromium for what remains.

Streamlit has no parameter for the uploader's and the text box's texts: a style hides
Streamlit's words and writes the catalog's in their place (CSS generated content). The
uploader's button, its own text hidden, is also named by `aria-label`, which every screen
reader reads (generated content is not part of a button's name for all of them, nor for
axe-core).

A data grid's toolbar ("Show/hide columns", "Download as CSV", "Search", "Fullscreen",
reached by Tab) has its names in English and no parameter for them (st.dataframe, Streamlit
1.67): the style hides it. The pages filter their lists themselves and offer their own
downloads, in the reader's language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

from musharaka.formats import date_input_format
from musharaka.i18n import BABEL_LOCALES, t

# Streamlit's own elements (its test ids): the uploader's button and instructions, and the
# hint under a text box being typed in. The hint's first part is the "Press Enter" one;
# a counter of characters (with max_chars) follows it.
_WORDS_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {
  display: none;
}
[data-testid="stFileUploaderDropzone"] button::after { content: %(upload)s; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="InputInstructions"] > span:first-child { display: none; }
[data-testid="InputInstructions"]::before { content: %(press_enter)s; }
[data-testid="stDateInput"] [data-placeholder="true"][data-type] { font-size: 0; }
[data-testid="stDateInput"] [data-placeholder="true"][data-type]::after { font-size: 1rem; }
[data-testid="stDateInput"] [data-placeholder="true"][data-type="day"]::after {
  content: %(day)s;
}
[data-testid="stDateInput"] [data-placeholder="true"][data-type="month"]::after {
  content: %(month)s;
}
[data-testid="stDateInput"] [data-placeholder="true"][data-type="year"]::after {
  content: %(year)s;
}
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"])
  [data-testid="stElementToolbar"] {
  display: none;
}
</style>
"""


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes and markup characters escaped
    (CSS escapes are a backslash, hex digits and a space), line breaks dropped."""

    def escape(match: re.Match[str]) -> str:
        return f"\\{ord(match.group()):X} "

    return '"' + re.sub(r'["\\<>&\n\r]', escape, text) + '"'


def words_css(lang: str) -> str:
    """The style that puts the catalog's words where Streamlit writes English ones."""
    return _WORDS_CSS % {
        "upload": css_string(t("input_upload_button", lang)),
        "press_enter": css_string(t("input_press_enter", lang)),
        # The empty date field's dd/mm/yyyy, as the language abbreviates them.
        **{k: css_string(t(f"input_date_placeholder_{k}", lang)) for k in ("day", "month", "year")},
    }


# Names each uploader's button, now and as Streamlit draws new ones (one observer per
# browser tab, which reads the latest name: the language can change between runs).
_UPLOAD_NAME_SCRIPT = """<script>(() => {
  window.mkUploadName = %s;
  const name = () => document.querySelectorAll(
    '[data-testid="stFileUploaderDropzone"] button').forEach(b => {
      if (b.getAttribute('aria-label') !== window.mkUploadName)
        b.setAttribute('aria-label', window.mkUploadName); });
  name();
  if (!window.mkUploadObserver) {
    window.mkUploadObserver = new MutationObserver(name);
    window.mkUploadObserver.observe(document.body, {childList: true, subtree: true});
  }
})();</script>"""


def upload_name_script(lang: str) -> str:
    """The script that gives the uploader's button its name in the reader's language."""
    # A JSON string, with "</" broken so that no text can close the script element.
    name = json.dumps(t("input_upload_button", lang)).replace("</", "<\\/")
    return _UPLOAD_NAME_SCRIPT % name


# The date picker's names for screen readers (react-aria's, Streamlit 1.67), in English
# whatever the page's language, and not reachable by a style: its calendar button ("Choose
# date"), its fields ("day, <label>", "Empty"), its calendar ("Choose date, December
# 2026", "Previous month", "Next month", "month", "year") and each day ("Today, Wednesday,
# December 2, 2026"). An observer names them in the page's language as Streamlit draws
# them; a day's name is its date in words through the browser's Intl, in the same
# locale (CLDR's) as the page's own dates.
_DATE_NAMES_SCRIPT = """<script>(() => {
  window.mkDateWords = %s;
  const set = (e, attribute, value) => {
    if (value && e.getAttribute(attribute) !== value) e.setAttribute(attribute, value);
  };
  const english = {"Choose date": "choose", "Previous month": "previous",
    "Next month": "next", "month": "month", "year": "year"};
  const inWords = (date, options) => {
    try { return new Intl.DateTimeFormat(window.mkDateWords.locale, options).format(date); }
    catch (error) { return null; }
  };
  const name = () => {
    const w = window.mkDateWords;
    document.querySelectorAll('[aria-label]').forEach(e => {
      const label = e.getAttribute('aria-label');
      if (english[label]) return set(e, 'aria-label', w[english[label]]);
      let found = label.match(/^(day|month|year), (.*)$/s);
      if (found && e.getAttribute('role') === 'spinbutton')
        return set(e, 'aria-label', w[found[1]] + w.comma + found[2]);
      found = label.match(/^Choose date, ([A-Z][a-z]+ [0-9]{4})$/);
      if (found) {
        const month = inWords(new Date(found[1].replace(' ', ' 1, ')),
          {month: 'long', year: 'numeric'});
        return set(e, 'aria-label', w.choose + (month ? w.comma + month : ''));
      }
      found = label.match(/^(Today, )?[A-Z][a-z]+, ([A-Z][a-z]+ [0-9]{1,2}, [0-9]{4})/);
      if (found) {
        const day = inWords(new Date(found[2]),
          {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'});
        if (day) set(e, 'aria-label', (found[1] ? w.today + w.comma : '') + day);
      }
    });
    document.querySelectorAll('[role="spinbutton"][aria-valuetext="Empty"]').forEach(
      e => set(e, 'aria-valuetext', w.empty));
  };
  name();
  if (!window.mkDateObserver) {
    window.mkDateObserver = new MutationObserver(name);
    window.mkDateObserver.observe(document.body, {childList: true, subtree: true,
      attributes: true, attributeFilter: ['aria-label', 'aria-valuetext']});
  }
})();</script>"""


def date_words(lang: str) -> dict[str, str]:
    """The date picker's names in the page's language, and the locale of its dates."""
    words = {
        key: t(f"input_date_{key}", lang)
        for key in ("choose", "previous", "next", "day", "month", "year", "empty", "today")
    }
    words["comma"] = t("audit_list_separator", lang)
    words["locale"] = BABEL_LOCALES[lang].replace("_", "-")
    return words


def date_names_script(lang: str) -> str:
    """The script that names the date picker's parts in the page's language."""
    words = json.dumps(date_words(lang), ensure_ascii=False).replace("</", "<\\/")
    return _DATE_NAMES_SCRIPT % words


def language_words(lang: str) -> None:
    """Add the style and the names of the uploader's button and the date picker's parts
    to this page (ui.setup_page does, for every page)."""
    st.html(words_css(lang))
    st.html(upload_name_script(lang), unsafe_allow_javascript=True)
    st.html(date_names_script(lang), unsafe_allow_javascript=True)


def selectbox(lang: str, label: str, options: Sequence[Any], **kwargs: Any) -> Any:
    """st.selectbox with the placeholder in the reader's language (unless given)."""
    kwargs.setdefault("placeholder", t("input_choose_one", lang))
    return st.selectbox(label, options, **kwargs)


def multiselect(lang: str, label: str, options: Sequence[Any], **kwargs: Any) -> list:
    """st.multiselect with the placeholder in the reader's language (unless given) and
    without Streamlit's "Select all" entry, which only exists in English."""
    if kwargs.get("placeholder") is None:
        kwargs["placeholder"] = t("input_choose_many", lang)
    kwargs.setdefault("select_all", False)
    return st.multiselect(label, options, **kwargs)


def date_input(lang: str, label: str, **kwargs: Any) -> Any:
    """st.date_input that shows and reads dates in the order the reader's language writes
    them (DD/MM/YYYY in Arabic and French)."""
    kwargs.setdefault("format", date_input_format(lang))
    return st.date_input(label, **kwargs)


def file_uploader(
    lang: str, label: str, types: Sequence[str], *, max_mb: int, **kwargs: Any
) -> Any:
    """st.file_uploader with its limits said in the reader's language under it (Streamlit's
    own line, in English, is hidden by `words_css`)."""
    files = st.file_uploader(label, type=list(types), max_upload_size=max_mb, **kwargs)
    st.caption(t("upload_limit", lang).format(mb=max_mb, types=", ".join(types)))
    return files
