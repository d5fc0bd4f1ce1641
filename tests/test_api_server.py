"""The API on the server the README starts (dashboard/server.py): what the browser downloads is what
the API serves, pandas and frictionless read it by URL, hostile requests never get a 5xx, and
behind the balancer with replicas every address names the public host."""

from __future__ import annotations

import http.client
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate
from hypothesis import HealthCheck, given, settings
from playwright.sync_api import Page

from core.i18n import _, use_language
from core.pages import PAGES
from scripts.browser import open_page
from scripts.serve import running_service
from tests.hostile import queries

API = "/api/v1"


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (looked up in any case) and body, for an error as for a success."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def raw_get(base_url: str, target: str) -> tuple[int, bytes]:
    """GET exactly `target`, byte for byte: no client rewrites its dots or escapes."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def test_the_issues_example_serves_the_csv_and_a_typo_gets_a_400_that_names_it(base_url: str) -> None:
    status, headers, body = fetch(f"{base_url}{API}/aid.csv?recipient=KAZ&recipient=UZB")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert set(pd.read_csv(io.BytesIO(body))["recipient_code"]) == {"KAZ", "UZB"}
    assert headers["Access-Control-Allow-Origin"] == "*" and headers["ETag"] and headers["Cache-Control"]
    status, headers, body = fetch(f"{base_url}{API}/aid.csv?recipeint=KAZ")
    assert status == 400 and headers["Content-Type"] == "application/json"
    assert json.loads(body)["problems"] == ["ignored unknown parameter(s): 'recipeint'"]
    status, _headers, body = fetch(f"{base_url}{API}/aid.csv?lang=fr&recipeint=KAZ")  # each problem, not the first
    assert status == 400 and json.loads(body)["problems"] == [
        "ignored lang='fr' (expected one of en, ru); showing English",
        "ignored unknown parameter(s): 'recipeint'",
    ]


def test_the_server_log_stays_clean_of_api_requests(base_url: str, server_log: Path) -> None:
    for target in ("/", "aid.json?recipient=KAZ", "data/datapackage.json", "aid.csv?recipient=XYZ"):
        fetch(f"{base_url}{API}/{target}")
    log = server_log.read_text(encoding="utf-8")
    assert "missing ScriptRunContext" not in log and "Traceback" not in log


def test_a_streamed_answers_rows_are_built_as_part_of_the_request() -> None:
    # The log check above failed now and then: a streamed body's rows were built after the request's
    # handler returned, in a thread not marked as serving the API, and their cached facts logged
    # Streamlit's "missing ScriptRunContext" warning.
    from dashboard import api as served

    def rows() -> Iterator[bytes]:
        for number in range(3):
            yield f"{number}:{getattr(served._serving, 'active', False)}".encode()

    assert list(served.logged(rows(), "/api/v1/aid.csv")) == [b"0:True", b"1:True", b"2:True"]
    assert not served._serving.active  # and the thread is not left marked


def test_frictionless_validates_the_package_from_its_url(base_url: str) -> None:
    report = validate(f"{base_url}{API}/data/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert len(report.tasks) == len(json.loads(fetch(f"{base_url}{API}/data/datapackage.json")[2])["resources"])


def test_pandas_reads_every_address_the_index_and_the_package_name(base_url: str) -> None:
    index = json.loads(fetch(f"{base_url}{API}/")[2])
    for listed in index["pages"]:
        frame = pd.read_csv(listed["formats"]["csv"] + "?lang=ru")
        assert len(frame.columns) > 2 and not frame.columns[0].startswith("\ufeff"), listed["page"]
        assert json.loads(fetch(listed["formats"]["json"])[2])["row_count"] == len(frame)
    descriptor = json.loads(fetch(index["data_package"])[2])
    for resource in descriptor["resources"]:
        table = pd.read_csv(urllib.parse.urljoin(index["data_package"], resource["path"]))
        assert list(table.columns) == [f["name"] for f in resource["schema"]["fields"]], resource["name"]


def test_only_get_and_head_and_head_is_get_without_the_body(base_url: str) -> None:
    url = f"{base_url}{API}/timeline.csv?category=security"
    got = fetch(url)
    head = fetch(url, "HEAD")
    assert head[0] == 200 and head[2] == b"" and head[1]["ETag"] == got[1]["ETag"]
    assert fetch(url, headers={"If-None-Match": got[1]["ETag"]})[0] == 304
    for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"):
        for target in (url, f"{base_url}{API}/", f"{base_url}{API}/data/money.csv", f"{base_url}{API}/nothing"):
            status, headers, body = fetch(target, method)
            assert status == 405 and headers["Allow"] == "GET, HEAD", (method, target)
            assert method in json.loads(body)["error"] and headers["Access-Control-Allow-Origin"] == "*"
    index = fetch(f"{base_url}{API}/")
    assert fetch(f"{base_url}{API}/", headers={"If-None-Match": index[1]["ETag"]})[0] == 304


HOSTILE_TARGETS = [
    f"{API}/data/../../pyproject.toml",
    f"{API}/data/%2e%2e/%2e%2e/pyproject.toml",
    f"{API}/data/..%2f..%2fpyproject.toml",
    f"{API}/..%2f..%2fetc/passwd",
    f"{API}/data/money.csv%00.txt",
    f"{API}/data/datapackage.yaml",
    f"{API}/data/",
    f"{API}/%3Cscript%3E.csv",
    f"{API}/aid.csv/more",
    f"{API}//aid.csv",
    f"{API}/aid.xml",
    f"{API}/aid.csv?%ZZ=1&recipient=%00",
    f"{API}/aid.csv?years=99999999999999999999-1&lang=ru&lang=en",
    f"{API}/timeline.json?q=" + "%F0%9F%99%82" * 300,
    f"{API}/compare.csv?" + "country=KAZ&country=XYZ&" * 300,
    f"{API}/aid.json?v=%3Cscript%3E",
    f"{API}/sources.csv?lang=%FF",
    f"{API}/overview.csv?{'x' * 3000}=1",
]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_a_hostile_request_gets_a_4xx_and_a_path_that_climbs_finds_nothing(base_url: str, target: str) -> None:
    status, body = raw_get(base_url, target)
    assert 400 <= status < 500, (status, body[:200])
    if "/data/" in target or "etc" in target:
        assert status == 404 and json.loads(body)["error"].startswith("Nothing is served at")
        assert b"[project]" not in body and b"root:" not in body  # neither file's content


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_query_over_http_gets_an_answer_below_500(base_url: str, query: dict[str, list[str]]) -> None:
    pairs = urllib.parse.urlencode([(k, v) for k, values in query.items() for v in values])
    for page in ("aid.csv", "timeline.json", "compare.csv"):
        status, _headers, body = fetch(f"{base_url}{API}/{page}?{pairs}")
        assert status in (200, 400, 409), (status, body[:300])


@pytest.mark.server
def test_behind_the_balancer_with_replicas_every_address_names_the_public_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    public = "https://dash.example.org/japan-ca"
    monkeypatch.setenv("DASHBOARD_PUBLIC_URL", public)
    with running_service(2, tmp_path / "serve") as service:
        url = service["url"]
        view = json.loads(fetch(f"{url}{API}/aid.json?recipient=KAZ")[2])
        assert view["permalink"].startswith(f"{public}/aid?lang=en&") and view["csv"].startswith(f"{public}{API}/")
        assert json.loads(fetch(f"{url}{API}/")[2])["data_package"] == f"{public}{API}/data/datapackage.json"
        # New connections, each balanced on its own (least connections): both replicas answer alike.
        answers = {fetch(f"{url}{API}/compare.csv?country=KAZ")[2] for _ in range(6)}
        assert len(answers) == 1
        assert validate(f"{url}{API}/data/datapackage.json").valid


# Several filter states of every page, in both languages: what the browser downloads is what the
# Share popover's "Get this data" address serves.
DOWNLOADED_VIEWS = [
    "/",
    "/aid?recipient=KAZ&recipient=UZB&years=2000-2020",
    "/aid?currency=JPY&per_year=1&lang=ru",
    "/timeline?category=security&category=dialogue&years=2001-2019",
    "/timeline?q=Tokyo&lang=ru",
    "/compare?country=KAZ&country=UZB&sort=name",
    "/compare?lang=ru",
    "/sources",
]


@pytest.mark.parametrize("path", DOWNLOADED_VIEWS)
def test_the_api_address_in_share_serves_exactly_what_the_page_downloads(base_url: str, page: Page, path: str) -> None:
    language = "ru" if "lang=ru" in path else "en"
    with use_language(language):
        share, download = _("Share this view"), _("Download CSV")
    open_page(page, base_url + path)
    page.get_by_role("button", name=share).click()
    page.locator('[data-testid="stPopoverBody"] code').filter(has_text=f"{API}/").first.wait_for()
    codes = page.locator('[data-testid="stPopoverBody"] code').all_inner_texts()
    address = next(c for c in codes if c.startswith(f"{base_url}{API}/"))
    assert f"{API}/{_slug(path)}.csv?lang={language}" in address and "v=" not in address
    assert any(c.startswith("import pandas as pd") and address in c for c in codes)
    page.keyboard.press("Escape")
    with page.expect_download() as caught:
        page.get_by_role("button", name=download).click()
    downloaded = Path(caught.value.path()).read_bytes()
    status, _headers, served = fetch(address)
    assert status == 200 and served == downloaded


def _slug(path: str) -> str:
    url_path = urllib.parse.urlsplit(path).path.strip("/")
    return next(p.slug for p in PAGES if p.url_path == url_path)
