"""Entry point: `streamlit run dashboard/app.py`. Sets up the page and the navigation."""

import streamlit as st

from components.navigation import all_pages

st.set_page_config(page_title="Japan and Central Asia", page_icon=":material/public:", layout="wide")
st.navigation(all_pages()).run()
