"""Exact-duplicate marking against a real Redis: first copy wins, a replay of the same id is not
a duplicate, and when Redis goes away the check is skipped and flagged, then resumes by itself
when Redis returns. Uses the stack's Redis and a private redis-server it starts and stops."""

from __future__ import annotations

import asyncio
import uuid

from newsflow.runtime.dedup import DuplicateIndex
from newsflow.runtime.redis_client import connect
from newsflow.schema import Article
from newsflow.settings import Settings
from tests.integration.conftest import REDIS_PORT, free_port, start_redis


def article(id_, text="Some text of a story. Told twice."):
    return Article(id=id_, parent_id=id_, text=text)


def test_first_copy_wins_and_replay_is_not_a_duplicate(stack):
    async def go():
        index = DuplicateIndex(connect(Settings(redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0")), stage="test",
                               ttl_seconds=60, namespace=f"t{uuid.uuid4().hex}.")
        try:
            first = await index.mark(article("a"))
            replay = await index.mark(article("a"))
            copy = await index.mark(article("b", "some TEXT of a story told twice!"))
            other = await index.mark(article("c", "A different story."))
        finally:
            await index.close()
        return first, replay, copy, other

    first, replay, copy, other = asyncio.run(go())
    assert first.duplicate_of is None and first.quality["dedup"] == "checked"
    assert replay.duplicate_of is None
    assert copy.duplicate_of == "a"
    assert other.duplicate_of is None


def test_redis_outage_is_flagged_and_recovered(stack):
    port = free_port()
    server = start_redis(port)

    async def go():
        nonlocal server
        index = DuplicateIndex(connect(Settings(redis_url=f"redis://127.0.0.1:{port}/0")), stage="test", ttl_seconds=60)
        try:
            before = await index.mark(article("x1", "before the outage"))
            server.terminate()
            server.wait(timeout=10)
            during = await index.mark(article("x2", "during the outage"))
            server = start_redis(port)
            after = await index.mark(article("x3", "before the outage"))
        finally:
            await index.close()
        return before, during, after

    try:
        before, during, after = asyncio.run(go())
    finally:
        server.kill()
    assert before.quality["dedup"] == "checked"
    assert during.quality["dedup"] == "skipped" and during.duplicate_of is None
    # the new server is empty, so x3 is new; what matters is that checking resumed
    assert after.quality["dedup"] == "checked"


def test_result_cache_hits_after_a_put_and_misses_without_redis(stack):
    from newsflow.runtime.cache import ResultCache

    async def go():
        ns = f"t{uuid.uuid4().hex}."
        live = ResultCache(connect(Settings(redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0")), stage="test",
                           version="v1", ttl_seconds=60, namespace=ns)
        other_version = ResultCache(live.client, stage="test", version="v2", ttl_seconds=60, namespace=ns)
        dead = ResultCache(connect(Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0")), stage="test",
                           version="v1", ttl_seconds=60)
        try:
            before = await live.get("some text")
            await live.put("some text", {"language": "en"})
            after = await live.get("some text")
            ttl = await live.client.ttl(live.key("some text"))
            stale = await other_version.get("some text")
            await dead.put("some text", {"language": "en"})
            down = await dead.get("some text")
        finally:
            await live.client.aclose()
            await dead.client.aclose()
        return before, after, ttl, stale, down

    before, after, ttl, stale, down = asyncio.run(go())
    assert before is None and after == {"language": "en"}
    assert 0 < ttl <= 60
    assert stale is None  # a new stage version never reads old results
    assert down is None


def test_near_duplicates_are_marked_with_their_similarity(stack):
    story = ("The city council voted on Tuesday to close three public libraries next spring, citing a budget "
             "shortfall of four million dollars. Residents protested outside the town hall, and the mayor said the "
             "decision had been the hardest of her term. Library staff will be offered jobs elsewhere in the city.")
    edited = story.replace("Tuesday", "Wednesday").replace("hardest", "most difficult") + " Share this story."
    other = ("The city council voted on Tuesday to build a new swimming pool by the river, paid for by a grant "
             "from the regional government. Construction starts in June and should take two years to finish.")

    async def go():
        index = DuplicateIndex(connect(Settings(redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0")), stage="test",
                               ttl_seconds=60, namespace=f"t{uuid.uuid4().hex}.")
        try:
            return [await index.mark(article(i, t))
                    for i, t in (("a", story), ("b", edited), ("c", other), ("a", story), ("b", edited))]
        finally:
            await index.close()

    first, copy, different, replay, copy_again = asyncio.run(go())
    assert first.duplicate_of is None
    assert copy.duplicate_of == "a" and 0.5 <= copy.quality["near_duplicate_similarity"] < 1
    assert different.duplicate_of is None
    assert replay.duplicate_of is None
    assert copy_again.duplicate_of == "a", "a replayed near duplicate gets the verdict of its first pass"


def test_output_log_marks_outputs_of_one_input_record(stack):
    from newsflow.runtime.outputs import OutputLog

    async def go():
        log = OutputLog(connect(Settings(redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0")), stage="test",
                        ttl_seconds=60, namespace=f"t{uuid.uuid4().hex}.")
        first = log.key("news.raw.v1", 3, 1200, "a#0")
        try:
            before = await log.produced(first)
            await log.record(first)
            after = await log.produced(first)
            other_offset = await log.produced(log.key("news.raw.v1", 3, 1201, "a#0"))
        finally:
            await log.client.aclose()
        return before, after, other_offset

    before, after, other_offset = asyncio.run(go())
    assert (before, after) == (False, True)
    assert other_offset is False  # a fresh push of the same page is a new record, not a replay


def test_password_protected_redis(stack):
    port = free_port()
    server = start_redis(port, "--requirepass", "s3cret-for-test")

    async def go(password):
        index = DuplicateIndex(connect(Settings(redis_url=f"redis://127.0.0.1:{port}/0", redis_password=password)),
                               stage="test", ttl_seconds=60)
        try:
            return await index.mark(article(f"p-{password}", "text behind a password, long enough to shingle it well"))
        finally:
            await index.close()

    try:
        with_password = asyncio.run(go("s3cret-for-test"))
        without = asyncio.run(go(None))
    finally:
        server.kill()
    assert with_password.quality["dedup"] == "checked"
    assert without.quality["dedup"] == "skipped"  # refused, flagged, not fatal
