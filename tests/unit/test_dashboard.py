"""The provisioned Grafana dashboard charts only metrics the services export."""

import json
import re
from pathlib import Path

from prometheus_client import REGISTRY

from newsflow.runtime import metrics  # noqa: F401  (registers the metrics)

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "dashboards" / "newsflow.json"


def test_every_queried_metric_is_exported():
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    exported = {family.name + suffix for family in REGISTRY.collect() for suffix in suffixes.get(family.type, ())}
    queried = {name for panel in json.loads(DASHBOARD.read_text())["panels"] for target in panel.get("targets", [])
               for name in re.findall(r"\bnewsflow_[a-z_]+", target["expr"])}
    assert queried
    assert queried <= exported, queried - exported
