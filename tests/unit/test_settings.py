"""Kafka's security settings reach kafka-python's clients and Faust's workers alike."""

import pytest
from pydantic import ValidationError

from newsflow.runtime.app import broker_credentials
from newsflow.runtime.kafka import _connection
from newsflow.settings import Settings


def test_plain_text_by_default():
    settings = Settings(kafka_bootstrap="a:9092, b:9092")
    assert _connection(settings) == {"bootstrap_servers": ["a:9092", "b:9092"], "security_protocol": "PLAINTEXT"}
    assert broker_credentials(settings) is None


def test_sasl_over_tls_with_a_ca_file():
    settings = Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="SCRAM-SHA-512",
                        kafka_username="newsflow", kafka_password="s3cret", kafka_ssl_cafile=None)
    options = _connection(settings)
    assert options["security_protocol"] == "SASL_SSL" and options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("newsflow", "s3cret")
    credentials = broker_credentials(settings)
    assert credentials.protocol.value == "SASL_SSL" and credentials.mechanism.value == "SCRAM-SHA-512"
    assert credentials.username == "newsflow" and credentials.password == "s3cret"
    assert "s3cret" not in repr(settings)


def test_sasl_without_credentials_is_refused_at_start():
    with pytest.raises(ValidationError, match="NEWSFLOW_KAFKA_USERNAME and NEWSFLOW_KAFKA_PASSWORD"):
        Settings(kafka_security_protocol="SASL_SSL", kafka_username="newsflow")
