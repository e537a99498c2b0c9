"""Idempotent output: a redelivered input record does not produce its outputs a second time.

Kafka delivers at least once: after a crash or a rebalance a worker can consume a record it had
already processed. Every output is logged in Redis under the input record's coordinates and the
output's id — ``<namespace>newsflow:out:<stage>:<topic>:<partition>:<offset>:<id>`` — once the broker
has acknowledged it; before producing, a worker skips outputs already logged. A fresh push of the
same page is a new record (new offset) and flows normally. The log is written after the
acknowledgement, so a crash between the two gives a duplicate, never a loss; with Redis down
nothing is suppressed.

The same log counts how many times a worker has taken up a record without finishing it
(:meth:`OutputLog.taken`, :meth:`OutputLog.finished`): a record that kills every worker that takes
it (out of memory, a crash in native code) would otherwise stop its partition for good, each new
worker dying on it in turn (see :func:`newsflow.runtime.app.poisoned`).
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

    def taken_key(self, topic: str, partition: int, offset: int) -> str:
        return f"{self.prefix}taken:{topic}:{partition}:{offset}"

    async def taken(self, topic: str, partition: int, offset: int) -> int:
        """Counts one more time this stage takes up the record and returns the count: 1 the first
        time, more when the workers that took it before died before :meth:`finished`. 0 without Redis."""
        if self.client is None:
            return 0
        key = self.taken_key(topic, partition, offset)
        try:
            async with self.client.pipeline(transaction=False) as pipe:
                count, _ = await pipe.incr(key).expire(key, self.ttl).execute()
            return int(count)
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, record not counted: %s", exc)
            return 0

    async def any_taken(self, records: list[tuple[str, int, int]]) -> bool:
        """Whether a worker has taken up one of ``records`` (topic, partition, offset) and died before
        finishing it. False without Redis."""
        if self.client is None or not records:
            return False
        try:
            return any(await self.client.mget([self.taken_key(*record) for record in records]))
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, records not checked: %s", exc)
            return False

    async def finished(self, topic: str, partition: int, offset: int) -> None:
        """The record is done with (produced or dead-lettered): a later delivery counts from 1 again."""
        if self.client is None:
            return
        try:
            await self.client.delete(self.taken_key(topic, partition, offset))
        except (RedisError, OSError) as exc:
            REDIS_ERRORS.labels(self.stage).inc()
            log.warning("redis unavailable, record not marked finished: %s", exc)

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
