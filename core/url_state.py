"""Filter state <-> query string, for links that reopen exactly the view they were made from.

Query parameters are untrusted: `QueryReader` applies what is valid, ignores the rest, and collects
one short notice per thing it ignored or changed. It never raises. Pages declare their parameters
once in a registry (`core.params`), which reads them with these methods and writes every value
explicitly, so a link keeps its meaning if a default changes later.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence

from core import i18n
from core.i18n import _, ngettext

VERSION_PARAM = "v"
# The interface's language, the same on every page; chosen before the page reads its own parameters.
LANGUAGE_PARAM = "lang"
# An empty list is stated as `key=`: without it a link with nothing chosen would omit the key and
# reopen on the default (everything), the opposite of what was shared.
EMPTY_LIST = ("",)
MAX_VALUE_LENGTH = 200
MAX_VALUES_PER_KEY = 200
_YEAR_RANGE = re.compile(r"(\d{1,4})\s*[-–:]\s*(\d{1,4})")


class QueryReader:
    """Read typed values out of raw query parameters, noting everything it had to ignore."""

    def __init__(self, params: Mapping[str, Sequence[str]]):
        self._params = {str(k): [str(v) for v in values][:MAX_VALUES_PER_KEY] for k, values in params.items()}
        self._read: set[str] = {VERSION_PARAM, LANGUAGE_PARAM}
        self.notices: list[str] = []

    def _values(self, key: str) -> list[str]:
        self._read.add(key)
        return [v for v in self._params.get(key, []) if v != ""]

    def _single(self, key: str) -> str | None:
        values = self._values(key)
        if len(values) > 1:
            self.notices.append(
                ngettext(
                    "'{key}' was given {n} time; used the first ({value})",
                    "'{key}' was given {n} times; used the first ({value})",
                    len(values),
                ).format(key=key, n=i18n.number(len(values)), value=_show(values[0]))
            )
        return values[0] if values else None

    def choices(self, key: str, allowed: Sequence[str], default: Sequence[str]) -> tuple[str, ...]:
        """Several of `allowed`, as repeated keys (c=KAZ&c=UZB) or comma-separated (c=KAZ,UZB)."""
        raw = self._values(key)
        if not raw:
            stated_empty = key in self._params and all(v == "" for v in self._params[key])
            return () if stated_empty else tuple(default)
        given = [part.strip() for value in raw for part in value.split(",") if part.strip()]
        valid = [v for v in dict.fromkeys(given) if v in allowed]
        unknown = [v for v in given if v not in allowed]
        if unknown:
            shown = ", ".join(_show(v) for v in unknown[:5])
            self.notices.append(_("ignored unknown {key}: {values}").format(key=key, values=shown))
        if not valid:
            self.notices.append(_("no valid {key} given; showing the default").format(key=key))
            return tuple(default)
        return tuple(valid)

    def choice(self, key: str, allowed: Sequence[str], default: str) -> str:
        value = self._single(key)
        if value is None:
            return default
        if value not in allowed:
            self.notices.append(
                _("ignored {key}={value} (expected one of {allowed})").format(
                    key=key, value=_show(value), allowed=", ".join(allowed)
                )
            )
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self._single(key)
        if value is None:
            return default
        if value.lower() in {"1", "true", "yes", "on"}:
            return True
        if value.lower() in {"0", "false", "no", "off"}:
            return False
        self.notices.append(_("ignored {key}={value} (expected 1 or 0)").format(key=key, value=_show(value)))
        return default

    def year_range(self, key: str, bounds: tuple[int, int], default: tuple[int, int]) -> tuple[int, int]:
        """A range 'first-last' within `bounds`; a reversed range is turned round, with a notice."""
        value = self._single(key)
        if value is None:
            return default
        match = _YEAR_RANGE.fullmatch(value.strip())
        if not match:
            self.notices.append(
                _("ignored {key}={value} (expected years as first-last, e.g. 1993-2001)").format(
                    key=key, value=_show(value)
                )
            )
            return default
        first, last = int(match.group(1)), int(match.group(2))
        reversed_ = first > last
        if reversed_:
            first, last = last, first
        low, high = bounds
        if last < low or first > high:
            self.notices.append(
                _("ignored {key}={value} (the data covers {low}-{high})").format(
                    key=key, value=_show(value), low=low, high=high
                )
            )
            return default
        clipped = first < low or last > high
        used = (max(first, low), min(last, high))
        # One whole sentence per case, so a translation can order its words freely.
        if reversed_ and clipped:
            notice = _("{key}={value} reversed and clipped to the data's {low}-{high}: showing {first}-{last}")
        elif clipped:
            notice = _("{key}={value} clipped to the data's {low}-{high}: showing {first}-{last}")
        elif reversed_:
            notice = _("{key}={value} reversed: showing {first}-{last}")
        else:
            return used
        self.notices.append(notice.format(key=key, value=_show(value), low=low, high=high, first=used[0], last=used[1]))
        return used

    def text(self, key: str, default: str = "", max_length: int = MAX_VALUE_LENGTH) -> str:
        value = self._single(key)
        if value is None:
            return default
        # NOTE: isprintable() is False for spaces other than ' ' (a no-break space pasted from a
        # document); those are text the search box accepts, so a link must keep them too.
        cleaned = "".join(ch for ch in value if ch.isprintable() or unicodedata.category(ch) == "Zs")
        if len(cleaned) > max_length:
            self.notices.append(
                ngettext(
                    "{key} was longer than {n} character; shortened",
                    "{key} was longer than {n} characters; shortened",
                    max_length,
                ).format(key=key, n=i18n.number(max_length))
            )
            cleaned = cleaned[:max_length]
        return cleaned

    def finish(self) -> list[str]:
        """All notices, including one for every parameter no reader asked for."""
        unknown = [k for k in self._params if k not in self._read]
        if unknown:
            shown = ", ".join(_show(k) for k in unknown[:5])
            self.notices.append(_("ignored unknown parameter(s): {names}").format(names=shown))
        return self.notices

    def language(self, allowed: Sequence[str]) -> str | None:
        """The language a link asks for, if it names one of `allowed`; a notice otherwise."""
        values = [v for v in self._params.get(LANGUAGE_PARAM, []) if v != ""]
        if not values:
            return None
        if values[0] not in allowed:
            self.notices.append(
                _("ignored {key}={value} (expected one of {allowed}); showing English").format(
                    key=LANGUAGE_PARAM, value=_show(values[0]), allowed=", ".join(allowed)
                )
            )
            return None
        return values[0]

    def version(self) -> str | None:
        values = self._params.get(VERSION_PARAM, [])
        return values[0] if values else None


def year_range_value(years: tuple[int, int]) -> str:
    return f"{years[0]}-{years[1]}"


def flag_value(value: bool) -> str:
    return "1" if value else "0"


def query_string(query: Mapping[str, str | Iterable[str]]) -> str:
    """Encode with repeated keys for lists, in a stable order so equal views give equal links."""
    pairs: list[tuple[str, str]] = []
    for key, value in query.items():
        values = [value] if isinstance(value, str) else list(value)
        pairs.extend((key, v) for v in values)
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def permalink(page_url: str, query: Mapping[str, str | Iterable[str]], version: str) -> str:
    """The view's link with every value explicit and the data version pinned."""
    parts = urllib.parse.urlsplit(page_url)
    if not parts.path:
        page_url = urllib.parse.urlunsplit(parts._replace(path="/"))
    return f"{page_url}?{query_string({**query, VERSION_PARAM: version})}"


