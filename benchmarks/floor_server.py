"""The floor app served as the dashboard is (benchmarks/dashboard.py's browser table): through an
st.App with the same connection setting (components.streamlit_internals.answer_without_nagle_delay),
so that the ratio measures the pages, not a difference between the two servers."""

from pathlib import Path

from streamlit.starlette import App

from components.streamlit_internals import answer_without_nagle_delay

answer_without_nagle_delay()
app = App(str(Path(__file__).with_name("floor_app.py")))
