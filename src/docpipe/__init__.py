"""docpipe: web pages and documents into analysis-ready Parquet.

Stages (each a plain typed function, Prefect only wraps batches of them):
fetch -> clean -> structure -> export. See docpipe.pipeline for the chain.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docpipe")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"
