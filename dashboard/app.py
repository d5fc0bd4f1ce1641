"""Entry point: `streamlit run dashboard/app.py`. Sets up the page, the language and the navigation."""

import streamlit as st

from components.language import choose_language
from components.navigation import all_pages

st.set_page_config(page_title="Japan and Central Asia", page_icon=":material/public:", layout="wide")
choose_language()  # before anything else is written: every word below is in it
st.navigation(all_pages()).run()
