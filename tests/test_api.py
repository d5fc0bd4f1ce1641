"""The API's answers (core.api), in process: each page's view as CSV and JSON built as the page's
download is, strict about its query, cacheable, and the data package served file by file."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from core import api
from core.export import csv_chunks, safe_csv
from core.facts import Facts, load_facts
from core.i18n import use_language
from core.pages import AID, COMPARE, PAGES, SOURCES, TIMELINE
from core.problems import DataError
from core.translations import localise
from core.url_state import QueryReader
from scripts.generate_data import generate
from tests.hostile import FORMULA, queries

SITE = api.Site("https://dash.example.org/japan-ca")


def derive(facts: Facts, build: Any) -> Any:
    return build(facts)


def answer(page: Any, query: dict[str, list[str]], facts: Facts, format: str = "csv", **more: Any) -> api.Answer:
    return api.view_answer(page, format, query, facts, derive, SITE, **more)


def body(result: api.Answer) -> bytes:
    return result.body if isinstance(result.body, bytes) else b"".join(result.body)


def rows_as_the_page_builds_them(page: Any, query: dict[str, list[str]], facts: Facts) -> pd.DataFrame:
    """The page's download for a link: its registry reads the link, its rows function builds them."""
    spec = page.rows
    options = spec.options(facts) if spec.options else None
    data = spec.data(facts)
    return spec.rows(data, spec.read(QueryReader(query), options, data) if spec.read else None, facts)


def problems(result: api.Answer) -> list[str]:
    return json.loads(body(result))["problems"]


VIEWS = [
    (AID, {"recipient": ["KAZ", "UZB"]}),
    (AID, {"recipient": ["KAZ,UZB"], "years": ["2000-2020"], "currency": ["JPY"], "per_year": ["1"]}),
    (AID, {"kind": ["trade"], "status": ["realised"]}),
    (TIMELINE, {"category": ["security"], "years": ["2001-2019"]}),
    (TIMELINE, {"q": ["Tokyo"], "region": ["0"], "event": ["E07"]}),
    (COMPARE, {"country": ["KAZ", "UZB"], "sort": ["name"]}),
    (COMPARE, {"metric": [""], "country": ["TJK"]}),
    (SOURCES, {}),
    (PAGES[0], {}),
]


@pytest.mark.parametrize(("page", "query"), VIEWS, ids=lambda v: getattr(v, "slug", None) or str(v))
def test_a_views_csv_is_the_pages_download_for_that_link(page: Any, query: dict, bundled_facts: Facts) -> None:
    result = answer(page, query, bundled_facts)
    assert result.status == 200, body(result)
    expected = rows_as_the_page_builds_them(page, query, bundled_facts)
    assert body(result) == safe_csv(expected)
    assert result.media_type.startswith("text/csv") and result.headers["Access-Control-Allow-Origin"] == "*"


def test_the_recipients_asked_for_are_the_only_ones_in_the_csv(bundled_facts: Facts) -> None:
    both = pd.read_csv(io.BytesIO(body(answer(AID, {"recipient": ["KAZ", "UZB"]}, bundled_facts))))
    everyone = pd.read_csv(io.BytesIO(body(answer(AID, {}, bundled_facts))))
    assert set(both["recipient_code"]) == {"KAZ", "UZB"}
    assert len(both) < len(everyone) and both.columns[0] == "flow_id"  # the BOM is not in the first name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"recipent": ["KAZ"]}, ["ignored unknown parameter(s): 'recipent'"]),
        ({"recipient": ["KAZ", "XYZ"]}, ["ignored unknown recipient: 'XYZ'"]),
        ({"years": ["abc"], "by": ["colour"]}, ["ignored years='abc' (expected years as first-last, e.g. 1993-2001)",
                                                 "ignored by='colour' (expected one of recipient, kind, status)"]),
        ({"years": ["1900-2100"]}, ["years='1900-2100' clipped to the data's"]),
    ],
)  # fmt: skip
def test_a_query_the_page_would_change_is_refused_with_each_problem_in_the_pages_words(
    query: dict, expected: list[str], bundled_facts: Facts
) -> None:
    result = answer(AID, query, bundled_facts)
    assert result.status == 400
    found = problems(result)
    assert len(found) == len(expected)
    for problem, start in zip(found, expected, strict=True):
        assert problem.startswith(start), found


