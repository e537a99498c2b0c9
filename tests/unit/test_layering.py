"""The text logic and the stage functions stay pure: they never import faust, a Kafka client
or redis (STYLE.md), so they run on literal strings and in `newsflow process`."""

import ast
from pathlib import Path

import pytest

LIBS = Path(__file__).resolve().parents[2] / "libs" / "newsflow"
PURE = [*sorted((LIBS / "text").glob("*.py")), LIBS / "pipeline.py", LIBS / "schema.py", LIBS / "inputs.py"]
FORBIDDEN = {"faust", "mode", "kafka", "aiokafka", "redis", "prometheus_client", "newsflow.runtime"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_pure_modules_import_no_io(path):
    bad = {m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)}
    assert not bad, f"{path.name} imports {bad}"
