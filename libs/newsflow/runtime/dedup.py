"""Exact-duplicate detection in Redis: the first article with a given normalised text wins.

Keys: ``<namespace>newsflow:dup:exact:<hash>`` → id of the first article, with a time-to-live.
One ``SET NX GET`` round trip per article. When Redis is unreachable the check is skipped (the
article is flagged ``quality.dedup = "skipped"`` and counted), never retried forever: the
pipeline keeps flowing and picks Redis up again on the next call.
"""

from __future__ import annotations

import logging
import re

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from newsflow.runtime.metrics import DEDUP_SKIPPED, DUPLICATES, REDIS_ERRORS
from newsflow.schema import Article, content_hash

log = logging.getLogger(__name__)
_NON_WORD = re.compile(r"\W+")


def dedup_key(text: str, namespace: str = "") -> str:
    """Key of ``text`` up to case, punctuation and whitespace."""
    return f"{namespace}newsflow:dup:exact:{content_hash(_NON_WORD.sub(' ', text.casefold()).strip())}"


class DuplicateIndex:
    """Marks ``duplicate_of`` on articles whose text was seen before."""

    def __init__(self, client: aioredis.Redis | None, *, stage: str, ttl_seconds: int, namespace: str = "") -> None:
        self.client = client
        self.stage = stage
        self.ttl = ttl_seconds
        self.namespace = namespace

    async def mark(self, article: Article) -> Article:
        if self.client is None:
            return article
        try:
            first = await self.client.set(dedup_key(article.text, self.namespace), article.id, nx=True, ex=self.ttl, get=True)
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            DEDUP_SKIPPED.labels(self.stage).inc()
            log.warning("redis unavailable, duplicate check skipped for %s: %s", article.id, exc)
            article.quality["dedup"] = "skipped"
            return article
        article.quality["dedup"] = "checked"
        # A redelivered message finds its own id: that is a replay, not a duplicate.
        if first is not None and first.decode() != article.id:
            article.duplicate_of = first.decode()
            DUPLICATES.labels(self.stage, "exact").inc()
        return article

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()
