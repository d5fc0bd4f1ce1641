"""The floor: Streamlit's own cost for one multiselect and one small Plotly bar chart.

Every dashboard timing in benchmarks/dashboard.py is reported as a ratio to this app's.
"""

import plotly.graph_objects as go
import streamlit as st

OPTIONS = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
VALUES = dict(zip(OPTIONS, [5.5, 0.0, 0.0, 18.0, 6.5], strict=True))

chosen = st.multiselect("Countries", OPTIONS, default=OPTIONS, key="floor_countries")
st.plotly_chart(go.Figure(go.Bar(x=chosen, y=[VALUES[c] for c in chosen])), key="floor_chart")