def version_notice(linked: str | None, current: str) -> str | None:
    if linked is None or linked == current:
        return None
    return _(
        "This link was made with data version {linked}; the data has changed since (now {current}), "
        "so figures may differ from what the sender saw."
    ).format(linked=_show(linked), current=current)


def _show(value: str, limit: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


PUBLIC_URL_VARIABLE = "DASHBOARD_PUBLIC_URL"


def public_base(configured: str | None) -> tuple[str | None, str | None]:
    """The public address readers use (`DASHBOARD_PUBLIC_URL`, e.g. 'https://example.org/japan-ca'),
    without a trailing slash, and a message saying what to fix when it is set but not an http(s)
    address with a host and no query. (None, None) when it is not set."""
    if not configured or not configured.strip():
        return None, None
    parts = urllib.parse.urlsplit(configured.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None, _(
            "{variable} is set to {value}, which is not an http(s) address with a host and no query "
            "(e.g. https://example.org/japan-ca); links use the address the browser used instead."
        ).format(variable=PUBLIC_URL_VARIABLE, value=_show(configured))
    return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/"))), None


def page_address(public: str | None, browser_url: str | None, url_path: str) -> str:
    """A page's address for links that leave the browser: under the public address when one is
    configured (behind a proxy the browser's own is the proxy's, or localhost), else the address
    the browser used, else root-relative (AppTest, or before the browser has reported it)."""
    if public:
        return f"{public}/{url_path}"
    return browser_url or f"/{url_path}"
