"""Musharaka's entry point: `streamlit run dashboard.py` serves every page.

The pages, their order, titles and who sees them are listed once, in
musharaka/ui/navigation.py; the home page is pages/0_Overview.py.
"""

from musharaka.ui import choose_language, navigation

navigation.run(choose_language())
