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
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from newsflow import topics
from newsflow.runtime.kafka import Reader, create_topics, held
from newsflow.settings import STAGES, Settings
from tests.conftest import ROOT

KAFKA = os.environ.get("NEWSFLOW_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
REDIS_PORT = int(os.environ.get("NEWSFLOW_REDIS_PORT", "6379"))
STACK_DIR = Path(os.environ.get("NEWSFLOW_STACK_DIR", ROOT / ".stack"))
KAFKA_SASL = {  # the local stack's listeners that ask for SASL/PLAIN, in plain text and over TLS (deploy/local/stack.sh)
    protocol: {
        "kafka_bootstrap": f"127.0.0.1:{os.environ.get(variable, port)}",
        "kafka_security_protocol": protocol,
        "kafka_username": "newsflow",
        "kafka_password": os.environ.get("NEWSFLOW_KAFKA_SASL_LOCAL_PASSWORD", "newsflow-local"),
        **({"kafka_ssl_cafile": str(STACK_DIR / "kafka" / "tls" / "ca.pem")} if protocol == "SASL_SSL" else {}),
    }
    for protocol, variable, port in (("SASL_PLAINTEXT", "NEWSFLOW_KAFKA_SASL_PORT", "9094"),
                                     ("SASL_SSL", "NEWSFLOW_KAFKA_SASL_SSL_PORT", "9095"))
}


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


class Workers:
    """The three workers of one namespace, each a process; one can be killed and started again."""

    def __init__(self, settings: Settings, env: dict[str, str], logs: Path) -> None:
        self.settings, self.logs = settings, logs
        self.ports = {stage: free_port() for stage in STAGES}
        self._env = env
        self._procs: dict[str, subprocess.Popen] = {}

    def start(self, stage: str) -> None:
        with (self.logs / f"{stage}.log").open("ab") as log:  # the child keeps its own copy of the descriptor
            self._procs[stage] = subprocess.Popen(
                [sys.executable, "-m", "newsflow.cli", "worker", stage], cwd=ROOT,
                env={**self._env, "NEWSFLOW_METRICS_PORT": str(self.ports[stage])}, stdout=log, stderr=subprocess.STDOUT)

    def kill(self, stage: str) -> None:
        """SIGKILL: no shutdown, no last commit, as when a machine or a container dies."""
        proc = self._procs[stage]
        proc.kill()
        proc.wait(timeout=30)

    def exited(self) -> dict[str, int]:
        """The workers that are no longer running, with their exit codes."""
        return {stage: proc.returncode for stage, proc in self._procs.items() if proc.poll() is not None}

    def log(self, stage: str) -> str:
        return (self.logs / f"{stage}.log").read_text(errors="replace")[-3000:]

    def wait_until_joined(self, seconds: float = 120) -> None:
        """Until each worker's consumer group has a member; fails with the log of a worker that died."""
        logging.getLogger("kafka").setLevel(logging.ERROR)  # it cannot decode Faust's member metadata; harmless
        admin = KafkaAdminClient(bootstrap_servers=KAFKA)
        groups = [self.settings.consumer_group(stage) for stage in STAGES]
        deadline = time.monotonic() + seconds
        try:
            while True:
                for stage, code in self.exited().items():
                    pytest.fail(f"{stage} worker exited ({code}):\n{self.log(stage)}")
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

    def stop(self) -> None:
        for proc in self._procs.values():
            proc.terminate()
        for stage, proc in self._procs.items():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.returncode not in (0, -15):
                print(f"{stage} worker exit {proc.returncode}:\n{self.log(stage)}")


METRICS_PORTS: dict[str, dict[str, int]] = {}
"""Each running set of workers' Prometheus ports, by namespace and stage."""


@contextmanager
def running_workers(tmp_path_factory, redis_url: str, **settings: str) -> Iterator[Workers]:
    """Three workers on fresh topics (``it<random>.news.*``) using ``redis_url``, each exporting its
    metrics on a free port (:data:`METRICS_PORTS`), started and joined. ``settings``: more
    ``NEWSFLOW_*`` variables for them, by setting name."""
    namespace = f"it{uuid.uuid4().hex[:8]}."
    env = {
        **os.environ,
        "NEWSFLOW_NAMESPACE": namespace,
        "NEWSFLOW_KAFKA_BOOTSTRAP": KAFKA,
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STATE_DIR": str(tmp_path_factory.mktemp("faust")),
        "NEWSFLOW_LOG_LEVEL": "WARNING",
        **{f"NEWSFLOW_{name.upper()}": value for name, value in settings.items()},
    }
    config = Settings(**{"namespace": namespace, "kafka_bootstrap": KAFKA, "redis_url": redis_url, **settings})
    create_topics(config)
    workers = Workers(config, env, Path(tmp_path_factory.mktemp("logs")))
    METRICS_PORTS[namespace] = workers.ports
    try:
        for stage in STAGES:
            workers.start(stage)
        workers.wait_until_joined()
        yield workers
    finally:
        workers.stop()


@pytest.fixture(scope="session")
def pipeline(stack, tmp_path_factory) -> Iterator[Settings]:
    """The three workers on fresh topics, with the stack's Redis."""
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0") as workers:
        yield workers.settings


def collect(settings, want: set[str], seconds: float = 240.0):
    """Read tagged articles and dead letters until every id in ``want`` has come out whole."""
    reader = Reader(settings, [topics.TAGGED.qualified(settings.namespace), topics.DEAD_LETTER.qualified(settings.namespace)])
    reader.seek(beginning=True)
    dlq = topics.DEAD_LETTER.qualified(settings.namespace)
    articles: dict[str, list[dict]] = {}
    dead: dict[str, tuple[bytes, dict]] = {}
    deadline = time.monotonic() + seconds
    try:
        def complete(key: str) -> bool:  # dead-lettered, or every segment of it has arrived
            found = articles.get(key)
            return key in dead or (found is not None and len({a["segment"] for a in found}) == found[0]["segments"])

        while time.monotonic() < deadline and not all(complete(key) for key in want):
            for msg in reader.messages():
                if msg.topic == dlq:
                    dead[msg.key.decode()] = (msg.value, {k: v.decode() for k, v in msg.headers})
                else:
                    article = orjson.loads(msg.value)
                    assert msg.key.decode() == article["id"]
                    articles.setdefault(article["parent_id"], []).append(article)
    finally:
        reader.close()
    return articles, dead


def wait_until_tagged(workers: Workers, count: int, seconds: float = 180) -> None:
    """Until ``count`` articles are on the tagged topic: the tagger is mid-stream."""
    tagged = topics.TAGGED.qualified(workers.settings.namespace)
    deadline = time.monotonic() + seconds
    while (out := held(workers.settings, tagged)[0]) < count:
        assert time.monotonic() < deadline, f"only {out} articles tagged in {seconds} s:\n{workers.log('tagger')}"
        time.sleep(0.2)


def assert_each_out_once(keys: set[str], articles: dict[str, list[dict]], dead: dict, twice: int) -> None:
    """Every document of ``keys`` came out whole and none was dead-lettered; at most ``twice``
    articles came out twice (the batch in flight when a worker died)."""
    missing = keys - set(articles) - set(dead)
    assert not missing, f"{len(missing)} documents lost: {sorted(missing)[:10]}"
    assert not dead, f"documents dead-lettered: {sorted(dead)[:10]}"
    for parent, found in articles.items():
        assert len({a["segment"] for a in found}) == found[0]["segments"], parent
    copies = Counter(a["id"] for found in articles.values() for a in found)
    repeated = sum(n - 1 for n in copies.values())
    assert repeated <= twice, f"{repeated} articles produced twice: {copies.most_common(5)}"
