"""Reusable Streamlit pieces that every page shares; the only place besides pages that imports streamlit."""
