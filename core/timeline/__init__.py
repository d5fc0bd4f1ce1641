"""The dialogue timeline's core, in the modules every analysis page has: `params` (options,
filters, URL), `data` (prepared once per data version), `view` (one filter state), `figures`,
`table`. Imported together so that `from core import timeline` reads as `timeline.params.PARAMS`."""

from core.timeline import data, figures, params, table, view

__all__ = ["data", "figures", "params", "table", "view"]
