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

from collections.abc import Awaitable, Callable
from typing import TypeVar

import redis.asyncio as aioredis

from newsflow.runtime.redis_client import tolerant

T = TypeVar("T")


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

    async def _tolerant(self, call: Callable[[aioredis.Redis], Awaitable[T]], default: T, skipped: str) -> T:
        """:func:`~newsflow.runtime.redis_client.tolerant`: the log and the count are a help, never
        a condition of going on."""
        return await tolerant(self.client, self.stage, call, default, skipped)

    async def taken(self, topic: str, partition: int, offset: int) -> int:
        """Counts one more time this stage takes up the record and returns the count: 1 the first
        time, more when the workers that took it before died before :meth:`finished`. 0 without Redis."""
        key = self.taken_key(topic, partition, offset)

        async def counted(client: aioredis.Redis) -> int:
            async with client.pipeline(transaction=False) as pipe:
                count, _ = await pipe.incr(key).expire(key, self.ttl).execute()
            return int(count)

        return await self._tolerant(counted, 0, "record not counted")

    async def any_taken(self, records: list[tuple[str, int, int]]) -> bool:
        """Whether a worker has taken up one of ``records`` (topic, partition, offset) and died before
        finishing it. False without Redis."""
        if not records:
            return False
        keys = [self.taken_key(*record) for record in records]
        return any(await self._tolerant(lambda client: client.mget(keys), [], "records not checked"))

    async def finished(self, topic: str, partition: int, offset: int) -> None:
        """The record is done with (produced or dead-lettered): a later delivery counts from 1 again."""
        key = self.taken_key(topic, partition, offset)
        await self._tolerant(lambda client: client.delete(key), None, "record not marked finished")

    async def produced(self, key: str) -> bool:
        return bool(await self._tolerant(lambda client: client.exists(key), 0, "output not checked for a replay"))

    async def record(self, key: str) -> None:
        await self._tolerant(lambda client: client.set(key, b"1", ex=self.ttl), None, "output not logged")
