"""Export: the analyst-facing Parquet dataset (documents, blocks, rejects, runs).

Public API::

    writer = DatasetWriter(out, run_id, ingest_date=...)
    writer.known_hashes(doc_ids)                         # doc_id -> latest committed content_hash
    writer.write_batch(batch_no, documents, rejects)     # stage one batch (atomic files)
    writer.finish(run_record)                            # commit; the runs row is written last
    read_table(out, "documents" | "blocks" | "rejects" | "runs")

See docpipe.export.dataset for the layout and the commit protocol, docs/schema.md for columns.
"""

from docpipe.export.dataset import read_table
from docpipe.export.schemas import SCHEMA_VERSION, SCHEMAS
from docpipe.export.writer import BatchWriteResult, DatasetWriter

__all__ = ["SCHEMAS", "SCHEMA_VERSION", "BatchWriteResult", "DatasetWriter", "read_table"]
