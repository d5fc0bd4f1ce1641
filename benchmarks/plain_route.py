"""The floor for benchmarks/api.py: one plain Starlette route that returns fixed bytes (the API's
answer, fetched first), on the same server software (uvicorn). Run by the benchmark, not by hand."""

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = Path(os.environ["BENCHMARK_BODY_FILE"]).read_bytes()


def plain(request: Request) -> Response:
    return Response(BODY, media_type="text/csv; charset=utf-8")


app = Starlette(routes=[Route("/plain.csv", plain)])
