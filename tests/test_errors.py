"""Errors say transient vs terminal, stage and reason — also after crossing a process boundary."""

from __future__ import annotations

import pickle

import pytest

from docpipe.errors import DocpipeError, TerminalError, TransientError
from docpipe.models import Stage


@pytest.mark.parametrize("cls,transient", [(TransientError, True), (TerminalError, False)])
def test_errors_pickle_with_class_stage_reason_and_source(cls: type[DocpipeError], transient: bool) -> None:
    # Dask workers send exceptions back pickled: the flow must still see what failed and why.
    error = cls(Stage.fetch, "http_5xx", "server answered 503", source="http://127.0.0.1/a")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (copy.stage, copy.reason, copy.message, copy.source, copy.transient) == (
        Stage.fetch, "http_5xx", "server answered 503", "http://127.0.0.1/a", transient,
    )
    assert str(copy) == str(error) == "[fetch:http_5xx] http://127.0.0.1/a: server answered 503"


def test_rejection_carries_the_error() -> None:
    rejection = TransientError(Stage.export, "storage_unavailable", "bucket did not answer").to_rejection("x.html")
    assert rejection.transient and rejection.stage == Stage.export and rejection.reason == "storage_unavailable"
    assert rejection.as_error() == {"stage": "export", "reason": "storage_unavailable", "message": "bucket did not answer"}
