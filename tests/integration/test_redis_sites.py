"""A site's remembered pages in a real Redis (the cleaner's site furniture): newest first, trimmed,
with a time-to-live, an unreadable entry skipped; a Redis that is gone skips the rule instead of
failing the page."""

from __future__ import annotations

import asyncio
import uuid

from newsflow.runtime.redis_client import connect
from newsflow.runtime.sites import RedisSiteMemory
from newsflow.settings import Settings
from newsflow.text import sitelines
from tests.integration.conftest import REDIS_PORT, free_port


def test_pages_are_remembered_newest_first_and_trimmed(stack):
    async def go():
        client = connect(Settings(redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0"))
        memory = RedisSiteMemory(client, stage="test", ttl_seconds=60, namespace=f"t{uuid.uuid4().hex}.", pages=3)
        try:
            for i in range(4):
                await memory.remember("site.com", f"p{i}", sitelines.line_keys([f"line {i}", "shared line"]))
            await memory.remember(None, "nowhere", [1])
            recent = await memory.recent("site.com")
            ttl = await client.ttl(memory.prefix + "site.com")
            await client.lpush(memory.prefix + "site.com", b"\x01\x00\x00\x00xabc")  # keys not 8 bytes each
            return recent, ttl, await memory.recent("other.com"), await memory.recent("site.com")
        finally:
            await client.aclose()

    recent, ttl, other, after_bad = asyncio.run(go())
    assert [page_id for page_id, _ in recent] == ["p3", "p2", "p1"]
    assert recent[0][1] == frozenset(sitelines.line_keys(["line 3", "shared line"]))
    assert 0 < ttl <= 60
    assert other == []
    assert [page_id for page_id, _ in after_bad] == ["p3", "p2"]  # the unreadable entry skipped


def test_no_redis_skips_the_rule(stack):
    async def go():
        client = connect(Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0"))
        memory = RedisSiteMemory(client, stage="test", ttl_seconds=60)
        try:
            await memory.remember("site.com", "p0", [1, 2])  # logged and counted, not raised
            return await memory.recent("site.com")
        finally:
            await client.aclose()

    assert asyncio.run(go()) == []
