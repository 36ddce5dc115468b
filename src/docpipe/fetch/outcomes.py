"""What the fetch stage did with each input, in the few classes a run report charts.

The classes are those a data engineer reads an HTTP crawl by: 200 (fetched), 304 (not
modified), 4xx, 5xx, timeout, connection_error; plus `refused` (a fetch-stage reject that is
not an HTTP status or a transport failure: robots.txt, content type, size, binary body, bad
URL, missing file) and `local` (a file or WARC record read from disk). Retries are not an
outcome of an input: FetchStats counts them per request, and the run records the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

from docpipe.ids import is_url
from docpipe.models import FetchedDocument, Rejection, Stage, Unchanged


class FetchOutcome(StrEnum):
    ok = "200"
    not_modified = "304"
    client_error = "4xx"
    server_error = "5xx"
    timeout = "timeout"
    connection_error = "connection_error"
    refused = "refused"
    local = "local"


def _rejected(reason: str) -> FetchOutcome:
    # Reason codes of docpipe.fetch.http: http_<status> (4xx and 304-without-validators),
    # http_429, http_5xx (every 5xx status, as retried), timeout, connection_error.
    if reason == "http_5xx" or (reason.startswith("http_5") and reason[5:].isdigit()):
        return FetchOutcome.server_error
    if reason.startswith("http_4") and reason[5:].isdigit():
        return FetchOutcome.client_error
    if reason == "timeout":
        return FetchOutcome.timeout
    if reason == "connection_error":
        return FetchOutcome.connection_error
    return FetchOutcome.refused


def fetch_outcome(result: FetchedDocument | Rejection | Unchanged) -> FetchOutcome | None:
    """The outcome class of one fetch result; None for a reject of a later stage."""
    if isinstance(result, Rejection):
        return _rejected(result.reason) if result.stage == Stage.fetch else None
    if isinstance(result, Unchanged):
        if result.reason == "not_modified":
            return FetchOutcome.not_modified
        # same_content: the body was fetched (or read) again and hashed the same.
        return FetchOutcome.ok if is_url(result.source) else FetchOutcome.local
    if result.status is None or not is_url(result.source):
        return FetchOutcome.local  # files and WARC records: no request was made
    return FetchOutcome.ok


def count_outcomes(results: Iterable[FetchedDocument | Rejection | Unchanged]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for result in results:
        outcome = fetch_outcome(result)
        if outcome is not None:
            counts[outcome.value] += 1
    return dict(counts)
