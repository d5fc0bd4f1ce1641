"""Sources: full references, the data dictionary drawn from the metadata, and how to cite."""

import datetime as dt

import streamlit as st

from components.data import facts_or_stop
from components.share import page_permalink, share_and_download
from components.view_state import read_view, show_notices, write_view
from core.formatting import escape_markdown
from core.reference import dashboard_citation, data_dictionary, full_dictionary, full_reference

facts = facts_or_stop()
# This page has no filters; reading the URL still names anything a link asked for that it ignored.
_, notices = read_view(lambda reader: None, facts.version)
write_view({})

st.title("Sources")
show_notices(notices)
share_and_download(
    page="sources",
    page_title="Sources and data dictionary",
    link=page_permalink("sources", {}, facts.version),
    rows=lambda: full_dictionary(facts),
    name_parts=["data-dictionary"],
    filters={},
    tables=list(facts.package.resource_names),
    facts=facts,
)
for source in facts.sources.to_dict("records"):
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(source['source_id'])}** · {escape_markdown(full_reference(source))}")
        if isinstance(source.get("note"), str):
            st.caption(escape_markdown(source["note"]))
        if isinstance(source.get("document"), str):
            st.caption(f"The project's copy of the text: {escape_markdown(source['document'])}")

st.header("How to cite")
st.markdown("Cite the figure's source (above) and the dashboard with its data version:")
st.code(dashboard_citation(facts, retrieved=dt.date.today()), language=None, wrap_lines=True)

st.header("Data dictionary")
st.markdown(
    f"The data is a Frictionless Data Package in the folder {escape_markdown(facts.data_dir.name)}: "
    "CSV tables described by `datapackage.yaml`. An empty cell means the source does not state the value."
)
for spec in facts.package.resources:
    rows = len(facts.tables[spec.name])
    with st.expander(f"{escape_markdown(spec.title)} — {spec.path}, {rows:,} rows"):
        st.markdown(escape_markdown(spec.description))
        st.dataframe(data_dictionary(spec), hide_index=True, width="stretch")
