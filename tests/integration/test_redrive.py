"""`newsflow redrive` on the real Kafka: dead letters of the chosen reasons go back to the topic they
came from, key and bytes as they were, once each; the others stay. Needs the local stack."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

from newsflow import topics
from newsflow.runtime.deadletter import HEADER_REDRIVEN, dead_letter_headers
from newsflow.runtime.kafka import Reader, create_topics, producer
from newsflow.settings import Settings
from tests.integration.conftest import KAFKA


def redrive(namespace: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSFLOW_NAMESPACE": namespace, "NEWSFLOW_KAFKA_BOOTSTRAP": KAFKA, "NEWSFLOW_LOG_LEVEL": "WARNING"}
    return subprocess.run([sys.executable, "-m", "newsflow.cli", "redrive", "--timeout", "30", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def read_all(settings: Settings, topic: str, count: int, seconds: float = 30.0) -> list:
    reader = Reader(settings, [topic])
    reader.seek(beginning=True)
    got, deadline = [], time.monotonic() + seconds
    try:
        while len(got) < count and time.monotonic() < deadline:
            got += list(reader.messages())
        time.sleep(1.0)  # nothing more comes
        got += list(reader.messages())
    finally:
        reader.close()
    return got


def test_dead_letters_go_back_to_their_source_once(stack):
    namespace = f"rd{uuid.uuid4().hex[:8]}."
    settings = Settings(namespace=namespace, kafka_bootstrap=KAFKA)
    create_topics(settings)
    raw, dlq = topics.RAW.qualified(namespace), topics.DEAD_LETTER.qualified(namespace)
    prod = producer(settings)
    letters = [(b"a", b'{"id": "a", "content": "A"}', "internal_error"), (b"b", b"{broken", "bad_json"),
               (b"c", b'{"id": "c", "content": "C"}', "internal_error")]
    for offset, (key, value, reason) in enumerate(letters):
        prod.send(dlq, key=key, value=value, headers=dead_letter_headers(
            stage="cleaner", reason=reason, topic=raw, partition=0, offset=offset, error=RuntimeError("boom")))
    prod.flush()
    prod.close()

    dry = redrive(namespace, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 dead letters would be sent back (internal_error 2); 1 left (bad_json 1)" in dry.stderr
    first = redrive(namespace)
    assert "2 dead letters sent back" in first.stderr, first.stderr
    again = redrive(namespace)  # the group's offsets moved past them
    assert "0 dead letters sent back" in again.stderr, again.stderr

    back = read_all(settings, raw, 2)
    assert sorted((m.key, m.value) for m in back) == [(b"a", letters[0][1]), (b"c", letters[2][1])]
    assert all(dict(m.headers)[HEADER_REDRIVEN].startswith(dlq.encode()) for m in back)

    every = redrive(namespace, "--all", "--from-beginning")
    assert "3 dead letters sent back (internal_error 2, bad_json 1)" in every.stderr, every.stderr
