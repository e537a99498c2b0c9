"""End to end through the running workers on the real Kafka and Redis: the 250 articles of the
news sample each reach news.tagged.v1 (at least one article per raw document, found by id), and
malformed inputs land on the dead-letter topic with their reason and original bytes.
Needs the local stack (`make stack-up`) and ../shared/data/news-sample."""

from __future__ import annotations

import time
import urllib.request

import orjson

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.runtime.deadletter import HEADER_REASON
from newsflow.runtime.kafka import producer
from newsflow.text.credibility import domain_of
from tests.integration.conftest import METRICS_PORTS, collect

MALFORMED = {
    "bad-json": (b'{"id": "bad-json", "content": ', "bad_json"),
    "bad-utf8": (b'{"id": "bad-utf8", "content": "caf\xe9"}', "invalid_utf8"),
    "empty": (b'{"id": "empty", "content": "   "}', "empty_content"),
    "no-content": (b'{"id": "no-content", "title": "x"}', "missing_content"),
    "array": (b"[1, 2, 3]", "not_an_object"),
    "nul": (b'{"id": "nul", "content": "\\u0000\\u0000binary"}', "binary_content"),
}


def test_news_sample_and_malformed_messages(pipeline, shared_data):
    records = list(read_inputs([str(shared_data / "news-sample" / "news_sample.csv")]))
    assert len(records) == 250
    raw_topic = topics.RAW.qualified(pipeline.namespace)
    prod = producer(pipeline)
    for record in records:
        prod.send(raw_topic, key=record.key.encode(), value=record.value)
    for key, (value, _reason) in MALFORMED.items():
        prod.send(raw_topic, key=key.encode(), value=value)
    prod.flush()
    prod.close()

    ids = {r.key for r in records}
    articles, dead = collect(pipeline, ids | set(MALFORMED))

    missing = ids - set(articles)
    assert not missing, f"{len(missing)} documents never reached news.tagged.v1: {sorted(missing)[:10]}"
    for parent, found in articles.items():
        assert len({a["segment"] for a in found}) == found[0]["segments"], parent
        for article in found:
            assert article["text"].strip()
            assert article["language"]
            assert article["schema_version"] == 1
            assert set(article["versions"]) >= {"cleaner", "segmenter", "tagger"}
    # the CSV's domain column becomes the source, and listed domains get their labels
    by_id = {r.key: orjson.loads(r.value) for r in records}
    labelled = [a for p, found in articles.items() for a in found if a["source"]["credibility"]]
    assert labelled, "no article got a credibility label"
    for a in labelled:
        assert a["source"]["domain"] == domain_of(by_id[a["parent_id"]]["source"]), a["source"]

    for key, (value, reason) in MALFORMED.items():
        assert key in dead, f"{key} not on the dead-letter topic"
        original, headers = dead[key]
        assert original == value
        assert headers[HEADER_REASON] == reason
        assert headers["newsflow-stage"] == "cleaner"
        assert headers["newsflow-source-topic"] == raw_topic
        assert int(headers["newsflow-source-offset"]) >= 0
    assert not set(dead) & ids, "good documents were dead-lettered"

    # every message consumed and committed: each stage's lag on its input comes down to 0
    for stage, topic in (("cleaner", topics.RAW), ("segmenter", topics.CLEANED), ("tagger", topics.SEGMENTED)):
        lags = consumer_lag(METRICS_PORTS[pipeline.namespace][stage], stage, topic.qualified(pipeline.namespace))
        assert lags and not any(lags.values()), (stage, lags)


def consumer_lag(port: int, stage: str, topic: str, seconds: float = 30.0) -> dict[str, float]:
    """A worker's ``newsflow_consumer_lag`` on ``topic`` by partition, read from its /metrics until
    all of it is 0 or ``seconds`` have passed (offsets are committed every second)."""
    deadline = time.monotonic() + seconds
    while True:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        lags = {labels["partition"]: float(value) for name, labels, value in _samples(text)
                if name == "newsflow_consumer_lag" and labels.get("stage") == stage and labels.get("topic") == topic}
        if (lags and not any(lags.values())) or time.monotonic() > deadline:
            return lags
        time.sleep(1.0)


def _samples(text: str):
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            yield sample.name, sample.labels, sample.value
