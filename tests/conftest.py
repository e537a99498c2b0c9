"""Shared test helpers: where the project and the shared development data live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFLOW_SHARED", ROOT.parent / "shared"))
SAMPLES = ROOT / "examples" / "samples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.fail(f"development data not found at {data}; set NEWSFLOW_SHARED")
    return data
