"""Entry point: `streamlit run dashboard/app.py`. Sets up the page, the language and the navigation."""

import streamlit as st

from components.charts import CHART_STYLE
from components.language import choose_language
from components.narrow import SIDEBAR_STYLE, focus_opened_popovers, name_tables_by_their_headings
from components.navigation import all_pages
from components.streamlit_internals import stop_on_untested_streamlit
from core.i18n import _

stop_on_untested_streamlit()  # first: the app relies on details of the Streamlit versions it was tested on
st.set_page_config(page_icon=":material/public:", layout="wide")
choose_language()  # before anything else is written: every word below is in it
page = st.navigation(all_pages())
# Each page its own browser title (WCAG 2.4.2): a fixed page_title would name every page alike.
st.set_page_config(page_title=_("{page} · Japan and Central Asia").format(page=page.title))
name_tables_by_their_headings()  # every page's tables, whenever they are drawn
focus_opened_popovers()  # every page's Share, Cite and "Cite this figure"
st.html(CHART_STYLE + SIDEBAR_STYLE)  # every chart's footer and the sidebar's widest, once a run; drawn as nothing
page.run()
