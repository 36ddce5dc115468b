"""Export: the analyst-facing Parquet dataset (documents, blocks, rejects, runs).

Public API::

    writer = DatasetWriter(out, run_id, ingest_date=...)
    writer.known_hashes(doc_ids)                         # doc_id -> latest committed content_hash
    writer.write_batch(batch_no, documents, rejects)     # stage one batch (atomic files)
    writer.finish(run_record)                            # commit; the runs row is written last
    read_table(out, "documents" | "blocks" | "rejects" | "runs")

See docpipe.export.dataset for the layout and the commit protocol, docs/schema.md for columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docpipe.export.dataset import read_table
from docpipe.export.schemas import SCHEMA_VERSION, SCHEMAS

if TYPE_CHECKING:
    from docpipe.export.writer import BatchWriteResult, DatasetWriter

__all__ = ["SCHEMAS", "SCHEMA_VERSION", "BatchWriteResult", "DatasetWriter", "read_table"]

# The writer is loaded on first use, not here: docpipe.export.writer imports docpipe.neardup.index,
# which itself imports docpipe.export.dataset. Importing the writer eagerly in this package made
# `import docpipe.neardup.index` (before anything had imported docpipe.export) fail with a circular
# import, because running this __init__ for export.dataset re-entered the half-loaded neardup.index.
_WRITER_NAMES = frozenset({"BatchWriteResult", "DatasetWriter"})


def __getattr__(name: str) -> Any:
    if name in _WRITER_NAMES:
        from docpipe.export import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
