"""A worker killed in the middle of a stream (SIGKILL: no shutdown, no last commit, as when its
machine or container dies) and started again: every document still comes out whole, and what the
dead worker had already produced for records it had not committed is not produced again (the output
log in Redis) but for at most one batch in flight. And a record that kills every worker that takes
it up is dead-lettered by the fourth, so its partition goes on. Real workers, real Kafka and Redis."""

from __future__ import annotations

import time
from dataclasses import replace

import orjson
import redis

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.pipeline import clean_stage, segment_stage
from newsflow.runtime.app import MAX_TAKEN
from newsflow.runtime.deadletter import HEADER_REASON
from newsflow.runtime.kafka import held, producer
from newsflow.runtime.outputs import OutputLog
from newsflow.schema import RawArticle
from tests.integration.conftest import (
    REDIS_PORT,
    assert_each_out_once,
    collect,
    running_workers,
    wait_until_tagged,
)

DOCUMENTS = 120
KILLED_AFTER = 15
"""Tagged articles on the output topic when the tagger is killed: it has work behind it and ahead."""


def test_nothing_is_lost_when_a_worker_dies(stack, shared_data, tmp_path_factory):
    records = list(read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]))[:DOCUMENTS]
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0") as workers:
        settings = workers.settings
        tagged = topics.TAGGED.qualified(settings.namespace)
        prod = producer(settings)
        for record in records:
            prod.send(topics.RAW.qualified(settings.namespace), key=record.key.encode(), value=record.value)
        prod.flush()
        prod.close()

        wait_until_tagged(workers, KILLED_AFTER)
        workers.kill("tagger")
        at_kill = held(settings, tagged)[0]
        workers.start("tagger")  # its group rebalances once the dead member's session has expired (20 s)

        articles, dead = collect(settings, {r.key for r in records}, seconds=300)

    assert at_kill < sum(found[0]["segments"] for found in articles.values()), "the tagger had finished before it was killed"
    assert_each_out_once({r.key for r in records}, articles, dead, settings.tagger_batch_size)


def kill_on_each_take(workers, stage: str, topic: str, partition: int, offset: int) -> str:
    """Kills ``stage``'s worker each time it takes up the record (as its memory running out on it
    would), :data:`MAX_TAKEN` times, starting a new one each time; returns the record's count key."""
    taken = OutputLog(None, stage=stage, ttl_seconds=1, namespace=workers.settings.namespace).taken_key(
        topic, partition, offset)
    with redis.Redis(port=REDIS_PORT) as client:
        for death in range(1, MAX_TAKEN + 1):
            deadline = time.monotonic() + 120
            while int(client.get(taken) or 0) < death:
                assert time.monotonic() < deadline, f"not taken up a {death}. time:\n{workers.log(stage)}"
                time.sleep(0.02)
            workers.kill(stage)
            workers.start(stage)
    return taken


POISON_BYTES = 15_000_000
"""A raw page (the news sample's text 14 times over) that takes the cleaner ~2 s, so the test can
kill it on the page each time."""


def test_a_record_that_kills_its_workers_is_dead_lettered_and_its_partition_goes_on(stack, shared_data,
                                                                                    tmp_path_factory):
    sample = list(read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]))
    text = "\n\n".join(orjson.loads(record.value)["content"] for record in sample)
    copies = POISON_BYTES // len(text.encode())
    poison = orjson.dumps({"id": "poison", "content": "\n\n".join(f"{text}\n\nPart {k}." for k in range(copies))})
    pages = sample[:3]
    # a session timeout well above a heartbeat interval (Faust's 3 s), short enough for three restarts
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0", kafka_session_timeout_seconds="10") as workers:
        settings = workers.settings
        raw = topics.RAW.qualified(settings.namespace)
        prod = producer(settings)
        prod.send(raw, partition=0, key=b"poison", value=poison)  # offset 0, the pages queued behind it
        for page in pages:
            prod.send(raw, partition=0, key=page.key.encode(), value=page.value)
        prod.flush()
        prod.close()

        taken = kill_on_each_take(workers, "cleaner", raw, 0, 0)
        articles, dead = collect(settings, {"poison", *(page.key for page in pages)}, seconds=180)
        with redis.Redis(port=REDIS_PORT) as client:
            assert not client.exists(taken), "the count outlived the record"

    assert set(dead) == {"poison"}, sorted(dead)
    original, headers = dead["poison"]
    assert original == poison
    assert headers[HEADER_REASON] == "worker_died"
    assert headers["newsflow-stage"] == "cleaner"
    assert not {page.key for page in pages} - set(articles), "the pages behind it never came out"


def test_in_a_tagger_batch_only_the_record_that_kills_workers_is_dead_lettered(stack, shared_data, tmp_path_factory):
    articles = []
    for record in read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]):
        found = segment_stage(clean_stage(RawArticle.from_bytes(record.value)))
        articles += found if len(found) == 1 else []
        if len(articles) == 5:
            break
    # the third takes the tagger ~5 s, so the test can kill it on that article each time
    articles[2] = replace(articles[2], text="\n\n".join(f"{articles[2].text}\n\nPart {k}." for k in range(150)))
    culprit = articles[2].id
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0", kafka_session_timeout_seconds="10") as workers:
        settings = workers.settings
        segmented = topics.SEGMENTED.qualified(settings.namespace)
        prod = producer(settings)
        for article in articles:  # one batch, in this order, offsets 0-4
            prod.send(segmented, partition=0, key=article.id.encode(), value=article.to_bytes())
        prod.flush()
        prod.close()

        kill_on_each_take(workers, "tagger", segmented, 0, 2)  # first with its batch, then alone
        out, dead = collect(settings, {article.id for article in articles}, seconds=180)

    assert set(dead) == {culprit}, sorted(dead)
    assert dead[culprit][1][HEADER_REASON] == "worker_died"
    assert set(out) == {article.id for article in articles} - {culprit}