def test_a_language_the_dashboard_lacks_is_a_problem_and_russian_is_russian(bundled_facts: Facts) -> None:
    refusal = "ignored lang='fr' (expected one of en, ru); showing English"
    assert api.requested_language({"lang": ["fr"]})[1] == [refusal]
    assert api.requested_language({"lang": ["ru"]}) == ("ru", [])
    russian = localise(bundled_facts, "ru")
    with use_language("ru"):
        result = answer(AID, {"lang": ["ru"], "recipient": ["KAZ"]}, russian, "json")
        refused = answer(AID, {"lang": ["ru"], "recipent": ["KAZ"]}, russian)
    view = json.loads(body(result))  # sent outside the request's language, as a server's thread does
    assert view["language"] == "ru" and view["title"] == "Помощь и инвестиции"
    assert view["sources"] and all("Язык:" in source["reference"] for source in view["sources"])
    assert view["filters"]["получатели"] == "Казахстан"
    assert problems(refused) == ["пропущены неизвестные параметры: 'recipent'"]


def test_another_data_version_is_refused_and_the_current_one_served(bundled_facts: Facts) -> None:
    stale = answer(AID, {"v": ["0000"]}, bundled_facts)
    assert stale.status == 409 and json.loads(body(stale))["data_version"] == bundled_facts.version
    assert answer(AID, {"v": [bundled_facts.version]}, bundled_facts).status == 200


def test_the_etag_names_the_view_and_a_fresh_copy_gets_304(bundled_facts: Facts) -> None:
    one = answer(AID, {"recipient": ["KAZ"]}, bundled_facts)
    again = answer(AID, {"recipient": ["KAZ"]}, bundled_facts)
    other = answer(AID, {"recipient": ["UZB"]}, bundled_facts)
    tag = one.headers["ETag"]
    assert tag == again.headers["ETag"] != other.headers["ETag"] and bundled_facts.version in tag
    assert one.headers["Cache-Control"] == api.CACHE_CONTROL
    # Pages whose views state the same parameters (none but the language) are still different views.
    assert answer(PAGES[0], {}, bundled_facts).headers["ETag"] != answer(SOURCES, {}, bundled_facts).headers["ETag"]
    cached = answer(AID, {"recipient": ["KAZ"]}, bundled_facts, if_none_match=tag)
    assert cached.status == 304 and body(cached) == b""
    assert answer(AID, {"recipient": ["UZB"]}, bundled_facts, if_none_match=tag).status == 200


def test_a_small_views_body_is_kept_by_its_etag_and_the_cache_stays_bounded(bundled_facts: Facts) -> None:
    kazakhstan, uzbekistan = (len(body(answer(AID, {"recipient": [c]}, bundled_facts))) for c in ("KAZ", "UZB"))
    cache = api.AnswerCache(max_bytes=kazakhstan + uzbekistan - 1, max_body=max(kazakhstan, uzbekistan))
    first = answer(AID, {"recipient": ["KAZ"]}, bundled_facts, cache=cache)
    assert cache.get(first.headers["ETag"]) is None  # kept once it has been sent whole
    sent = body(first)
    assert cache.get(first.headers["ETag"]) == sent
    again = answer(AID, {"recipient": ["KAZ"]}, bundled_facts, cache=cache)
    assert again.body is cache.get(first.headers["ETag"])  # served from the cache, not rebuilt
    big = answer(AID, {}, bundled_facts, cache=cache)
    assert len(body(big)) > cache.max_body and cache.get(big.headers["ETag"]) is None  # too big to keep
    assert cache.get(first.headers["ETag"]) is not None
    second = answer(AID, {"recipient": ["UZB"]}, bundled_facts, cache=cache)
    assert cache.get(first.headers["ETag"]) is not None  # not yet sent: nothing changes
    sent = body(second)
    assert cache.get(second.headers["ETag"]) == sent
    assert cache.get(first.headers["ETag"]) is None  # both do not fit: the older went


def test_the_json_holds_the_same_rows_with_the_view_its_filters_and_sources(bundled_facts: Facts) -> None:
    query = {"recipient": ["KAZ", "UZB"], "years": ["2000-2020"]}
    view = json.loads(body(answer(AID, query, bundled_facts, "json")))
    csv_rows = pd.read_csv(io.BytesIO(body(answer(AID, query, bundled_facts))), dtype=str, keep_default_na=False)
    assert view["row_count"] == len(view["rows"]) == len(csv_rows) > 0
    assert [r["flow_id"] for r in view["rows"]] == list(csv_rows["flow_id"])
    assert view["rows"][0].keys() == set(csv_rows.columns)
    assert view["data_version"] == bundled_facts.version
    assert view["permalink"].startswith(f"{SITE.base}/aid?lang=en&")
    assert view["permalink"].endswith(f"&v={bundled_facts.version}")
    assert view["csv"].startswith(f"{SITE.base}/api/v1/aid.csv?") and "v=" not in view["csv"]
    assert view["parameters"]["recipient"] == ["KAZ", "UZB"] and view["parameters"]["years"] == "2000-2020"
    assert view["filters"]["recipients"] == "Kazakhstan, Uzbekistan"
    cited = {part for cell in csv_rows["source_ids"] for part in cell.split("; ") if part}
    assert {s["source_id"] for s in view["sources"]} == cited
    assert all(s["reference"] for s in view["sources"])


def test_an_empty_list_is_an_empty_list_in_json(bundled_facts: Facts) -> None:
    view = json.loads(body(answer(AID, {"recipient": [""]}, bundled_facts, "json")))
    assert view["parameters"]["recipient"] == [] and view["rows"] == [] and view["row_count"] == 0


@pytest.mark.parametrize("size", [1, 7, 5_000])
def test_the_csv_in_pieces_is_the_csv_whole(size: int) -> None:
    frame = pd.DataFrame({
        "text": [FORMULA, "+cmd", "plain", None, "Казахстан", "a\r\nb", "@x"] * 3,
        "number": pd.array([1, None, -3, 4, 5, 6, 7] * 3, dtype="Int64"),
    })  # fmt: skip
    assert b"".join(csv_chunks([frame], size)) == safe_csv(frame)
    assert b"".join(csv_chunks([frame.iloc[:5], frame.iloc[5:5], frame.iloc[5:]], size)) == safe_csv(frame)
    assert b"".join(csv_chunks([frame.iloc[:0]], size)) == safe_csv(frame.iloc[:0])


