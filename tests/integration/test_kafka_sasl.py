"""The workers, the producer and the reader through broker listeners that ask for SASL/PLAIN, in
plain text and over TLS (the certificate checked against the local stack's own CA file), as managed
Kafka services do: NEWSFLOW_KAFKA_SECURITY_PROTOCOL, the credentials and NEWSFLOW_KAFKA_SSL_CAFILE
reach Faust and kafka-python alike."""

from __future__ import annotations

import pytest

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.runtime.kafka import producer
from tests.conftest import SAMPLES
from tests.integration.conftest import (
    KAFKA_SASL,
    REDIS_PORT,
    assert_each_out_once,
    collect,
    port_open,
    running_workers,
)


@pytest.mark.parametrize("protocol", sorted(KAFKA_SASL))
def test_the_pipeline_runs_through_a_listener_that_asks_for_sasl(stack, tmp_path_factory, protocol):
    host, port = KAFKA_SASL[protocol]["kafka_bootstrap"].rsplit(":", 1)
    assert port_open(host, int(port)), (f"no {protocol} listener at {host}:{port}: the local Kafka was started by an "
                                        "older deploy/local/stack.sh; restart it (make stack-down stack-up)")
    records = list(read_inputs([str(SAMPLES)]))
    with running_workers(tmp_path_factory, f"redis://127.0.0.1:{REDIS_PORT}/0", **KAFKA_SASL[protocol]) as workers:
        settings = workers.settings
        assert settings.kafka_security_protocol == protocol
        prod = producer(settings)
        for record in records:
            prod.send(topics.RAW.qualified(settings.namespace), key=record.key.encode(), value=record.value)
        prod.flush()
        prod.close()
        articles, dead = collect(settings, {r.key for r in records}, seconds=240)
    assert_each_out_once({r.key for r in records}, articles, dead, twice=0)
