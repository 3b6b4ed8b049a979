"""Pure helpers of the pages, one module per page (named as the page and its ui module):
data frames shaped and labelled for display, form values parsed, choices listed. No
Streamlit, no database: each takes what was read and returns what is shown."""