@pytest.mark.parametrize(("page", "query"), VIEWS, ids=lambda v: getattr(v, "slug", None) or str(v))
def test_a_views_rows_in_pieces_are_its_rows_whole(page: Any, query: dict, bundled_facts: Facts) -> None:
    spec = page.rows
    options = spec.options(bundled_facts) if spec.options else None
    data = spec.data(bundled_facts)
    filters = spec.read(QueryReader(query), options, data) if spec.read else None
    whole = spec.rows(data, filters, bundled_facts)
    pieces = list(spec.in_pieces(data, filters, bundled_facts, 2))
    assert len(pieces) == max(1, -(-len(whole) // 2)) if spec.pieces else len(pieces) == 1
    assert b"".join(csv_chunks(pieces, 3)) == safe_csv(whole)


def test_a_views_memory_does_not_grow_with_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed a piece at a time, a view of every row holds no more at once than a view of a
    sixth of them: neither the rows nor the file are ever held whole."""
    monkeypatch.setattr(api.views, "ROWS_PER_CHUNK", 1_000)  # both views many pieces long, on small data
    generate(tmp_path / "data", 30_000)
    facts = load_facts(tmp_path / "data")
    cached: dict[str, Any] = {}

    def once(facts: Facts, build: Any) -> Any:  # as the server's caches: the shared data is built once
        return cached.setdefault(build.__qualname__, build(facts))

    def streamed(query: dict[str, list[str]]) -> tuple[int, int]:
        assert api.view_answer(AID, "csv", query, facts, once, SITE).status == 200  # warms the caches
        tracemalloc.start()
        try:
            size = sum(len(piece) for piece in api.view_answer(AID, "csv", query, facts, once, SITE).body)
            return size, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    kinds = {"kind": ["aid", "contribution", "investment", "loan", "grant", "technical_cooperation", "trade"]}
    every_size, every_peak = streamed(kinds)
    few_size, few_peak = streamed({**kinds, "recipient": ["KAZ"]})
    assert every_size > 4 * few_size > 4 * api.views.ROWS_PER_CHUNK * 100, (every_size, few_size)
    assert every_peak < 1.3 * few_peak, (
        f"{every_peak:,} bytes at most for {every_size:,}; {few_peak:,} for {few_size:,}"
    )
    assert every_peak < every_size, "held more than the whole file"


def test_the_index_lists_every_page_with_every_parameter_of_its_registry(bundled_facts: Facts) -> None:
    index = json.loads(body(api.index_answer(bundled_facts, derive, SITE)))
    assert [p["page"] for p in index["pages"]] == [page.slug for page in PAGES]
    assert index["data_package"] == f"{SITE.base}/api/v1/data/datapackage.json"
    for page, listed in zip(PAGES, index["pages"], strict=True):
        own = [p.key for p in page.params.params] if page.params else []
        assert [p["key"] for p in listed["parameters"]] == [*own, "lang", "v"]
        assert listed["formats"]["csv"] == f"{SITE.base}/api/v1/{page.slug}.csv"
    aid = next(p for p in index["pages"] if p["page"] == "aid")
    recipient = next(p for p in aid["parameters"] if p["key"] == "recipient")
    assert recipient["allowed"]["KAZ"] == "Kazakhstan" and recipient["repeatable"] is True
    assert next(p for p in aid["parameters"] if p["key"] == "years")["bounds"][0] < 2000


def test_the_package_is_served_as_json_and_each_file_as_it_is(bundled_facts: Facts) -> None:
    data_dir = bundled_facts.data_dir
    descriptor = api.package_answer(data_dir, bundled_facts, api.PACKAGE_FILE)
    assert descriptor is not None and descriptor.status == 200
    assert json.loads(body(descriptor)) == yaml.safe_load((data_dir / "datapackage.yaml").read_text(encoding="utf-8"))
    for resource in json.loads(body(descriptor))["resources"]:
        served = api.package_answer(data_dir, bundled_facts, resource["path"])
        assert served is not None and body(served) == (data_dir / resource["path"]).read_bytes()
    for name in ("datapackage.yaml", "../pyproject.toml", "money.csv/../../pyproject.toml", "", "MONEY.CSV"):
        assert api.package_answer(data_dir, bundled_facts, name) is None, name


def test_a_descriptor_path_that_climbs_out_serves_nothing(data_copy: Path, bundled_facts: Facts) -> None:
    (data_copy.parent / "secret.csv").write_text("secret\n", encoding="utf-8")
    descriptor = data_copy / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace("path: sources.csv", "path: ../secret.csv"))
    assert api.package_answer(data_copy, bundled_facts, "../secret.csv") is None


def test_only_get_and_head_and_broken_data_is_named() -> None:
    refused = api.method_not_allowed("POST")
    assert refused.status == 405 and refused.headers["Allow"] == "GET, HEAD"
    broken = api.data_problems_answer(DataError([]))
    assert broken.status == 503 and "python -m dashboard validate" in json.loads(body(broken))["error"]


def test_broken_data_lists_its_problems(data_copy: Path) -> None:
    (data_copy / "money.csv").write_text("flow_id\nM01\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_facts(data_copy)
    listed = problems(api.data_problems_answer(caught.value))
    assert listed[0] == "money.csv, row 1, column 'donor_code': a column 'donor_code' (Donor)"


@pytest.mark.parametrize(
    ("permalink", "page", "address"),
    [
        ("https://x.org/jca/aid?lang=en&recipient=KAZ&recipient=UZB&v=abc", AID,
         "https://x.org/jca/api/v1/aid.csv?lang=en&recipient=KAZ&recipient=UZB"),
        ("http://localhost:8501/?lang=ru&v=abc", PAGES[0], "http://localhost:8501/api/v1/overview.csv?lang=ru"),
        ("/timeline?lang=en&q=a%20b&v=1", TIMELINE, "/api/v1/timeline.csv?lang=en&q=a%20b"),
    ],
)  # fmt: skip
def test_a_permalinks_data_address_drops_only_the_version(permalink: str, page: Any, address: str) -> None:
    assert api.data_address(permalink, page) == address


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_query_gets_an_answer_and_never_an_exception(page: Any, query: dict, bundled_facts: Facts) -> None:
    result = answer(page, query, bundled_facts, "json")
    assert result.status in (200, 400, 409)
    parsed = json.loads(body(result))
    assert parsed["problems"] if result.status != 200 else parsed["page"] == page.slug
