"""benchmarks/ladder_app.py served as the dashboard is (dashboard/server.py): the same connection
setting and the same hint that lets a link to a page connect at once, so that each rung differs
from the dashboard only in what /aid draws."""

import sys
from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from components.streamlit_internals import answer_without_nagle_delay

# Streamlit puts this script's folder first on the path, where benchmarks/dashboard.py would stand
# for the dashboard package.
sys.path.remove(str(Path(__file__).resolve().parent))
from dashboard.page_shell import BaseAddressHint

answer_without_nagle_delay()
app = App(str(Path(__file__).with_name("ladder_app.py")), middleware=[Middleware(BaseAddressHint)])
