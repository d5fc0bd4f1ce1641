"""What the API serves besides the views: its index (every page, its parameters from the
registry, its formats) and the data package, file by file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.api.addresses import PACKAGE_FILE, Site
from core.api.answers import FORMATS, Answer, etag, fresh, json_bytes, not_modified, public_headers
from core.api.views import Derive
from core.datapackage import raw_descriptor
from core.facts import Facts
from core.i18n import _
from core.pages import PAGES
from core.params import EVERY_PAGE, ChoiceParam, ListParam, YearsParam, translated
from core.url_state import LANGUAGE_PARAM


def index_answer(facts: Facts, derive: Derive, site: Site, if_none_match: str | None = None) -> Answer:
    """What the API serves: each page's addresses, its parameters (from the registry) and formats."""
    pages = []
    for page in PAGES:
        options = derive(facts, page.rows.options) if page.rows.options else None
        params = list(page.params.params) if page.params is not None else []
        pages.append({
            "page": page.slug,
            "title": _(page.full_title),
            "address": f"{site.base}/{page.url_path}",
            "formats": {format: site.api(page, format) for format in FORMATS},
            "parameters": [_parameter(param, options) for param in (*params, *EVERY_PAGE)],
        })  # fmt: skip
    body = {
        "title": _("Japan and Central Asia: the data behind every view"),
        "data_version": facts.version,
        "data_package": site.package,
        "formats": list(FORMATS),
        "rules": _(
            "A query states a page's view as its address bar does (lists as repeated keys, every value "
            "explicit or left to its default). An unknown parameter or a value the page would not show "
            "gives 400 naming each problem; v= a data version other than the current one gives 409."
        ),
        "pages": pages,
    }
    tag = etag(facts.version, "index", site.base, facts.language)
    if fresh(if_none_match, tag):
        return not_modified(tag)
    return Answer(200, json_bytes(body), headers={**public_headers(tag), "Content-Language": facts.language})


def _parameter(param: Any, options: Any) -> dict[str, Any]:
    described: dict[str, Any] = {"key": param.key, "values": param.doc_values, "default": param.doc_default}
    if isinstance(param, ListParam | ChoiceParam) and (options is not None or param.key == LANGUAGE_PARAM):
        labels = param.values(options)
        described["allowed"] = {key: translated(label) or key for key, label in labels.items()}
        described["repeatable"] = isinstance(param, ListParam)
    elif isinstance(param, YearsParam) and options is not None:
        described["bounds"] = list(param.bounds(options))
    return described


def package_answer(data_dir: Path, facts: Facts, name: str, if_none_match: str | None = None) -> Answer | None:
    """The data package's descriptor as JSON, or one of the files it names (as they are on disk);
    None for any other name, so a path that climbs out of the package finds nothing."""
    descriptor = raw_descriptor(data_dir)
    files = {str(r.get("path")): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    if name != PACKAGE_FILE and name not in files:
        return None
    tag = etag(facts.version, "package", name)
    if fresh(if_none_match, tag):
        return not_modified(tag)
    if name == PACKAGE_FILE:
        return Answer(200, json_bytes(descriptor), headers=public_headers(tag))
    # `name` is a path the descriptor lists; even so, nothing outside the data directory is read.
    path = (data_dir / name).resolve()
    if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
        return None
    media_type = str(files[name].get("mediatype") or "text/csv")
    media_type += "" if "charset" in media_type else "; charset=utf-8"
    return Answer(200, path.read_bytes(), media_type, public_headers(tag))
