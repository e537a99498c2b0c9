"""Stage results cached in Redis by content hash and stage version, so re-pushing or replaying the
same pages skips the heavy work (the tagger's NER). A new stage version misses by construction.

Keys: ``<namespace>newsflow:cache:<stage>:<version>:<hash>`` with a time-to-live. Redis errors
count as misses: the work is done again, never lost.
"""

from __future__ import annotations

import logging

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from newsflow.runtime.metrics import CACHE_REQUESTS, REDIS_ERRORS
from newsflow.schema import content_hash

log = logging.getLogger(__name__)


class ResultCache:
    def __init__(self, client: aioredis.Redis | None, *, stage: str, version: str, ttl_seconds: int,
                 namespace: str = "") -> None:
        self.client = client
        self.stage = stage
        self.prefix = f"{namespace}newsflow:cache:{stage}:{version}:"
        self.ttl = ttl_seconds

    def key(self, content: str) -> str:
        return self.prefix + content_hash(content)

    async def get(self, content: str) -> dict | None:
        if self.client is None:
            return None
        try:
            raw = await self.client.get(self.key(content))
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            CACHE_REQUESTS.labels(self.stage, "error").inc()
            log.warning("redis unavailable, cache skipped: %s", exc)
            return None
        CACHE_REQUESTS.labels(self.stage, "miss" if raw is None else "hit").inc()
        return None if raw is None else orjson.loads(raw)

    async def put(self, content: str, value: dict) -> None:
        if self.client is None:
            return
        try:
            await self.client.set(self.key(content), orjson.dumps(value), ex=self.ttl)
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, result not cached: %s", exc)
