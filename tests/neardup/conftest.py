from __future__ import annotations

import pytest


@pytest.fixture
def out(tmp_path):
    """A dataset root that does not exist yet (the writer creates it)."""
    return str(tmp_path / "dataset")
