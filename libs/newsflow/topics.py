"""Topic names and partition counts, declared once.

Dots keep these apart from Faust's own ``<app>-<table>-changelog`` topics. Messages are keyed
by article id, so retries and duplicates of one article stay on one partition.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    retention_ms: int = 7 * 24 * 3600 * 1000

    def qualified(self, namespace: str = "") -> str:
        return f"{namespace}{self.name}"


MAX_MESSAGE_BYTES = 32 * 1024 * 1024
"""The largest message newsflow produces or fetches (the brokers' ``message.max.bytes`` in
``deploy/local/stack.sh`` and ``docker-compose.yml``)."""

RAW = TopicSpec("news.raw.v1", partitions=8)
CLEANED = TopicSpec("news.cleaned.v1", partitions=8)
SEGMENTED = TopicSpec("news.segmented.v1", partitions=8)
TAGGED = TopicSpec("news.tagged.v1", partitions=8)
DEAD_LETTER = TopicSpec("news.dlq.v1", partitions=1, retention_ms=30 * 24 * 3600 * 1000)

ALL = (RAW, CLEANED, SEGMENTED, TAGGED, DEAD_LETTER)
INPUT = {"cleaner": RAW, "segmenter": CLEANED, "tagger": SEGMENTED}
"""The topic each stage's workers read (their consumer group: ``<namespace>newsflow-<stage>``)."""
BY_NAME = {t.name: t for t in ALL}
