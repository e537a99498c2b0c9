"""Pure text logic: one module per step. Nothing here imports faust, a Kafka client or redis
(tests/unit/test_layering.py enforces it), so every step runs on literal strings and is shared by
the workers and ``newsflow process``."""
