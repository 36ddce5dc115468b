"""Exception classes. Every one says whether retrying can help (transient) or not (terminal),
and carries the stage and a snake_case reason that ends up in the rejects table."""

from __future__ import annotations

from docpipe.models import Rejection, Stage


class DocpipeError(Exception):
    """Base class. `reason` is a stable snake_case code; the message says what and why."""

    transient: bool = False

    def __init__(self, stage: Stage, reason: str, message: str, *, source: str | None = None) -> None:
        super().__init__(f"[{stage}:{reason}] {source + ': ' if source else ''}{message}")
        self.stage = stage
        self.reason = reason
        self.message = message
        self.source = source

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from the constructor's own arguments, so the error crosses process
        # boundaries (Dask workers, multiprocessing) with its class, stage and reason intact.
        return (_rebuild, (self.__class__, self.stage, self.reason, self.message, self.source))

    def to_rejection(self, source: str, url: str | None = None) -> Rejection:
        return Rejection(
            source=source,
            url=url,
            stage=self.stage,
            reason=self.reason,
            message=self.message,
            transient=self.transient,
        )


def _rebuild(
    cls: type[DocpipeError], stage: Stage, reason: str, message: str, source: str | None
) -> DocpipeError:
    return cls(stage, reason, message, source=source)


class TransientError(DocpipeError):
    """Retrying later may succeed: timeouts, connection errors, 429, 5xx, a locked file."""

    transient = True


class TerminalError(DocpipeError):
    """Retrying will not help: 404, binary content, undecodable bytes, a malformed page."""

    transient = False


class ConfigError(ValueError):
    """The configuration file or a command-line option is invalid (raised before any work)."""
