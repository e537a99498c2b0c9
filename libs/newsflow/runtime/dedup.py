"""Duplicate detection in Redis: the first article with a given text wins.

Exact: ``<namespace>newsflow:dup:exact:<hash>`` → id of the first article with that normalised
text; one ``SET NX GET`` round trip.
Near (MinHash LSH, :mod:`newsflow.text.minhash`): ``newsflow:dup:band:<version>:<band key>`` →
set of article ids, and ``newsflow:dup:sig:<version>:<id>`` → the article's signature; two round
trips (candidates and their signatures, then the writes); ``newsflow:dup:verdict:…:<id>`` keeps
the verdict so a replayed article gets the same answer. Every key has a time-to-live. When Redis is unreachable the check is skipped (the
article is flagged ``quality.dedup = "skipped"`` and counted), never retried forever: the
pipeline keeps flowing and picks Redis up again on the next call.
"""

from __future__ import annotations

import re

import numpy as np
import redis.asyncio as aioredis

from newsflow.runtime.metrics import DEDUP_SKIPPED, DUPLICATES
from newsflow.runtime.redis_client import connect, tolerant
from newsflow.schema import Article, content_hash
from newsflow.settings import Settings
from newsflow.text import minhash

MAX_CANDIDATES = 50
"""Near-duplicate candidates compared per article (band sets of very common text can grow)."""

_NON_WORD = re.compile(r"\W+")


def dedup_key(text: str, namespace: str = "") -> str:
    """Key of ``text`` up to case, punctuation and whitespace."""
    return f"{namespace}newsflow:dup:exact:{content_hash(_NON_WORD.sub(' ', text.casefold()).strip())}"


DEFAULT_NEAR = minhash.Params()


class DuplicateIndex:
    """Marks ``duplicate_of`` on articles whose text was seen before."""

    def __init__(self, client: aioredis.Redis | None, *, stage: str, ttl_seconds: int, namespace: str = "",
                 near: minhash.Params | None = DEFAULT_NEAR) -> None:
        self.client = client
        self.stage = stage
        self.ttl = ttl_seconds
        self.namespace = namespace
        self.near = near
        self._near_prefix = f"{namespace}newsflow:dup:{{}}:{minhash.VERSION}-{near.shingle if near else 0}:"

    @classmethod
    def from_settings(cls, settings: Settings, stage: str, client: aioredis.Redis | None = None) -> DuplicateIndex:
        """Configured from ``settings``; ``client`` shares an existing connection (default: a new one)."""
        near = (minhash.Params(threshold=settings.near_duplicate_threshold, shingle=settings.near_duplicate_shingle)
                if settings.near_duplicate_threshold > 0 else None)
        return cls(client or connect(settings), stage=stage, ttl_seconds=settings.dedup_ttl_seconds,
                   namespace=settings.namespace, near=near)

    async def _near_duplicate(self, article: Article) -> tuple[str, float] | None:
        """Look the article up in the LSH index and add it; the most similar earlier article."""
        sig = minhash.signature(article.text, self.near)
        if sig is None:
            return None
        bands = [self._near_prefix.format("band") + k for k in minhash.band_keys(sig, self.near)]
        sig_key = self._near_prefix.format("sig")
        async with self.client.pipeline(transaction=False) as pipe:
            for key in bands:
                pipe.srandmember(key, MAX_CANDIDATES)
            members = await pipe.execute()
        candidates = sorted({m.decode() for group in members for m in group} - {article.id})[:MAX_CANDIDATES]
        best = None
        if candidates:
            stored = await self.client.mget([sig_key + c for c in candidates])
            scored = [(minhash.similarity(sig, np.frombuffer(raw, dtype=sig.dtype)), c)
                      for c, raw in zip(candidates, stored, strict=True) if raw is not None]
            scored = [(score, c) for score, c in scored if score >= self.near.threshold]
            if scored:
                score, cand = max(scored)
                best = (cand, score)
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.set(sig_key + article.id, sig.tobytes(), ex=self.ttl)
            if best is not None:
                pipe.set(self._near_prefix.format("verdict") + article.id, f"{best[0]} {best[1]:.4f}", ex=self.ttl)
            for key in bands:
                pipe.sadd(key, article.id)
                pipe.expire(key, self.ttl)
            await pipe.execute()
        return best

    async def mark(self, article: Article) -> Article:
        if self.client is None:
            return article

        async def checked(client: aioredis.Redis) -> tuple[bytes | None, bool, tuple[str, float] | None]:
            first = await client.set(dedup_key(article.text, self.namespace), article.id, nx=True, ex=self.ttl, get=True)
            replay = first is not None and first.decode() == article.id
            near = None
            if self.near is not None and first is None:
                near = await self._near_duplicate(article)
            elif self.near is not None and replay:  # give a replay the verdict its first pass got
                verdict = await client.get(self._near_prefix.format("verdict") + article.id)
                if verdict:
                    cand, score = verdict.decode().rsplit(" ", 1)
                    near = (cand, float(score))
            return first, replay, near

        result = await tolerant(self.client, self.stage, checked, None, f"duplicate check skipped for {article.id}")
        if result is None:
            DEDUP_SKIPPED.labels(self.stage).inc()
            article.quality["dedup"] = "skipped"
            return article
        first, replay, near = result
        article.quality["dedup"] = "checked"
        # A redelivered message finds its own id: that is a replay, not a duplicate.
        if first is not None and not replay:
            article.duplicate_of = first.decode()
            DUPLICATES.labels(self.stage, "exact").inc()
        elif near is not None:
            article.duplicate_of, article.quality["near_duplicate_similarity"] = near[0], round(near[1], 3)
            DUPLICATES.labels(self.stage, "near").inc()
        return article

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()
