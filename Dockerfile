# One dashboard replica. Several of them behind a balancer with sticky sessions: compose.yaml
# (HAProxy) or deploy/k8s/ (cookie affinity at the ingress); why: docs/deploy.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The locked tree first, in its own layer, so a code change does not reinstall it. Every file is
# checked against its hash in requirements.txt (docs/testing.md#the-lock-files).
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY pyproject.toml ./
COPY .streamlit/ .streamlit/
COPY core/ core/
COPY components/ components/
COPY dashboard/ dashboard/
# Then the project's own packages, as the README installs them: no dependencies (all locked above),
# built by the locked setuptools. Editable, because the code reads files beside it (locales, pages).
RUN pip install --no-deps --no-build-isolation -e .

# The bundled data, at the path the app reads; mount another Data Package over it to show that.
COPY data/ /data/
ENV DASHBOARD_DATA_DIR=/data
VOLUME ["/data"]

# Never root: the app reads files and serves HTTP, nothing more.
RUN useradd --uid 10001 --create-home --shell /usr/sbin/nologin dashboard
USER 10001

EXPOSE 8501
# Ready means /_stcore/health answers "ok" (/healthz answers 200 even for a broken app). The
# slim image has no curl; Python is there.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"]

# Every replica must get the same STREAMLIT_SERVER_COOKIE_SECRET (see compose.yaml, deploy/k8s/).
CMD ["streamlit", "run", "dashboard/server.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
