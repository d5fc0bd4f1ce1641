"""The country comparison's logic, by concern: `options` (metrics, choices, URL registry, the rules
in words), `data` (the facts prepared once per data version, with the region-and-members rule
applied to events), `cells` (a value, "no total" or "not stated" per country and metric, money by
core.sums), `table` (the table and CSV), `regional` (regions and groups as a whole, shown apart)
and `figures` (the small multiples). Pure: nothing here imports streamlit."""
