"""The aid and investment page's core, in the modules every analysis page has: `params` (options,
filters, URL), `data` (prepared once per data version), `view` (one filter state), `figures` (the bars
and the per-year chart) and `spans` (the periods chart), with `rows` and `hover` (their labels'
layout and words), `table`. Imported together so that `from core import aid` reads as `aid.params.PARAMS`."""

from core.aid import data, figures, hover, params, rows, spans, table, view

__all__ = ["data", "figures", "hover", "params", "rows", "spans", "table", "view"]
