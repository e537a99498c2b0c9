"""The Kafka broker stopped in the middle of a stream and started again (a broker restart, as in an
upgrade) under running workers: they ride it out, nothing is lost and nothing is produced twice
but for a batch in flight. Real workers, and the local stack's own Kafka, which the test stops
and starts with deploy/local/stack.sh (its data is kept, so the topics survive)."""

from __future__ import annotations

import subprocess
import time

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.runtime.kafka import producer
from tests.conftest import ROOT
from tests.integration.conftest import (
    REDIS_PORT,
    assert_each_out_once,
    collect,
    running_workers,
    wait_until_tagged,
)

DOCUMENTS = 120
OUTAGE_SECONDS = 15
STACK = ROOT / "deploy" / "local" / "stack.sh"


def test_workers_ride_out_a_kafka_restart(stack, shared_data, tmp_path_factory):
    records = list(read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]))[:DOCUMENTS]
    half = len(records) // 2
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0") as workers:
        settings = workers.settings
        raw = topics.RAW.qualified(settings.namespace)
        prod = producer(settings)
        for record in records[:half]:
            prod.send(raw, key=record.key.encode(), value=record.value)
        prod.flush()
        wait_until_tagged(workers, 15)

        subprocess.run(["bash", str(STACK), "stop", "kafka"], check=True, capture_output=True)
        time.sleep(OUTAGE_SECONDS)
        subprocess.run(["bash", str(STACK), "up"], check=True, capture_output=True)
        for record in records[half:]:  # the producer reconnects by itself too
            prod.send(raw, key=record.key.encode(), value=record.value)
        prod.flush()
        prod.close()

        articles, dead = collect(settings, {r.key for r in records}, seconds=300)
        assert not workers.exited(), f"workers exited during the restart: {workers.exited()}"

    assert_each_out_once({r.key for r in records}, articles, dead, settings.tagger_batch_size)
