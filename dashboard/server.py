"""The server: the dashboard's pages (dashboard/app.py) and its read-only API (/api/v1,
dashboard/api.py) on one port, started by `streamlit run dashboard/server.py`.

NOTE: app.py stays the pages' script, which AppTest runs; this file only adds routes beside it.
"""

from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from components.streamlit_internals import answer_without_nagle_delay
from dashboard.api import ApiGuard, routes
from dashboard.page_shell import BaseAddressHint

answer_without_nagle_delay()  # before the server takes its first connection
# BaseAddressHint: each page's HTML names the app's base, so a link to a page connects at once.
middleware = [Middleware(ApiGuard), Middleware(BaseAddressHint)]
app = App(str(Path(__file__).with_name("app.py")), routes=routes(), middleware=middleware)
