"""`newsflow topics` on the real Kafka: each topic's messages, and how far behind the stage that
reads it is, from its consumer group's committed offsets. Needs the local stack."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from kafka import TopicPartition

from newsflow import topics
from newsflow.runtime.kafka import Reader, create_topics, producer
from newsflow.settings import Settings
from tests.integration.conftest import KAFKA


def listed(namespace: str) -> dict[str, str]:
    env = {**os.environ, "NEWSFLOW_NAMESPACE": namespace, "NEWSFLOW_KAFKA_BOOTSTRAP": KAFKA, "NEWSFLOW_LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-m", "newsflow.cli", "topics"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return {line.split()[0]: " ".join(line.split()[4:]) for line in done.stdout.splitlines()}  # name, N partitions, exists


def test_topics_lists_messages_and_how_far_behind_each_stage_is(stack):
    namespace = f"tp{uuid.uuid4().hex[:8]}."
    settings = Settings(namespace=namespace, kafka_bootstrap=KAFKA)
    create_topics(settings)
    raw = topics.RAW.qualified(namespace)
    prod = producer(settings)
    for key in (b"a", b"b", b"c"):
        prod.send(raw, key=key, value=b'{"content": "x"}', partition=0)
    prod.flush()
    prod.close()
    assert listed(namespace)[raw] == "3 messages cleaner 3 behind"  # the group has committed nothing

    reader = Reader(settings, [raw], group=f"{namespace}newsflow-cleaner")  # as a cleaner worker commits
    reader.commit({TopicPartition(raw, 0): 2})
    reader.close()
    found = listed(namespace)
    assert found[raw] == "3 messages cleaner 1 behind"
    assert found[topics.CLEANED.qualified(namespace)] == "0 messages segmenter 0 behind"
    assert found[topics.DEAD_LETTER.qualified(namespace)].startswith("0 messages dead letters")
