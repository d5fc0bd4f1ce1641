"""The dashboard's core: the data package, validation, facts, each page's logic and figures, exports
and URL state.

Pure Python over pandas and Plotly: nothing here imports streamlit (tests/test_layers.py checks it),
so all of it is tested without a server. The Streamlit app that shows it is `dashboard/`.
"""
