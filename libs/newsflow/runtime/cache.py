"""Stage results cached in Redis by content hash and stage version, so re-pushing or replaying the
same pages skips the heavy work (the tagger's NER). A new stage version misses by construction.

Keys: ``<namespace>newsflow:cache:<stage>:<version>:<hash>`` with a time-to-live. Redis errors
count as misses: the work is done again, never lost.
"""

from __future__ import annotations

import orjson
import redis.asyncio as aioredis

from newsflow.runtime.metrics import CACHE_REQUESTS
from newsflow.runtime.redis_client import tolerant
from newsflow.schema import content_hash

_FAILED = object()


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
        key = self.key(content)
        raw = await tolerant(self.client, self.stage, lambda client: client.get(key), _FAILED, "cache skipped")
        CACHE_REQUESTS.labels(self.stage, "error" if raw is _FAILED else "miss" if raw is None else "hit").inc()
        return None if raw is None or raw is _FAILED else orjson.loads(raw)

    async def put(self, content: str, value: dict) -> None:
        if self.client is None:
            return
        key, blob = self.key(content), orjson.dumps(value)
        await tolerant(self.client, self.stage, lambda client: client.set(key, blob, ex=self.ttl), None,
                       "result not cached")
