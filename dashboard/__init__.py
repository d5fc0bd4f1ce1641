"""Core of the Japan–Central Asia dashboard: data loading, validation and pure transforms.

Nothing in this package imports streamlit; the pages and `components/` do.
"""
