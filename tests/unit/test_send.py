"""A worker's output that no Kafka message can hold is rejected with its reason before it is sent."""

import asyncio
from types import SimpleNamespace

import pytest

from newsflow.runtime.app import send
from newsflow.schema import Rejected
from newsflow.topics import MAX_MESSAGE_BYTES


def test_an_output_larger_than_a_message_holds_is_rejected_as_too_large():
    app = SimpleNamespace(newsflow_stage="cleaner")  # nothing else is reached: no topic, no Redis
    with pytest.raises(Rejected) as caught:
        asyncio.run(send(app, None, None, "page-1", b"x" * MAX_MESSAGE_BYTES))
    assert caught.value.reason == "too_large"
    assert "cleaner" in str(caught.value) and "page-1" in str(caught.value)
