"""docpipe: web pages and documents into analysis-ready Parquet.

Stages (each a plain typed function, Prefect only wraps batches of them):
fetch -> clean -> structure -> export. See docpipe.pipeline for the chain.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # __version__ is read from the installed metadata when asked for: importlib.metadata (and
    # the email parser it loads) is 20-50 ms of a start-up that `docpipe extract` never needs.
    if name != "__version__":
        raise AttributeError(f"module 'docpipe' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("docpipe")
    except PackageNotFoundError:  # running from a source tree without install
        value = "0.0.0+local"
    globals()["__version__"] = value
    return value
