"""Shared test fixtures: repository paths, the optional ../shared evaluation data, Prefect env."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = REPO / "samples"
# ../shared exists beside the repository on the developers' machines and in CI, not in a
# user's clone: tests that need it skip cleanly (see `shared_dir`).
SHARED = REPO.parent / "shared"

# The longest any test waits for a process to become ready (a Prefect server healthy, a run
# fetching, a lease holder gone). Not a speed expectation: every wait returns as soon as its
# event happens and fails at once when the awaited process exits; this only ends a wait for a
# process that hangs. Prefect's import and migrations alone took over 50 s on the shared
# 2-core machine under a load average of 10, so short fixed timeouts failed healthy runs.
HANG_GUARD_SECONDS = 600.0

# Offline, quiet, and never touching the user's ~/.prefect.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_HOME", str(REPO / ".prefect"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reads ../shared carries the `eval` marker, so `pytest -m eval` runs the
    evaluation gates alone and `pytest -m "not eval"` is what a user's clone runs anyway."""
    for item in items:
        if "shared_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.eval)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared (evaluation data) is not present in this checkout")
    return SHARED
