"""Shared test fixtures: repository paths, the optional ../shared evaluation data, Prefect env."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = REPO / "samples"


def _shared_beside_checkout() -> Path:
    """../shared beside the repository — for a git worktree, beside its main checkout too: the
    worktree's .git file names "<main>/.git/worktrees/<name>", and a worktree kept elsewhere
    than beside the main checkout would otherwise skip every evaluation gate without a word."""
    here = REPO.parent / "shared"
    git = REPO / ".git"
    if (here / "eval").is_dir() or not git.is_file():
        return here
    text = git.read_text(encoding="utf-8").strip()
    if not text.startswith("gitdir:"):
        return here
    gitdir = Path(text.split(":", 1)[1].strip())
    if not gitdir.is_absolute():
        gitdir = (REPO / gitdir).resolve()
    if gitdir.parent.name != "worktrees" or gitdir.parent.parent.name != ".git":
        return here
    beside_main = gitdir.parent.parent.parent.parent / "shared"
    return beside_main if (beside_main / "eval").is_dir() else here


# ../shared exists beside the repository on the developers' machines and in CI, not in a
# user's clone: tests that need it skip cleanly (see `shared_dir`).
SHARED = _shared_beside_checkout()

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
