"""Idempotent output: a redelivered input record does not produce its outputs a second time.

Kafka delivers at least once: after a crash or a rebalance a worker can consume a record it had
already processed. Every output is logged in Redis under the input record's coordinates and the
output's id — ``<namespace>newsflow:out:<stage>:<topic>:<partition>:<offset>:<id>`` — once the broker
has acknowledged it; before producing, a worker skips outputs already logged. A fresh push of the
same page is a new record (new offset) and flows normally. The log is written after the
acknowledgement, so a crash between the two gives a duplicate, never a loss; with Redis down
nothing is suppressed.
"""

from __future__ import annotations

import logging

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from newsflow.runtime.metrics import REDIS_ERRORS

log = logging.getLogger(__name__)


class OutputLog:
    def __init__(self, client: aioredis.Redis | None, *, stage: str, ttl_seconds: int, namespace: str = "") -> None:
        self.client = client
        self.stage = stage
        self.ttl = ttl_seconds
        self.prefix = f"{namespace}newsflow:out:{stage}:"

    def key(self, topic: str, partition: int, offset: int, output_id: str) -> str:
        return f"{self.prefix}{topic}:{partition}:{offset}:{output_id}"

    async def produced(self, key: str) -> bool:
        if self.client is None:
            return False
        try:
            return bool(await self.client.exists(key))
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, output not checked for a replay: %s", exc)
            return False

    async def record(self, key: str) -> None:
        if self.client is None:
            return
        try:
            await self.client.set(key, b"1", ex=self.ttl)
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, output not logged: %s", exc)
