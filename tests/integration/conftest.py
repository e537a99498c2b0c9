"""Integration fixtures: the real local stack (Kafka and Redis started by deploy/local/stack.sh)
and the three real workers, started as processes in a fresh namespace per test session so their
topics and consumer groups are new. A missing service is a failure, never a skip."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from newsflow.runtime.kafka import create_topics
from newsflow.settings import Settings
from tests.conftest import ROOT

KAFKA = os.environ.get("NEWSFLOW_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
REDIS_PORT = int(os.environ.get("NEWSFLOW_REDIS_PORT", "6379"))


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def stack() -> None:
    host, port = KAFKA.split(",")[0].rsplit(":", 1)
    missing = [name for name, (h, p) in {"kafka": (host, int(port)), "redis": ("127.0.0.1", REDIS_PORT)}.items()
               if not port_open(h, p)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not reachable; start the local stack with `make stack-up`")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int, *extra: str) -> subprocess.Popen:
    """A private redis-server on ``port`` (``extra``: more server options, e.g. --requirepass)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server not installed; run `make stack-up`")
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             *extra], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    pytest.fail("private redis-server did not start")


def wait_until_joined(settings: Settings, procs, logs: Path, seconds: float = 120) -> None:
    """Until each worker's consumer group has a member; fails with the log of a worker that died."""
    logging.getLogger("kafka").setLevel(logging.ERROR)  # it cannot decode Faust's member metadata; harmless
    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    groups = [f"{settings.namespace}newsflow-{stage}" for stage, _log, _proc in procs]
    deadline = time.monotonic() + seconds
    try:
        while True:
            for stage, _log, proc in procs:
                if proc.poll() is not None:
                    pytest.fail(f"{stage} worker exited ({proc.returncode}):\n{(logs / f'{stage}.log').read_text()[-3000:]}")
            try:
                described = admin.describe_groups(groups)
            except KafkaError:
                described = {}
            if len(described) == len(groups) and all(g.get("members") for g in described.values()):
                return
            if time.monotonic() > deadline:
                pytest.fail(f"workers did not join their consumer groups within {seconds} s")
            time.sleep(0.5)
    finally:
        admin.close()


METRICS_PORTS: dict[str, dict[str, int]] = {}
"""Each running set of workers' Prometheus ports, by namespace and stage."""


@contextmanager
def running_workers(tmp_path_factory, redis_url: str) -> Iterator[Settings]:
    """Three workers on fresh topics (``it<random>.news.*``) using ``redis_url``, each exporting its
    metrics on a free port (:data:`METRICS_PORTS`); yields their settings."""
    namespace = f"it{uuid.uuid4().hex[:8]}."
    env = {
        **os.environ,
        "NEWSFLOW_NAMESPACE": namespace,
        "NEWSFLOW_KAFKA_BOOTSTRAP": KAFKA,
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STATE_DIR": str(tmp_path_factory.mktemp("faust")),
        "NEWSFLOW_LOG_LEVEL": "WARNING",
    }
    ports = METRICS_PORTS[namespace] = {stage: free_port() for stage in ("cleaner", "segmenter", "tagger")}
    settings = Settings(namespace=namespace, kafka_bootstrap=KAFKA, redis_url=redis_url)
    create_topics(settings)
    logs = Path(tmp_path_factory.mktemp("logs"))
    procs = []
    for stage in ("cleaner", "segmenter", "tagger"):
        log = (logs / f"{stage}.log").open("wb")
        procs.append((stage, log, subprocess.Popen([sys.executable, "-m", "newsflow.cli", "worker", stage], cwd=ROOT,
                                                    env={**env, "NEWSFLOW_METRICS_PORT": str(ports[stage])},
                                                    stdout=log, stderr=subprocess.STDOUT)))
    try:
        wait_until_joined(settings, procs, logs)
        yield settings
    finally:
        for _stage, _log, proc in procs:
            proc.terminate()
        for stage, log, proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
            if proc.returncode not in (0, -15):
                print(f"{stage} worker exit {proc.returncode}:\n{(logs / f'{stage}.log').read_text()[-3000:]}")


@pytest.fixture(scope="session")
def pipeline(stack, tmp_path_factory) -> Iterator[Settings]:
    """The three workers on fresh topics, with the stack's Redis."""
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0") as settings:
        yield settings
