"""A worker killed in the middle of a stream (SIGKILL: no shutdown, no last commit, as when its
machine or container dies) and started again: every document still comes out whole, and what the
dead worker had already produced for records it had not committed is not produced again (the output
log in Redis) but for at most one batch in flight. Real workers, real Kafka and Redis."""

from __future__ import annotations

import time
from collections import Counter

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.runtime.kafka import held, producer
from tests.integration.conftest import REDIS_PORT, collect, running_workers

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

        deadline = time.monotonic() + 180
        while (out := held(settings, tagged)[0]) < KILLED_AFTER:
            assert time.monotonic() < deadline, f"only {out} articles tagged in 180 s:\n{workers.log('tagger')}"
            time.sleep(0.2)
        workers.kill("tagger")
        at_kill = held(settings, tagged)[0]
        workers.start("tagger")  # its group rebalances once the dead member's session has expired (20 s)

        articles, dead = collect(settings, {r.key for r in records}, seconds=300)

    assert at_kill < sum(found[0]["segments"] for found in articles.values()), "the tagger had finished before it was killed"
    missing = {r.key for r in records} - set(articles) - set(dead)
    assert not missing, f"{len(missing)} documents lost with the worker: {sorted(missing)[:10]}"
    assert not dead, f"documents dead-lettered: {sorted(dead)[:10]}"
    for parent, found in articles.items():
        assert len({a["segment"] for a in found}) == found[0]["segments"], parent
    copies = Counter(a["id"] for found in articles.values() for a in found)
    repeated = sum(n - 1 for n in copies.values())
    assert repeated <= settings.tagger_batch_size, f"{repeated} articles produced twice: {copies.most_common(5)}"
