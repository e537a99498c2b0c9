"""Dead letters: the original bytes of a message that could not be processed, and why.

The value and key stay exactly as consumed; headers say what happened, so a dead letter can be
inspected with ``newsflow tail news.dlq.v1`` and sent back to its source topic after a fix
(``newsflow redrive``).
"""

from __future__ import annotations

HEADER_REASON = "newsflow-reason"
HEADER_SOURCE_TOPIC = "newsflow-source-topic"
HEADER_REDRIVEN = "newsflow-redriven-from"
"""On a message ``newsflow redrive`` sent back: the dead letter's topic, partition and offset."""


def dead_letter_headers(
    *,
    stage: str,
    reason: str,
    topic: str,
    partition: int,
    offset: int,
    error: BaseException | None = None,
) -> list[tuple[str, bytes]]:
    headers = {
        HEADER_REASON: reason,
        "newsflow-stage": stage,
        HEADER_SOURCE_TOPIC: topic,
        "newsflow-source-partition": str(partition),
        "newsflow-source-offset": str(offset),
    }
    if error is not None:
        headers["newsflow-exception"] = type(error).__name__
        headers["newsflow-detail"] = str(error)[:1000]
    return [(k, v.encode("utf-8", "replace")) for k, v in headers.items()]
