"""Read `datapackage.yaml` (a Frictionless Data Package descriptor) into the dataclasses of spec.py.

The file is checked before YAML builds anything from it (size, UTF-8, aliases, nesting); then
checks.py checks every value in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core import i18n
from core.datapackage.checks import DESCRIPTOR_NAME, parse_descriptor
from core.datapackage.spec import PackageSpec
from core.i18n import _
from core.problems import DataError, Problem

# NOTE: checked before parsing, so a huge or hostile descriptor never reaches the YAML parser.
MAX_DESCRIPTOR_BYTES = 1_000_000
MAX_YAML_NODES = 50_000
MAX_YAML_DEPTH = 32  # the descriptor needs 8; far deeper nesting would exhaust Python's stack


def read_descriptor(data_dir: Path) -> PackageSpec:
    """Parse the descriptor of `data_dir`, raising DataError with every problem found."""
    return parse_descriptor(_read_yaml(data_dir / DESCRIPTOR_NAME))


def raw_descriptor(data_dir: Path) -> dict[str, Any]:
    """The descriptor of `data_dir` as its YAML states it, for serving it as JSON (core.api)."""
    return _read_yaml(data_dir / DESCRIPTOR_NAME)


def _read_yaml(path: Path) -> dict[str, Any]:
    name = path.name
    if not path.is_file():
        raise DataError([Problem(name, _("a Data Package descriptor at {path}").format(path=path))])
    size = path.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:
        expected = _("a descriptor under {limit} bytes, not {size}").format(
            limit=i18n.number(MAX_DESCRIPTOR_BYTES), size=i18n.number(size)
        )
        raise DataError([Problem(name, expected)])
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        expected = _("UTF-8 text (byte {position} is not valid UTF-8)").format(position=err.start)
        raise DataError([Problem(name, expected)]) from err
    try:
        _check_yaml_shape(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        raise DataError([Problem(name, _("valid YAML ({reason})").format(reason=reason), row=row)]) from err
    if not isinstance(raw, dict):
        raise DataError([Problem(name, _("a YAML mapping with name, title and resources"))])
    return raw


def _check_yaml_shape(text: str) -> None:
    """Refuse aliases, oversized and too deeply nested documents before building any Python object."""
    depth = 0
    for nodes, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader), start=1):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark is not None else "?"
                reason = _("more than {limit} levels of nesting (line {line})").format(limit=MAX_YAML_DEPTH, line=line)
                raise yaml.YAMLError(reason)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark  # the parser marks every event it makes; typed as optional
            # NOTE: the message is the reason a problem shows, so it is in the run's language.
            if mark is None:
                raise yaml.YAMLError(_("YAML aliases (*name) are not allowed"))
            raise yaml.YAMLError(_("YAML aliases (*name) are not allowed (line {line})").format(line=mark.line + 1))
        if nodes > MAX_YAML_NODES:
            raise yaml.YAMLError(_("more than {limit} YAML nodes").format(limit=i18n.number(MAX_YAML_NODES)))
