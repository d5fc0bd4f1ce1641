"""The country comparison's logic, by concern: `options` (metrics, choices, URL registry), `data`
(the facts prepared once per data version), `cells` (a value or "not stated" per country and metric),
`table` (the table and CSV), `regional` (the region as a whole, shown apart) and `figures` (the small
multiples). Pure: nothing here imports streamlit."""
