"""Shared fixtures: the bundled graph, a tiny hand-written graph, and a built output dir."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "graph"
OUTPUT = ROOT / "output"
MINI = ROOT / "tests" / "fixtures" / "mini"
ARCHIVE = ROOT.parent / "shared" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def dataset():
    from aigraph.validate import load

    return load(GRAPH)


@pytest.fixture(scope="session")
def built(tmp_path_factory, dataset):
    """A fresh build of the bundled graph in a temporary directory."""
    from aigraph.build import build

    out = tmp_path_factory.mktemp("built")
    build(dataset, out)
    return out


@pytest.fixture
def mini_copy(tmp_path):
    """A writable copy of the tiny fixture graph and its archive."""
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def run_cli(*args, cwd=None):
    """Run the aigraph CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from aigraph.cli import cli

    runner = CliRunner()
    return runner.invoke(cli, list(args), catch_exceptions=False)
