"""docpipe.neardup.index can be imported first, in a fresh interpreter, before docpipe.export.

It imports docpipe.export.dataset, and the export package's writer imports neardup.index back;
a user's script (or a Dask worker unpickling a task) may well import the index module first."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "statement",
    [
        "import docpipe.neardup.index",
        "from docpipe.neardup.index import BANDS_TABLE, sketch",
        "import docpipe.export.writer",
        "from docpipe.export import DatasetWriter, read_table",
    ],
)
def test_module_imports_first_in_a_fresh_interpreter(statement: str) -> None:
    done = subprocess.run([sys.executable, "-c", statement], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_export_package_still_exposes_the_writer() -> None:
    import docpipe.export as export
    from docpipe.export.writer import BatchWriteResult, DatasetWriter

    assert export.DatasetWriter is DatasetWriter
    assert export.BatchWriteResult is BatchWriteResult
    with pytest.raises(AttributeError, match="no_such_name"):
        export.no_such_name  # noqa: B018
