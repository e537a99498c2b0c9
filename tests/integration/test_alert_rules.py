"""Prometheus loads the shipped alert rules: promtool, from the local stack's Prometheus, checks them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_promtool_accepts_the_alert_rules(stack):
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail("promtool not installed; make stack-up installs Prometheus, which brings it")
    checked = subprocess.run([promtool, "check", "rules", str(ROOT / "deploy" / "prometheus" / "alerts.yml")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout
