"""Entry point: `streamlit run dashboard/app.py`. Sets up the page and the navigation."""

import sys
from pathlib import Path

# NOTE: `streamlit run` puts only this file's folder on sys.path; the packages live one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st

from components.navigation import all_pages

st.set_page_config(page_title="Japan and Central Asia", page_icon=":material/public:", layout="wide")
st.navigation(all_pages()).run()
