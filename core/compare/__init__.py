"""The country comparison's core, in the modules every analysis page has: `params` (metrics,
choices, URL registry, the rules in words), `data` (the facts prepared once per data version, with
the region-and-members rule applied to events), `view` (one filter state), `figures` (the small
multiples) and `table` (the table and CSV); and two of its own: `cells` (a value, "no total" or
"not stated" per country and metric: a package of the cell's types, money by core.sums, counts and
gaps) and `regional` (regions and groups as a whole, shown apart). Pure: nothing here imports streamlit."""

from core.compare import cells, data, figures, params, regional, table, view

__all__ = ["cells", "data", "figures", "params", "regional", "table", "view"]
