"""The Streamlit app: the entry point (`app.py`) and one script per page (`app_pages/`).

The pure logic the pages show lives in `core` (which never imports streamlit); the reusable
Streamlit widgets live in `components`.
"""
