"""Redis goes away in the middle of a run and comes back: the workers keep processing (duplicate
checks skipped and flagged, cache misses), pick Redis up again by themselves, and every document
arrives. Real workers, real Kafka, and a private redis-server that the test stops and restarts."""

from __future__ import annotations

import time

import orjson

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.runtime.kafka import Reader, producer
from tests.integration.conftest import free_port, running_workers, start_redis

OUTAGE_SECONDS = 30


def test_every_article_arrives_through_a_redis_outage(stack, shared_data, tmp_path_factory):
    records = list(read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]))[:120]
    port = free_port()
    server = start_redis(port)
    try:
        with running_workers(tmp_path_factory, f"redis://127.0.0.1:{port}/0") as workers:
            settings = workers.settings
            raw = topics.RAW.qualified(settings.namespace)
            prod = producer(settings)
            third = len(records) // 3
            for record in records[:third]:
                prod.send(raw, key=record.key.encode(), value=record.value)
            prod.flush()
            time.sleep(2)
            server.terminate()  # Redis down
            server.wait(timeout=10)
            for record in records[third : 2 * third]:
                prod.send(raw, key=record.key.encode(), value=record.value)
            prod.flush()
            time.sleep(OUTAGE_SECONDS)
            server = start_redis(port)  # Redis back, empty
            for record in records[2 * third :]:
                prod.send(raw, key=record.key.encode(), value=record.value)
            prod.flush()
            prod.close()

            reader = Reader(settings, [topics.TAGGED.qualified(settings.namespace)])
            reader.seek(beginning=True)
            seen: dict[str, dict] = {}
            deadline = time.monotonic() + 300
            want = {r.key for r in records}
            while want - set(seen) and time.monotonic() < deadline:
                for msg in reader.messages():
                    article = orjson.loads(msg.value)
                    seen[article["parent_id"]] = article
            reader.close()
    finally:
        server.kill()
    assert not want - set(seen), f"lost during the outage: {sorted(want - set(seen))[:10]}"
    flags = {r.key: seen[r.key]["quality"].get("dedup") for r in records}
    assert "skipped" in flags.values(), "no article was processed while Redis was down"
    last = [flags[r.key] for r in records[2 * third + 5 :]]
    assert last and all(f == "checked" for f in last), "duplicate checks did not resume after Redis came back"
